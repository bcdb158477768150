"""Defaults of the composition exercise: roles, risk kinds, sizes, weights and texts.

Every text the engine puts into a result (the advice sentences) is a template here,
copied into the normalised spec. The browser module fills in the same templates, so
the Dutch wording lives in one place and a municipality can override it per spec.
"""

from __future__ import annotations

# The four kinds of key person of the guide (fase 2.2), in the guide's order.
ROLES = (
    {
        "id": "verbinder",
        "label": "Verbinder",
        "explanation": "Kent veel mensen en kent zowel de wereld van de gemeente als die van "
        "de bewoners. Brengt de gemeente in contact met groepen die zij zelf moeilijk bereikt.",
    },
    {
        "id": "vertegenwoordiger",
        "label": "Vertegenwoordiger",
        "explanation": "Spreekt namens een achterban en weet wat daar speelt. "
        "Heeft gezag in de eigen groep.",
    },
    {
        "id": "doener",
        "label": "Resultaatgerichte doener",
        "explanation": "Wil problemen in de gemeente echt aanpakken, neemt zelf initiatief "
        "en kijkt naar het belang van iedereen.",
    },
    {
        "id": "luis",
        "label": "Luis in de pels",
        "explanation": "Durft de gemeente tegen te spreken en stelt vragen bij wat iedereen "
        "gewoon vindt: kritisch, maar denkt mee.",
    },
)

# The three kinds of possible disruptive member (stoorzender) of the guide. The label
# is written to follow "Let op bij <naam>:" in a sentence.
RISK_KINDS = (
    {
        "id": "controversieel",
        "column": "risico_controversieel",
        "label": "sterke band met een omstreden organisatie",
    },
    {"id": "status", "column": "risico_status", "label": "doet misschien vooral mee voor de status"},
    {
        "id": "eigenbelang",
        "column": "risico_eigenbelang",
        "label": "zet misschien eigen belang of dat van een organisatie voorop",
    },
)

# Pool columns every candidate has; the risk columns are optional (absent: no notes).
BASE_COLUMNS = (
    "id", "naam", "wijk", "leeftijd", "migratieachtergrond", "hulpverlenend_beroep",
    "bekend_bij_gemeente", "opleiding", "rollen", "bio",
)
YES_NO_COLUMNS = ("migratieachtergrond", "hulpverlenend_beroep", "bekend_bij_gemeente")
EDUCATION_VALUES = ("theoretisch", "praktisch")
# A pair must split candidates by a property, not by these free-text or list columns.
NOT_A_PAIR_COLUMN = ("id", "naam", "bio", "rollen") + tuple(kind["column"] for kind in RISK_KINDS)

SIZE = {"small_max": 12, "core_group_from": 15, "min": 5}
WEIGHTS = {"pairs": 50, "neighbourhoods": 25, "roles": 25, "risk": 5}
PAIR_TARGET = 50
PAIR_TOLERANCE = 15

# key: (template, the placeholders it may use)
_SIZE_VALUES = ("n", "min", "small_max", "core_group_from")
MESSAGES = {
    "empty": (
        "Je hebt nog niemand gekozen. Vink kandidaten aan om je netwerk samen te stellen.",
        (),
    ),
    "pair_off": (
        "{pair}: te weinig {side}. Je hebt er {count} van de {n} ({side_share}%). "
        "Je doel is {side_target}%, met een marge van {tolerance} procentpunt.",
        ("pair", "side", "count", "n", "side_share", "side_target", "tolerance"),
    ),
    "role_missing": ("Deze rol ontbreekt nog: {roles}.", ("roles",)),
    "roles_missing": ("Deze rollen ontbreken nog: {roles}.", ("roles",)),
    "neighbourhoods_missing": (
        "Nog niemand uit {neighbourhoods}. Zoek daar ook sleutelpersonen.",
        ("neighbourhoods",),
    ),
    "all_balanced": (
        "Mooi: alle verhoudingen zijn in balans en alle rollen en wijken doen mee.",
        (),
    ),
    "risk": (
        "Let op bij {name}: {risk}. Vraag in het kennismakingsgesprek naar de motivatie.",
        ("name", "risk", "note"),
    ),
    "size_too_small": (
        "Je netwerk is nog te klein. Kies minstens {min} mensen (je hebt er nu {n}).",
        _SIZE_VALUES,
    ),
    "size_small": (
        "Dit is een klein netwerk. Dat geeft ruimte voor maatwerk, en de leden praten makkelijk "
        "met elkaar en vertrouwen elkaar snel. Een groter netwerk bereikt wel meer buurten.",
        _SIZE_VALUES,
    ),
    "size_large": (
        "Dit is een groot netwerk: meer buurten, meer handen en meer impact, maar lastiger om "
        "bij elkaar te houden. Vanaf {core_group_from} mensen helpt een kerngroep.",
        _SIZE_VALUES,
    ),
    "size_core_group": (
        "Dit is een groot netwerk: meer buurten, meer handen en meer impact, maar lastiger om "
        "bij elkaar te houden. Stel een kerngroep in die vaak bijeenkomt, en kom een of twee "
        "keer per jaar met iedereen samen. Voorstel voor de kerngroep: {core_group}.",
        _SIZE_VALUES + ("core_group", "core_group_size"),
    ),
}
