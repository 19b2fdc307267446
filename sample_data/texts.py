"""Danish text pools for the fictitious demo caseload (see generate.py).

Every person, company, street and phone number here is invented. Citizens
are (name, birth date, target group, the citizen's own goal in their words,
street address). CPR numbers are made up by generate.py from the birth date
and a serial of the form 00NN, which no real register would hold for everyone.
"""

CITIZENS = [
    ("Søren Hvidkær", "1978-03-14", "aktivitetsparat_kontanthjaelp",
     "Jeg vil have et arbejde hvor jeg kan bruge mine hænder, og en hverdag hvor jeg står op om morgenen.",
     "Æblehaven 4, 1. th, 9500 Hobro"),
    ("Åse Kærgaard Mølvig", "1969-11-02", "aktivitetsparat_kontanthjaelp",
     "Jeg vil gerne tilbage til køkkenet. Først nogle timer, så flere.", "Rosenvænget 12, 9500 Hobro"),
    ("Bjørn Ølstrup", "1985-07-21", "aktivitetsparat_kontanthjaelp",
     "Jeg vil have min egen lejlighed og et job på et lager, hvor der er ro.", "Bøgevej 7, st., 9550 Mariager"),
    ("Mette-Marie Åbjerg", "1990-01-30", "ressourceforloeb",
     "Jeg vil kunne klare en arbejdsdag uden at min angst bestemmer det hele.", "Fjordgade 21, 2. tv, 9500 Hobro"),
    ("Jørgen Fjordbæk", "1966-05-09", "aktivitetsparat_kontanthjaelp",
     "Jeg vil være ædru og have noget at stå op til. Gerne noget med biler.", "Kærvej 3, 9510 Arden"),
    ("Lærke Grønnæs", "1998-08-17", "uddannelseshjaelp",
     "Jeg vil færdiggøre en uddannelse som ernæringsassistent.", "Søndergade 40, 1. mf, 9500 Hobro"),
    ("Ørjan Skovbølle", "1982-12-01", "jobparat_kontanthjaelp",
     "Jeg vil tilbage i et fast job som chauffør hurtigst muligt.", "Østre Allé 88, 9530 Støvring"),
    ("Birthe Rævdal", "1971-04-26", "sygedagpenge",
     "Jeg vil tilbage til mit job i Netto, men med færre timer i starten.", "Lindevej 15, 9500 Hobro"),
    ("Kasper Ågård Nielsen", "1993-09-12", "jobafklaring",
     "Jeg vil finde ud af hvad min ryg kan holde til, og så finde et arbejde der passer.",
     "Vestergade 2, 3. th, 9500 Hobro"),
    ("Henriette Lysgård", "1975-02-18", "ledighedsydelse",
     "Jeg vil have et fleksjob hvor jeg kan være noget for andre, gerne i et plejecenter.", "Møllebakken 9, 9560 Hadsund"),
    ("Mikkel Sønderø", "1988-06-03", "aktivitetsparat_kontanthjaelp",
     "Jeg vil have styr på min økonomi og en fast plads et sted, hvor de kender mig.", "Kirkestræde 5, 9500 Hobro"),
    ("Fatima Al-Sæby", "1984-10-22", "aktivitetsparat_kontanthjaelp",
     "Jeg vil lære mere dansk og arbejde i et køkken eller en kantine.", "Hybenvej 31, 9500 Hobro"),
    ("Jens Præstø Holm", "1961-01-11", "fleksjob",
     "Jeg vil blive i mit fleksjob og have kræfter til børnebørnene bagefter.", "Engvej 2, 9550 Mariager"),
    ("Signe Bækgaard", "1995-03-27", "ressourceforloeb",
     "Jeg vil kunne gå i supermarkedet alene og måske arbejde med dyr.", "Tjørnevej 19, 9510 Arden"),
    ("Ahmad Rørbæk", "1979-07-07", "jobparat_kontanthjaelp",
     "Jeg vil bruge mit kørekort og arbejde med logistik.", "Havnegade 14, 2. th, 9500 Hobro"),
    ("Dorthe Kjærsgaard", "1968-09-30", "sygedagpenge",
     "Jeg vil tilbage som rengøringsassistent, men uden at min skulder går i stykker igen.", "Skolevej 6, 9560 Hadsund"),
    ("Nikolaj Strøm-Jensen", "1999-12-09", "uddannelseshjaelp",
     "Jeg vil starte på smedeuddannelsen til sommer og ikke droppe ud denne gang.", "Stationsvej 3, 1., 9530 Støvring"),
    ("Pia Ødegaard", "1973-05-15", "jobafklaring",
     "Jeg vil vide om jeg kan arbejde igen, og i så fald hvor meget.", "Bakkevej 27, 9500 Hobro"),
    ("Thomas Bøgh Larsen", "1987-02-02", "aktivitetsparat_kontanthjaelp",
     "Jeg vil være en far min søn kan regne med, og have et arbejde.", "Nørregade 50, st. tv, 9500 Hobro"),
    ("Gitte Ærø Madsen", "1964-08-08", "ledighedsydelse",
     "Jeg vil have et fleksjob på et kontor, hvor jeg kan sidde ned.", "Violvej 11, 9550 Mariager"),
    ("Rasmus Højbjerg", "1991-11-19", "ressourceforloeb",
     "Jeg vil have en hverdag med struktur og noget med computere.", "Granvej 8, 9510 Arden"),
    ("Ulla Stærmose", "1970-06-24", "aktivitetsparat_kontanthjaelp",
     "Jeg vil ud af huset hver dag og være sammen med andre mennesker.", "Anemonevej 1, 9560 Hadsund"),
    ("Yusuf Brøndum", "1996-04-04", "jobparat_kontanthjaelp",
     "Jeg vil arbejde i byggeriet og tage truckcertifikat.", "Parkvej 60, 3. tv, 9500 Hobro"),
    ("Karen Lunddahl Sørensen", "1977-10-10", "jobafklaring",
     "Jeg vil tilbage til arbejdsmarkedet på en måde min sclerose kan holde til.", "Ahornvej 22, 9530 Støvring"),
    ("Frederik Mørch", "1983-01-25", "aktivitetsparat_kontanthjaelp",
     "Jeg vil have et job der hvor jeg var i praktik i gartneriet.", "Kastanievej 4, 9500 Hobro"),
    ("Zainab Hørlyck", "1992-07-29", "sygedagpenge",
     "Jeg vil blive rask nok til at vende tilbage som pædagogmedhjælper.", "Birkevej 13, 9550 Mariager"),
    ("Poul Erik Dybbøl", "1962-03-03", "other",
     "Jeg vil bare have lov at passe mit småjob i fred, og så have en god pension.", "Gl. Landevej 101, 9510 Arden"),
    ("Emilie Fænø", "1997-05-05", "aktivitetsparat_kontanthjaelp",
     "Jeg vil have min egen bolig og en praktikplads i en butik.", "Solsikkevej 2, 1. th, 9500 Hobro"),
    ("Morten Kræmmer", "1980-09-16", "fleksjob",
     "Jeg vil have flere timer i mit fleksjob, når mine smerter tillader det.", "Mosevej 17, 9560 Hadsund"),
    ("Line Vængegaard", "1986-12-12", "aktivitetsparat_kontanthjaelp",
     "Jeg vil holde mig fra hashen og få et arbejde i en genbrugsbutik.", "Pilevej 33, 9500 Hobro"),
]

