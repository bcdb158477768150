"""A small composition spec the composition tests share: six candidates, two pairs.

Used by the engine, spec, agreement (Python against the browser) and UI tests.
"""

from __future__ import annotations

import copy

from sleutelcursus.exercises.loader import validate_spec

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
