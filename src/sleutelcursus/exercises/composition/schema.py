"""The declared schema of a composition spec and of one candidate (a pool row).

:class:`Spec` checks every field's kind and refuses unknown keys; :class:`Candidate`
checks one candidate, inline or a row of the CSV pool (its fields are the pool's
columns; a pool may add columns of its own, for a pair). What spans fields (a pair's
column must exist, each value on one side, roles and neighbourhoods known, sizes in
order, placeholders of the texts) is checked in :mod:`.spec`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Optional

from pydantic import ConfigDict, Field, PlainValidator, StringConstraints, WithJsonSchema, create_model

from ..spec_schema import ExerciseSpec, Id, SpecModel, Text
from . import defaults

AGE_BAND = r"^\d{1,3}(-\d{1,3}|\+)$"
Percent = Annotated[int, Field(ge=0, le=100)]
YesNo = Literal["ja", "nee"]


def _role_names(value: Any) -> str | list[str]:
    # A CSV cell ("verbinder;luis") or, inline, also a list; the ids are checked in .spec.
    if isinstance(value, str) or isinstance(value, list) and all(isinstance(part, str) for part in value):
        return value
    raise ValueError("moet rol-ids bevatten, gescheiden door ';'.")


RoleNames = Annotated[Any, PlainValidator(_role_names), WithJsonSchema(
    {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]})]


class Candidate(SpecModel):
    # Own columns (for a pair of the municipality's own) are allowed, as text.
    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[str, str]
    hints = {
        **{(column, "string_too_short"): "is leeg; vul het in." for column in ("naam", "wijk", "bio")},
        ("leeftijd", "string_pattern_mismatch"): "ongeldige waarde {value}; verwacht een leeftijdsgroep zoals 18-29 of 65+.",
        **{(column, "literal_error"): "ongeldige waarde {value}; verwacht ja of nee." for column in defaults.YES_NO_COLUMNS},
        ("opleiding", "literal_error"): "ongeldige waarde {value}; verwacht " + " of ".join(defaults.EDUCATION_VALUES) + ".",
    }
    id: Id = Field(description="Vaste naam van de kandidaat; de antwoorden bewaren hem.", examples=["d01"])
    naam: Text = Field(description="Naam van de kandidaat.", examples=["Grietje Zwart"])
    wijk: Text = Field(description="Wijk of kern waar de kandidaat woont.", examples=["Oude Dorp"])
    leeftijd: Annotated[str, StringConstraints(strip_whitespace=True, pattern=AGE_BAND)] = Field(
        description="Leeftijdsgroep, zoals 18-29 of 65+.", examples=["45-64"])
    migratieachtergrond: YesNo = Field(description="Heeft een migratieachtergrond.", examples=["nee"])
    hulpverlenend_beroep: YesNo = Field(description="Heeft een hulpverlenend beroep.", examples=["ja"])
    bekend_bij_gemeente: YesNo = Field(description="Is al bekend bij de gemeente.", examples=["ja"])
    opleiding: Literal[defaults.EDUCATION_VALUES] = Field(  # type: ignore[valid-type]
        description="Soort opleiding.", examples=["praktisch"])
    rollen: RoleNames = Field(
        description="Rollen (ids uit roles), gescheiden door ';'; mag leeg zijn.", examples=["verbinder;luis"])
    bio: Text = Field(description="Korte beschrijving die de deelnemer leest.",
                      examples=["Al veertig jaar koster van de Dorpskerk."])
    risico_controversieel: str = Field("", description="Waarschuwing: sterke band met een omstreden organisatie.",
                                       examples=["Bestuurslid van een omstreden stichting."])
    risico_status: str = Field("", description="Waarschuwing: doet misschien vooral mee voor de status.",
                               examples=["Wil vooral gezien worden."])
    risico_eigenbelang: str = Field("", description="Waarschuwing: zet misschien eigen belang voorop.",
                                    examples=["Heeft een bedrijf in de wijk."])


class Role(SpecModel):
    id: Id = Field(description="Vaste naam van de rol; de kolom rollen noemt hem.", examples=["verbinder"])
    label: Text = Field(description="Naam van de rol.", examples=["Verbinder"])
    explanation: Text = Field("", description="Uitleg bij de rol.", examples=["Kent veel mensen."])


class Side(SpecModel):
    hints = {("values", "string_type"): "moet een tekst zijn die niet leeg is (zet ja/nee tussen aanhalingstekens)."}
    label: Text = Field(description="Wie aan deze kant staan, voor in een zin.", examples=["mensen met een migratieachtergrond"])
    tag: Optional[Text] = Field(None, description="Kort label bij een kandidaat; zonder tag: het label.",
                                examples=["met migratieachtergrond"])
    values: list[Text] = Field(min_length=1, description="Waarden in de kolom die bij deze kant horen.",
                               examples=[["ja"]])


class Pair(SpecModel):
    hints = {
        ("sides", "too_short"): "een paar heeft precies twee kanten.",
        ("sides", "too_long"): "een paar heeft precies twee kanten.",
    }
    id: Id = Field(description="Vaste naam van het paar.", examples=["migratie"])
    label: Text = Field(description="Naam van het paar.", examples=["Met en zonder migratieachtergrond"])
    column: Text = Field(description="Kolom van de kandidatenlijst die het paar verdeelt.", examples=["migratieachtergrond"])
    sides: list[Side] = Field(min_length=2, max_length=2, description="Precies twee kanten.")
    target: Percent = Field(defaults.PAIR_TARGET, description="Doel: percentage van het netwerk aan de eerste kant.",
                            examples=[40])
    tolerance: Percent = Field(defaults.PAIR_TOLERANCE, description="Marge rond het doel, in procentpunten.",
                               examples=[10])


class Size(SpecModel):
    small_max: int = Field(defaults.SIZE["small_max"], ge=1, description="Tot en met dit aantal heet het netwerk klein.",
                           examples=[10])
    core_group_from: int = Field(defaults.SIZE["core_group_from"], ge=1,
                                 description="Vanaf dit aantal stelt de oefening een kerngroep voor.", examples=[16])
    min: int = Field(defaults.SIZE["min"], ge=1, description="Kleinste goede netwerk.", examples=[6])


class Weights(SpecModel):
    pairs: Percent = Field(defaults.WEIGHTS["pairs"], description="Gewicht van de verhoudingen in de score.", examples=[40])
    neighbourhoods: Percent = Field(defaults.WEIGHTS["neighbourhoods"], description="Gewicht van de wijken.", examples=[30])
    roles: Percent = Field(defaults.WEIGHTS["roles"], description="Gewicht van de rollen.", examples=[30])
    risk: Percent = Field(defaults.WEIGHTS["risk"], description="Punten eraf per waarschuwing bij een lid.", examples=[10])


class Caps(SpecModel):
    risk: Percent = Field(defaults.CAPS["risk"], description="Hoogste score zolang er mogelijke stoorzenders in zitten.",
                          examples=[50])
    too_small: Percent = Field(defaults.CAPS["too_small"], description="Hoogste score zolang het netwerk te klein is.",
                               examples=[60])


# What each advice text is for; the reference shows it with the placeholders it may use.
MESSAGE_MEANINGS = {
    "empty": "Kop als er nog niemand gekozen is",
    "headline_risk": "Kop bij één mogelijke stoorzender",
    "headline_risks": "Kop bij meer mogelijke stoorzenders",
    "headline_pairs": "Kop als de mix nog niet klopt",
    "all_balanced": "Kop als alles in balans is",
    "risk": "Advies bij één waarschuwing",
    "pair_off": "Advies bij een verhouding buiten de marge",
    "neighbourhoods_missing": "Advies bij wijken zonder lid",
    "role_missing": "Advies bij één ontbrekende rol",
    "roles_missing": "Advies bij meer ontbrekende rollen",
    "size_too_small": "Opmerking bij een te klein netwerk",
    "size_small": "Opmerking bij een klein netwerk",
    "size_large": "Opmerking bij een groot netwerk",
    "size_core_group": "Opmerking bij een netwerk met een kerngroep",
    "explain_empty": "Uitleg van de score zonder leden",
    "explain_pairs": "Uitleg: de verhoudingen",
    "explain_neighbourhoods": "Uitleg: de wijken",
    "explain_roles": "Uitleg: de rollen",
    "explain_average": "Uitleg: het gewogen gemiddelde",
    "explain_penalty": "Uitleg: punten eraf per waarschuwing",
    "explain_cap_risk": "Uitleg: de grens bij mogelijke stoorzenders",
    "explain_cap_too_small": "Uitleg: de grens bij een te klein netwerk",
    "explain_total": "Uitleg: de score",
    "targets_note": "Waar de getallen van de oefening vandaan komen",
}


def _message_field(key: str) -> Any:
    template, allowed = defaults.MESSAGES[key]
    places = ", ".join("{" + name + "}" for name in allowed) or "geen"
    return (Text, Field(template, description=f"{MESSAGE_MEANINGS[key]}. Invulplekken: {places}.",
                        examples=[template]))


Messages = create_model("Messages", __base__=SpecModel, **{key: _message_field(key) for key in defaults.MESSAGES})


class Spec(ExerciseSpec):
    type: Literal["composition"] = Field(description="Het soort oefening: een netwerk samenstellen.",
                                         examples=["composition"])
    pool: Optional[Text] = Field(None, description="CSV-bestand met de kandidaten (UTF-8, komma's, de eerste regel de "
                                 "kolomnamen), relatief aan de map van dit bestand. Of geef candidates.",
                                 examples=["kandidaten-duinstad.csv"])
    candidates: Optional[list[Candidate]] = Field(None, min_length=1,
                                                  description="De kandidaten in dit bestand, in plaats van pool.")
    neighbourhoods: Optional[list[Text]] = Field(
        None, min_length=1, description="De wijken; zonder lijst: de wijken van de kandidaten, op alfabet.",
        examples=[["Oude Dorp", "Strand"]])
    roles: Optional[list[Role]] = Field(None, min_length=1, description="De rollen; zonder lijst: de vier rollen van de handreiking.")
    pairs: list[Pair] = Field(min_length=1, description="De verhoudingen die in balans moeten zijn.")
    size: Size = Field(default_factory=Size, description="Grenzen voor de grootte van het netwerk.")
    weights: Weights = Field(default_factory=Weights, description="Gewichten van de score.")
    caps: Caps = Field(default_factory=Caps, description="Hoogste scores zolang er iets mis is.")
    messages: Messages = Field(default_factory=Messages, description="Eigen teksten van de feedback.")  # type: ignore[valid-type]