# (life area, goal title, [(action, provider), ...])
GOALS = {
    "bolig": [("Få egen lejlighed", [("Skrive op til almene boliger", "citizen"),
                                      ("Ansøge om boligstøtte", "socialforvaltning")]),
              ("Beholde lejligheden", [("Bostøtte hjælper med at åbne post hver uge", "bostoette"),
                                       ("Aftale afdrag på huslejerestance", "socialforvaltning")])],
    "psykisk_helbred": [("Færre dage med angst", [("Henvisning til psykolog", "sundhed"),
                                                   ("Gå tur hver dag efter frokost", "citizen")]),
                        ("Stabil medicinering", [("Kontrol hos egen læge", "sundhed"),
                                                 ("Bostøtte følger med til distriktspsykiatrien", "bostoette")])],
    "fysisk_helbred": [("Mindre smerter i ryggen", [("Genoptræning hos fysioterapeut", "sundhed"),
                                                   ("Statusattest fra egen læge", "jobcenter")]),
                       ("Bedre søvn", [("Samtale med læge om søvn", "sundhed"),
                                       ("Fast sengetid kl. 23", "citizen")])],
    "oekonomi": [("Overblik over gæld", [("Møde hos gældsrådgivning", "other"),
                                          ("Budget sammen med socialrådgiver", "socialforvaltning")]),
                 ("Betale regninger til tiden", [("Oprette betalingsservice", "citizen"),
                                                 ("Ansøge om enkeltydelse til tandlæge", "socialforvaltning")])],
    "daglige_aktiviteter": [("Komme op om morgenen", [("Fast morgenaftale med bostøtte", "bostoette"),
                                                        ("Deltage i værestedets morgenmad", "citizen")]),
                            ("Handle ind selv", [("Øve indkøb sammen med støttekontaktperson", "bostoette")])],
    "netvaerk": [("Mere kontakt med familien", [("Netværksmøde med søster", "jobcenter"),
                                                  ("Ringe til datteren hver søndag", "citizen")]),
                 ("Et fritidsfællesskab", [("Prøve en aften i fodboldklubben", "citizen"),
                                           ("Besøge frivilligcentret", "other")])],
    "misbrug": [("Stop med hash", [("Opstart i misbrugsbehandling", "misbrugsbehandling"),
                                    ("Urinprøver hver 14. dag", "misbrugsbehandling")]),
                ("Mindre alkohol", [("Antabusbehandling", "misbrugsbehandling"),
                                    ("Samtale med læge om abstinenser", "sundhed")])],
    "uddannelse_beskaeftigelse": [("Virksomhedspraktik i relevant branche", [
                                      ("Finde praktikplads via virksomhedskonsulent", "jobcenter"),
                                      ("Lave CV sammen med jobkonsulent", "jobcenter")]),
                                  ("Ordinære timer ved siden af praktikken", [
                                      ("Aftale ordinære timer med arbejdsgiver", "jobcenter"),
                                      ("Søge 3 stillinger om ugen", "citizen")]),
                                  ("Afklaring af arbejdsevne", [
                                      ("Rehabiliteringsteam forelæggelse", "jobcenter"),
                                      ("Lægelig vurdering (LÆ 265)", "sundhed")])],
}

