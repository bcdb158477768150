"""A small composition spec the composition tests share: six candidates, two pairs.

Used by the engine, spec, agreement (Python against the browser) and UI tests; the
agreement and feedback tests compare both engines on ``SPECS``.
"""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

from sleutelcursus.exercises import composition
from sleutelcursus.exercises.loader import DATA_DIR, load_spec_file, validate_spec

COLUMNS = ["id", "naam", "wijk", "leeftijd", "migratieachtergrond", "hulpverlenend_beroep",
           "bekend_bij_gemeente", "opleiding", "rollen", "bio",
           "risico_controversieel", "risico_status", "risico_eigenbelang"]


def person(cid, wijk, leeftijd, migratie, hulp, bekend, opleiding, rollen, **risks):
    """One candidate row; ``risks`` are notes by kind (``status="..."``)."""
    row = dict(zip(COLUMNS, [cid, f"Persoon {cid}", wijk, leeftijd, migratie, hulp, bekend, opleiding, rollen,
                             f"Korte bio van {cid}.", "", "", ""]))
    row.update({f"risico_{kind}": note for kind, note in risks.items()})
    return row


SMALL_POOL = [
    person("a1", "A", "18-29", "ja", "nee", "ja", "theoretisch", "verbinder"),
    person("a2", "A", "65+", "nee", "ja", "ja", "praktisch", "doener;luis", status="Wil vooral gezien worden."),
    person("b1", "B", "30-44", "ja", "nee", "nee", "praktisch", "vertegenwoordiger"),
    person("b2", "B", "45-64", "nee", "nee", "nee", "theoretisch", "verbinder",
           controversieel="Omstreden club.", eigenbelang="Eigen stichting eerst."),
    person("c1", "C", "18-29", "ja", "ja", "ja", "praktisch", "doener"),
    person("c2", "C", "45-64", "ja", "nee", "nee", "theoretisch", "luis"),
]

MIGRATIE = {"id": "migratie", "label": "Met en zonder migratieachtergrond", "column": "migratieachtergrond",
            "sides": [{"label": "mensen met", "values": ["ja"]}, {"label": "mensen zonder", "values": ["nee"]}],
            "target": 50, "tolerance": 10}
LEEFTIJD = {"id": "leeftijd", "label": "Jong en oud", "column": "leeftijd",
            "sides": [{"label": "jongeren", "tag": "jong", "values": ["18-29", "30-44"]},
                      {"label": "ouderen", "tag": "oud", "values": ["45-64", "65+"]}]}


def raw_spec(**changes) -> dict:
    """A small valid spec with inline candidates; keyword arguments replace fields."""
    raw = {"id": "proef", "type": "composition", "title": "Proef", "intro": "Kies mensen.",
           "candidates": copy.deepcopy(SMALL_POOL), "neighbourhoods": ["A", "B", "C"],
           "pairs": [copy.deepcopy(MIGRATIE), copy.deepcopy(LEEFTIJD)]}
    raw.update(changes)
    return raw


def small(**changes) -> dict:
    """The small spec, validated; keyword arguments replace fields."""
    return validate_spec(raw_spec(**changes), "proef.yaml")


NATIONAL_FILE = DATA_DIR / "netwerk-samenstellen.yaml"
DUINSTAD_FILE = (Path(__file__).resolve().parent.parent / "plugins" / "sleutelcursus-duinstad" / "src"
                 / "sleutelcursus_duinstad" / "data" / "duinstad-netwerk.yaml")


def national_variant() -> dict:
    """The national pool with small size bands, sharper targets and texts of its own,
    so core groups, 'te klein' and lopsided pairs all occur often."""
    raw = yaml.safe_load(NATIONAL_FILE.read_text(encoding="utf-8"))
    raw["size"] = {"min": 3, "small_max": 5, "core_group_from": 7}
    raw["weights"] = {"pairs": 3, "neighbourhoods": 2, "roles": 1, "risk": 7}
    raw["caps"] = {"risk": 65, "too_small": 20}
    raw["messages"] = {"risk": "{name} ({risk}): {note}", "size_small": "Klein: {n} van hoogstens {small_max}."}
    for pair, (target, tolerance) in zip(raw["pairs"], [(0, 0), (100, 10), (33, 3), (71, 29), (50, 0)]):
        pair.update(target=target, tolerance=tolerance)
    return composition.validate(raw, str(NATIONAL_FILE), DATA_DIR)


# The specs both engines are compared on.
SPECS = {
    "netwerk-samenstellen": load_spec_file(NATIONAL_FILE),
    "dalburg-streng": national_variant(),
    # A municipality's own targets, weights and an extra pair.
    "duinstad-netwerk": load_spec_file(DUINSTAD_FILE),
    "proef": small(size={"min": 1, "small_max": 2, "core_group_from": 3},
                   pairs=[dict(MIGRATIE, target=100, tolerance=0), dict(LEEFTIJD, target=0, tolerance=25)]),
}
