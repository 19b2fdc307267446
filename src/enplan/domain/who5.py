"""WHO-5, the WHO well-being index, as published (issue 12, progression).

The item texts and answer labels are copied verbatim from their sources, and
a golden file in the tests holds them too: the WHO-5 site asks that any
deviation from a posted language version be marked, and public apps carry
typos ("rolig of afslappet"). English: smaat.eu and mysignposts.com.au;
Danish: KL's FHIR questionnaire (hl7dk/KL-dk-tools, KLToolsCareWHO5.fsh and
KLToolsValueSets.fsh). See ../shared/reference/sync-rules-progression-demo.md §C.1.

Each item is answered 0–5; the raw sum 0–25 times 4 is the score 0–100.
Danish bands: above 50 no immediate risk, 36–50 risk, 0–35 high risk; 28 or
less suggests a depressive episode (give the PHQ-9). A change of 10 points
or more is meaningful.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import ValidationError
from .phrases import N_

LEAD_IN = {"en": "Over the last two weeks", "da": "I de sidste 2 uger"}
ITEMS: tuple[dict[str, str], ...] = (
    {"en": "I have felt cheerful and in good spirits.",
     "da": "I de sidste 2 uger har jeg været glad og i godt humør"},
    {"en": "I have felt calm and relaxed.",
     "da": "I de sidste 2 uger har jeg følt mig rolig og afslappet"},
    {"en": "I have felt active and vigorous.",
     "da": "I de sidste 2 uger har jeg følt mig aktiv og energisk"},
    {"en": "I woke up feeling fresh and rested.",
     "da": "I de sidste 2 uger er jeg vågnet frisk og udhvilet"},
    {"en": "My daily life has been filled with things that interest me.",
     "da": "I de sidste 2 uger har min dagligdag været fyldt med ting der interesserer mig"},
)
# Answer value -> label, from 5 (all of the time) to 0 (at no time).
ANSWERS: dict[int, dict[str, str]] = {
    5: {"en": "All of the time", "da": "Hele tiden"},
    4: {"en": "Most of the time", "da": "Det meste af tiden"},
    3: {"en": "More than half of the time", "da": "Lidt mere end halvdelen af tiden"},
    2: {"en": "Less than half of the time", "da": "Lidt mindre end halvdelen af tiden"},
    1: {"en": "Some of the time", "da": "Lidt af tiden"},
    0: {"en": "At no time", "da": "På intet tidspunkt"},
}
MEANINGFUL_CHANGE = 10  # points on the 0–100 scale
DEPRESSION_FLAG = 28  # at or below: suggests a depressive episode


@dataclass(frozen=True)
class Band:
    code: str  # "no_risk" | "risk" | "high_risk"
    label: str  # msgid
    flagged: bool  # at or below DEPRESSION_FLAG


def score(answers: tuple[int, ...] | list[int]) -> int:
    """The 0–100 score of five answers 0–5; a wrong count or value is refused."""
    if len(answers) != len(ITEMS):
        raise ValidationError(N_("WHO-5 has five questions; answer each one."), "who5")
    if any(type(a) is not int or not 0 <= a <= 5 for a in answers):
        raise ValidationError(N_("Each WHO-5 answer is a whole number from 0 to 5."), "who5")
    return 4 * sum(answers)


def band(points: int) -> Band:
    """The Danish band of a 0–100 score."""
    flagged = points <= DEPRESSION_FLAG
    if points > 50:
        return Band("no_risk", N_("no immediate risk"), flagged)
    if points >= 36:
        return Band("risk", N_("at risk"), flagged)
    return Band("high_risk", N_("high risk"), flagged)


def meaningful(first: int, latest: int) -> bool:
    """A change of at least 10 points since the first measurement."""
    return abs(latest - first) >= MEANINGFUL_CHANGE
