"""Hostile and odd input, as data, for every place text enters enplan
(service calls, the importer, config, and the UI's forms and screens).

The rule for each value: stored exactly (and later displayed literally), or
refused with a ValidationError whose ``field`` names the field and whose
message does not repeat the value. Never a crash.

    TEXTS       free text: every value here must be stored exactly in a note,
                title or other free-text field, except those in REFUSED_TEXT
    NAMES       names: stored (whitespace collapsed) or refused, as NAME_REFUSED says
    DATES       what a person might type into a date field -> accepted?
    YEARS       dates as values (service calls, import): only 1900-2100 accepted
"""

from __future__ import annotations

import datetime as dt

MARKUP = {
    "bold": "[bold]not bold[/bold]",
    "close_all": "[/]",
    "close_unopened": "text [/bold] more",
    "link": "[link=https://evil.example/phish]click me[/link]",
    "click_quit": "[@click=app.quit]Save[/]",
    "click_action": "[@click=screen.dismiss('x')]x[/]",
    "unclosed": "[red",
    "escaped": "\\[not markup]",
    "rich_emoji_code": ":warning: :skull:",
    "textual_variable": "$accent $text [b $error]",
}

CONTROL = {
    "ansi_colour": "\x1b[31mred\x1b[0m",
    "ansi_clear_screen": "\x1b[2J\x1b[H",
    "osc_title": "\x1b]0;pwned title\x07",
    "osc8_link": "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "bell": "ring\x07ring",
    "backspace": "abc\b\b\bxyz",
    "carriage_return": "visible\rhidden",
    "crlf": "line one\r\nline two",
    "tab": "col1\tcol2",
    "vertical_tab_formfeed": "a\x0bb\x0cc",
    "del": "a\x7fb",
    "c1_csi": "a\x9b31mb",
    "nul": "before\x00after",
}

UNICODE = {
    "emoji": "👍🏽 family: 👨‍👩‍👧‍👦 flag: 🇩🇰",
    "combining": "e\u0301 a\u030a Zalgo: Z̴̡̛̖a̷̜͝l̶̢̛g̸̱̓o̵̩͐",
    "nfd_danish": "A\u030age Sø\u0308rensen",  # Å and ø with combining marks
    "rtl_hebrew": "שלום עולם",
    "rtl_arabic": "مرحبا بالعالم",
    "rtl_override": "abc\u202edcba",
    "bidi_isolates": "\u2066abc\u2069 \u2067def\u2069",
    "zero_width": "a\u200bb\u200cc\u200dd\ufeffe",
    "line_separator": "one\u2028two\u2029three",
    "fullwidth": "ＡＢＣ１２３",
    "astral": "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𓀀",
    "lone_surrogate": "bad \ud800 char",
    "private_use": "\ue000\uf8ff",
    "nbsp_ideographic": "a\u00a0b\u3000c",
}

INJECTION = {
    "sql_quote": "O'Brien",
    "sql_drop": "'; DROP TABLE citizen; --",
    "sql_bobby": "Robert'); DROP TABLE students;--",
    "sql_union": "x' UNION SELECT cpr FROM citizen --",
    "like_wildcards": "100% _done_ \\",
    "percent_s": "%s %d %(name)s %%",
    "format_braces": "{0} {name} {} {{}} {0!r:>10}",
    "fstring": "{__import__('os').system('id')}",
    "path": "../../etc/passwd",
    "html": "<script>alert(1)</script>",
    "json": '{"format_version": 1}',
    "backslashes": "C:\\Users\\n\\t\\x00",
}

SIZES = {
    "empty": "",
    "space": " ",
    "whitespace_only": " \t\n\u00a0\u3000 ",
    "one_char": "x",
    "long_line": "word " * 2000,
    "many_lines": "line\n" * 5000,
}

ONE_MB_NOTE = ("Lang note. " * 100_000)[:1_000_000]  # exactly 1,000,000 characters (the notes limit)
TOO_LONG_NOTE = "x" * 1_000_001

TEXTS: dict[str, str] = {**MARKUP, **CONTROL, **UNICODE, **INJECTION, **SIZES}

# Free text that cannot be stored on every backend: refused, naming the field.
REFUSED_TEXT = {"nul", "lone_surrogate"}

# Names are one line of printable text with at least one letter or digit:
# control/format characters are refused, as are empty names and names with
# nothing to read ("[/]", private-use glyphs); everything else is stored with
# whitespace collapsed.
NAME_REFUSED = {"nul", "lone_surrogate", "empty", "space", "whitespace_only", "ansi_colour", "ansi_clear_screen",
                "osc_title", "osc8_link", "bell", "backspace", "del", "c1_csi", "rtl_override", "bidi_isolates",
                "zero_width", "long_line", "many_lines", "close_all", "private_use"}
# Names with no letter or digit: refused by every way in (services, forms, import).
INVISIBLE_NAMES = ["\u0301\u0301", "\u0301", "\u20dd\u0489", "--", "[/]", "\ue000", "· · ·"]
NAMES = TEXTS


def stored_name(text: str) -> str:
    """What a name looks like once stored: whitespace runs collapsed."""
    return " ".join(text.split())


DATES: dict[str, bool] = {  # typed text -> accepted by parse_date?
    "31-02-2026": False,
    "29-02-2026": False,
    "29-02-2028": True,
    "00-01-2026": False,
    "32-01-2026": False,
    "01-13-2026": False,
    "01-01-1899": False,
    "31-12-1899": False,
    "01-01-1900": True,
    "31-12-2100": True,
    "01-01-2199": False,
    "2026-02-31": False,
    "+99999d": False,
    "+9999y": False,
    "-200y": False,
    "today": True,
    "": False,
    "   ": False,
    "[bold]01-01-2026[/]": False,
    "01-01-2026\x00": False,
    "٠١-٠١-٢٠٢٦": False,  # Arabic-Indic digits
    "０１-０１-２０２６": False,  # full-width digits
    "'; DROP TABLE x; --": False,
    "%s": False,
    "{0}": False,
}

YEARS: dict[dt.date, bool] = {  # a date value -> accepted by services and the importer?
    dt.date(1899, 12, 31): False,
    dt.date(1900, 1, 1): True,
    dt.date(2100, 12, 31): True,
    dt.date(2199, 1, 1): False,
    dt.date(1, 1, 1): False,
    dt.date(9999, 12, 31): False,
}