MEETING_NOTES = {
    "jobsamtale": ["Vi gennemgik jobsøgningen. Borgeren har søgt 4 stillinger og fået et afslag.",
                   "Talte om truckcertifikat og kørekort C. Borgeren er motiveret.",
                   "Joblog er ikke opdateret; aftalt at vi gør det sammen næste gang."],
    "opfoelgningssamtale": ["Status på planen: det går bedre med søvnen, smerterne er uændrede.",
                            "Borgeren fortæller at praktikken giver mening. Vil gerne have flere timer.",
                            "Svær periode med mange aflysninger. Vi aftaler kortere og hyppigere kontakt."],
    "tvaerfagligt_opstartsmoede": ["Opstart med jobcenter, socialforvaltning og CTI-medarbejder. Planen blev skrevet sammen.",
                                   "Alle parter var til stede. Borgeren valgte selv fokusområder."],
    "cti_samtale": ["CTI-samtale på café. Borgeren var åben og fortalte om netværket.",
                    "Gennemgik fasens fokusområder; bostøtten tager over med posten."],
    "netvaerksmoede": ["Netværksmøde med søster og bostøtte. Søsteren vil hjælpe med indkøb.",
                       "Mødet med familien var svært, men der blev lavet aftaler om weekenderne."],
    "virksomhedsbesoeg": ["Besøg på arbejdspladsen. Mentor er tilfreds, borgeren trives med opgaverne.",
                          "Gennemgik arbejdsaftalen med lederen. Ordinære timer fra næste måned."],
    "other": ["Kort opfølgning i receptionen om manglende lægeattest.",
              "Hjalp med at udfylde ansøgning om boligstøtte."],
}
GOAL_NOTES = {
    "progress": ["Tydelig fremgang siden sidst.", "Små skridt, men i den rigtige retning.",
                 "Borgeren har selv taget initiativ."],
    "no_change": ["Uændret. Vi holder fast i planen.", "Ikke noget nyt siden sidst."],
    "setback": ["Tilbagefald efter en hård weekend.", "Aflyste aftaler; borgeren har haft det dårligt."],
    "achieved": ["Målet er nået! Borgeren er stolt."],
}
LOCATIONS = {
    "personal": ["Jobcentret, mødelokale 2", "Jobcentret, kontor 114"],
    "phone": ["Telefon"], "video": ["Video (Teams)"],
    "home_visit": ["Hjemme hos borgeren"],
    "community": ["Café Møllehjulet", "Biblioteket", "Gåtur ved fjorden", "Værestedet Fyrtårnet"],
}
CHECKIN_NOTES = ["Vi gik en tur og talte om ugen.", "Kort telefonsamtale; alt er stabilt.",
                 "Fulgtes til lægen. Borgeren var nervøs men klarede det.",
                 "Kaffe på værestedet. Snak om praktikken og om at sige fra.",
                 "Borgeren havde glemt aftalen; ringede og fik en ny.",
                 "Møde med bostøtten om overdragelse af opgaver.", "Hjemmebesøg. Lejligheden er ryddet op.",
                 "Talte om økonomi; husleje er betalt til tiden.", "Ringede til søsteren sammen med borgeren."]
