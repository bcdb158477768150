"""Defaults of the composition exercise: roles, risk kinds, sizes, weights, caps and texts.

Every text the engine puts into a result (headline, advice, score explanation) is a
template here, copied into the normalised spec. The browser module fills in the same
templates, so the Dutch wording lives in one place and a municipality can override it
per spec. The numbers (targets, sizes, weights, caps) are the course's example, not
rules of the national guide: the guide gives none.
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
# The highest score a network can get while possible disruptive members are in it,
# and while it is smaller than size.min: a score must not look good while either stands.
CAPS = {"risk": 40, "too_small": 50}
PAIR_TARGET = 50
PAIR_TOLERANCE = 15


# key: (template, the placeholders it may use)
_SIZE_VALUES = ("n", "min", "small_max", "core_group_from")
MESSAGES = {
    # ---- the headline: the most serious problem first (see feedback.headline)
    "empty": (
        "Je hebt nog niemand gekozen. Vink kandidaten aan om je netwerk samen te stellen.",
        (),
    ),
    "headline_risk": (
        "Let op: {names} is misschien een stoorzender. Praat eerst over de motivatie, of kies iemand anders.",
        ("names", "count"),
    ),
    "headline_risks": (
        "Let op: {count} mensen in je netwerk zijn misschien stoorzenders: {names}. "
        "Praat eerst met hen over hun motivatie, of kies anderen.",
        ("names", "count"),
    ),
    "headline_pairs": (
        "De mix klopt nog niet: {shortages}.",
        ("shortages", "count"),
    ),
    "all_balanced": (
        "Mooi: alle verhoudingen zijn in balans en alle rollen en wijken doen mee.",
        (),
    ),
    # ---- advice, one sentence per problem
    "risk": (
        "Let op bij {name}: {risk}. Vraag in het kennismakingsgesprek naar de motivatie.",
        ("name", "risk", "note"),
    ),
    "pair_off": (
        "{pair}: te weinig {side}. Je hebt er {count} van de {n} ({side_share}%). "
        "Het doel is {side_target}%. Zit je daar hoogstens {tolerance} procentpunt naast, dan is het goed.",
        ("pair", "side", "count", "n", "side_share", "side_target", "tolerance"),
    ),
    "neighbourhoods_missing": (
        "Nog niemand uit {neighbourhoods}. Zoek daar ook sleutelpersonen.",
        ("neighbourhoods",),
    ),
    "role_missing": ("Deze rol ontbreekt nog: {roles}.", ("roles",)),
    "roles_missing": ("Deze rollen ontbreken nog: {roles}.", ("roles",)),
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
    # ---- "Hoe komt je score tot stand?", one sentence per step of the score
    "explain_empty": ("Je hebt nog niemand gekozen. Daarom is je score 0.", ()),
    "explain_pairs": (
        "Verhoudingen: gemiddeld {score} van 100. Een verhouding binnen de marge telt als 100. "
        "Daarbuiten telt ze minder, tot 0 als een kant helemaal ontbreekt.",
        ("score", "balanced", "total"),
    ),
    "explain_neighbourhoods": (
        "Wijken: je hebt mensen uit {covered} van de {total} wijken. Dat geeft {score} van 100.",
        ("score", "covered", "total"),
    ),
    "explain_roles": (
        "Rollen: je hebt {present} van de {total} rollen. Dat geeft {score} van 100.",
        ("score", "present", "total"),
    ),
    "explain_average": (
        "Samen geeft dat {average} van 100. De verhoudingen tellen voor {share_pairs}% mee, "
        "de wijken voor {share_neighbourhoods}% en de rollen voor {share_roles}%.",
        ("average", "share_pairs", "share_neighbourhoods", "share_roles"),
    ),
    "explain_penalty": (
        "Elke waarschuwing bij een mogelijke stoorzender kost {points} punten. "
        "Jij hebt er {count}: dat is {penalty} punten eraf.",
        ("count", "points", "penalty"),
    ),
    "explain_cap_risk": (
        "Zolang er mogelijke stoorzenders in je netwerk zitten, is je score hoogstens {cap}.",
        ("cap",),
    ),
    "explain_cap_too_small": (
        "Je netwerk heeft minder dan {min} mensen. Daarom is je score hoogstens {cap}.",
        ("cap", "min"),
    ),
    "explain_total": ("Je score: {score} van 100.", ("score",)),
    # Shown with the explanation: where the numbers of this exercise come from.
    "targets_note": (
        "De doelen in deze oefening zijn een voorbeeld van deze cursus: de percentages, de marges, "
        "de kleinste grootte en de grens voor een kerngroep. De handreiking geeft zulke getallen niet. "
        "Ze zegt alleen dat netwerken lopen van ongeveer 10 tot meer dan 200 mensen. "
        "Je gemeente kiest zelf haar doelen en kan ze met een plugin in deze oefening zetten.",
        (),
    ),
}