AREA_NOTES = {
    "bolig": "Styr på husleje og post denne uge.", "psykisk_helbred": "Mindre angst ved busture.",
    "fysisk_helbred": "Har været til fysioterapi to gange.", "oekonomi": "Budgettet holder indtil videre.",
    "daglige_aktiviteter": "Oppe kl. 8 fire dage ud af fem.", "netvaerk": "Har set søsteren i weekenden.",
    "misbrug": "Ingen hash i 14 dage ifølge borgeren.", "uddannelse_beskaeftigelse": "Trives i praktikken.",
}
EMPLOYERS = [
    # (name, industry, contact person, street address)
    ("Grønnegården Plantecenter ApS", "Gartneri", "Helle Bækkelund", "Gartnervej 3, 9500 Hobro"),
    ("Fjordbæk Tømrer & Snedker", "Byggeri", "Carsten Øhlers", "Industrivej 19, 9500 Hobro"),
    ("Café Møllehjulet", "Restauration", "Sofie Ærenlund", "Adelgade 7, 9500 Hobro"),
    ("Søndergaard Logistik A/S", "Lager og logistik", "Brian Kjærulf", "Transportvej 40, 9530 Støvring"),
    ("Bøgely Plejecenter", "Ældrepleje", "Anne-Grethe Møller", "Bøgelyvej 1, 9560 Hadsund"),
    ("Kærvang Supermarked", "Detailhandel", "Jesper Ravnkær", "Kærvangs Torv 2, 9550 Mariager"),
    ("Nordlys Rengøring ApS", "Rengøring", "Tina Højlund", "Lysningen 5, 9500 Hobro"),
    ("Havnens Fiskehus", "Fødevarer", "Ole Fænøsund", "Havnen 12, 9560 Hadsund"),
    ("Østerå Auto", "Autoværksted", "Lars Østerå", "Åvej 8, 9510 Arden"),
    ("Lærkehøj Genbrug (socialøkonomisk virksomhed)", "Genbrug", "Rikke Lærkehøj", "Lærkevej 30, 9500 Hobro"),
]
EFU_OUTCOMES = ["Det går godt; borgeren møder stabilt.", "Enkelte sygedage, ellers fint.",
                "Aftalt flere ordinære timer.", "Arbejdsgiver bekymret for fremmøde; aftalt ny plan.",
                "Mentor har brug for hjælp til skema.", "Klar til at tale om ansættelse."]
EFU_NOTES = ["Talt med lederen på stedet.", "Kort opringning.", "Fulgte borgeren på arbejde første time.",
             "Gennemgik arbejdsaftalen.", ""]
MANUAL_FOLLOW_UPS = ["Tjek om lægeattest er modtaget", "Ring til bostøtten om status",
                     "Forbered rehabiliteringsteam", "Send indkaldelse til netværksmøde",
                     "Revider planen sammen med borgeren", "Følg op på ansøgning om boligstøtte",
                     "Book tid hos gældsrådgivningen", "Tjek fremmøde i praktikken"]
NEXT_STEPS = ["Ring og hør hvordan det går", "Følg op på aftalen med lægen", "Nyt møde om planen",
              "Send referat til borgeren", "Tjek at ansøgningen er sendt", "Aftal næste praktikuge med virksomheden"]
# One citizen's notes hold markup-like text, to prove it is always shown literally.
MARKUP_NOTE = "Borgeren skrev selv i chatten: [bold]vigtigt[/] og [link=https://example.dk]se her[/link] [red]OBS"
MARKUP_FOLLOW_UP = "Ring til [bold]bostøtten[/] om nøglen [link=x]y"

# What a caseworker notes beside a trivsel score (demo measures)
MEASURE_NOTES = [
    "Sov dårligt i weekenden, men glad for praktikken.",
    "Mere overskud efter aftalen med lægen.",
    "Svær uge: problemer med udlejeren.",
    "Har fået en ven på holdet.",
    "Vil gerne tale om flere timer.",
]
