"""The declared spec schemas: misspelt keys, shipped JSON Schemas, the chapter's reference."""

from __future__ import annotations

import copy
import csv
import json
import re
from pathlib import Path
from string import Template

import jsonschema
import pytest
import yaml

from sleutelcursus.cli import main
from sleutelcursus.errors import SpecError
from sleutelcursus.exercises import KINDS, schema_kinds
from sleutelcursus.exercises.composition.defaults import ROLES
from sleutelcursus.exercises.loader import DATA_DIR, load_spec_file, validate_spec
from sleutelcursus.exercises.spec_reference import fields_of, reference_page
from sleutelcursus.exercises.spec_schema import schema_path, schema_text, spec_model

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "src/sleutelcursus/plugins/templates/src/__module__/data/voorzitter.yaml.tmpl"
EXAMPLE_SPECS = [
    *sorted(DATA_DIR.glob("*.yaml")),
    *sorted((ROOT / "plugins").glob("*/src/*/data/*.yaml")),
    *sorted((ROOT / "course/gemeenten/voorbeelden").glob("src/*/data/*.yaml")),
    ROOT / "tests/plugin_cases/data/wijk-voorzitter.yaml",
]


with open(DATA_DIR / "kandidaten-nationaal.csv", encoding="utf-8", newline="") as _pool:
    HEADER, *ROWS = list(csv.reader(_pool))


def load(name: str) -> dict:
    return yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))


def printed_schema(kind: str, capsys) -> dict:
    assert main(["schema", kind]) == 0
    return json.loads(capsys.readouterr().out)


def example_specs() -> list[tuple[str, dict]]:
    specs = [(str(path.relative_to(ROOT)), yaml.safe_load(path.read_text(encoding="utf-8"))) for path in EXAMPLE_SPECS]
    scaffold = Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        name="Duinstad", slug="duinstad", module="sleutelcursus_duinstad")
    return specs + [("plugin-sjabloon voorzitter.yaml", yaml.safe_load(scaffold))]


# ---- misspelt keys -------------------------------------------------------------------------

# (national spec, where the misspelt key goes, the misspelling, the field it should be)
MISSPELT = {
    "questionnaire top": ("rolscan.yaml", (), "scael", "scale"),
    "questionnaire scale": ("rolscan.yaml", ("scale",), "mni", "min"),
    "questionnaire dimension": ("rolscan.yaml", ("dimensions", 1), "tips", "tip"),
    "questionnaire statement": ("rolscan.yaml", ("statements", 2), "revers", "reverse"),
    "scenario top": ("voorzitter-kiezen.yaml", (), "shufle", "shuffle"),
    "scenario step": ("voorzitter-kiezen.yaml", ("steps", 1), "titel", "title"),
    "scenario choice": ("voorzitter-kiezen.yaml", ("steps", 0, "choices", 1), "nxt", "next"),
    "composition top": ("netwerk-samenstellen.yaml", (), "neighborhoods", "neighbourhoods"),
    "composition pair": ("netwerk-samenstellen.yaml", ("pairs", 1), "tolerantie", "tolerance"),
    "composition side": ("netwerk-samenstellen.yaml", ("pairs", 0, "sides", 1), "tags", "tag"),
    "composition size": ("netwerk-samenstellen.yaml", ("size",), "smal_max", "small_max"),
    "composition weights": ("netwerk-samenstellen.yaml", ("weights",), "role", "roles"),
    "composition caps": ("netwerk-samenstellen.yaml", ("caps",), "riks", "risk"),
    "composition messages": ("netwerk-samenstellen.yaml", ("messages",), "pair_of", "pair_off"),
    "composition role": ("netwerk-samenstellen.yaml", ("roles", 0), "lable", "label"),
}


# Parts a national spec leaves to the defaults, written out to misspell a key inside.
ABSENT = {"roles": [dict(role) for role in ROLES]}


def _field_path(where: tuple, key: str) -> str:
    path = ""
    for part in (*where, key):
        path = f"{path}[{part}]" if isinstance(part, int) else (f"{path}.{part}" if path else part)
    return path


@pytest.mark.parametrize("name, where, wrong, right", MISSPELT.values(), ids=MISSPELT.keys())
def test_misspelt_key_at_every_level_is_one_line_with_the_suggestion(name, where, wrong, right):
    raw = load(name)
    target = raw
    for part in where:
        target = target.setdefault(part, copy.deepcopy(ABSENT.get(part, {}))) if isinstance(part, str) else target[part]
    if right in target:
        target[wrong] = target.pop(right)
    else:
        target[wrong] = copy.deepcopy(target.get("id", "x"))
    with pytest.raises(SpecError) as caught:
        validate_spec(raw, source=f"data/{name}")
    line = str(caught.value)
    assert "\n" not in line
    field = _field_path(where, wrong)
    assert caught.value.field == field
    assert line == f"Fout in data/{name}, veld '{field}': onbekend veld; bedoel je '{right}'?"


def test_misspelt_column_of_an_inline_candidate_is_named_with_the_right_name():
    # A candidate may have columns of its own (for a pair), so the misspelling itself is
    # allowed; the column it should have been is missing, and the message links the two.
    raw = load("netwerk-samenstellen.yaml")
    del raw["pool"]
    raw["candidates"] = [dict(zip(HEADER, row)) for row in ROWS]
    raw["candidates"][3]["wjik"] = raw["candidates"][3].pop("wijk")
    with pytest.raises(SpecError) as caught:
        validate_spec(raw, source="x.yaml")
    assert str(caught.value) == "Fout in x.yaml, veld 'candidates[3].wijk': ontbreekt; bedoel je 'wijk' waar nu 'wjik' staat?"


def test_misspelt_risk_column_in_the_pool_names_file_row_and_suggestion(tmp_path):
    lines = (DATA_DIR / "kandidaten-nationaal.csv").read_text(encoding="utf-8").splitlines()
    (tmp_path / "kandidaten-nationaal.csv").write_text(
        "\n".join([lines[0].replace("risico_status", "risico_staus"), *lines[1:]]) + "\n", encoding="utf-8")
    (tmp_path / "oefening.yaml").write_text((DATA_DIR / "netwerk-samenstellen.yaml").read_text(encoding="utf-8"),
                                           encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        load_spec_file(tmp_path / "oefening.yaml")
    assert str(caught.value) == (f"Fout in {(tmp_path / 'kandidaten-nationaal.csv').resolve()}, rij 1: "
                                 "onbekende risicokolom 'risico_staus'; bedoel je 'risico_status'?")


def test_misspelt_required_key_is_named_as_misspelt_not_as_missing():
    raw = load("voorzitter-kiezen.yaml")
    raw["steps"][0]["situatoin"] = raw["steps"][0].pop("situation")
    with pytest.raises(SpecError) as caught:
        validate_spec(raw, source="x.yaml")
    assert caught.value.field == "steps[0].situatoin"
    assert caught.value.message == "onbekend veld; bedoel je 'situation'?"


def test_unknown_key_without_a_likeness_lists_the_allowed_fields():
    raw = load("voorzitter-kiezen.yaml")
    raw["steps"][0]["choices"][0]["kleur"] = "rood"
    with pytest.raises(SpecError) as caught:
        validate_spec(raw, source="x.yaml")
    assert caught.value.message.startswith("onbekend veld; toegestaan zijn: id, label, assessment,")


def test_choice_with_nxt_no_longer_ends_the_path_silently():
    # The case: "nxt:" instead of "next:" used to end the path without a word.
    raw = load("voorzitter-kiezen.yaml")
    choice = next(c for step in raw["steps"] for c in step["choices"] if "next" in c)
    choice["nxt"] = choice.pop("next")
    with pytest.raises(SpecError, match="bedoel je 'next'"):
        validate_spec(raw, source="x.yaml")


# ---- shipped JSON Schemas --------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_shipped_schema_is_written_from_the_model(kind):
    assert kind in schema_kinds()
    assert schema_path(kind).read_text(encoding="utf-8") == schema_text(spec_model(kind)), (
        f"run: python -m sleutelcursus.exercises.spec_schema {kind}")


@pytest.mark.parametrize("kind", KINDS)
def test_printed_schema_is_valid_draft_2020_12(kind, capsys):
    schema = printed_schema(kind, capsys)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_printed_schema_validates_every_national_and_example_spec(capsys):
    schemas = {kind: printed_schema(kind, capsys) for kind in schema_kinds()}
    checked = []
    for name, raw in example_specs():
        if raw["type"] in schemas:
            jsonschema.Draft202012Validator(schemas[raw["type"]]).validate(raw)
            checked.append(name)
    kinds = {raw["type"] for _, raw in example_specs() if raw["type"] in schemas}
    assert kinds == set(KINDS) and len(checked) >= 15


def test_printed_schema_refuses_what_the_course_refuses(capsys):
    # An editor marks the same mistakes: an unknown key deep down, a wrong assessment.
    validator = jsonschema.Draft202012Validator(printed_schema("scenario", capsys))
    raw = load("voorzitter-kiezen.yaml")
    raw["steps"][0]["choices"][0]["nxt"] = "x"
    assert [list(error.absolute_path) for error in validator.iter_errors(raw)] == [["steps", 0, "choices", 0]]
    raw = load("voorzitter-kiezen.yaml")
    raw["steps"][0]["choices"][0]["assessment"] = "goed"
    assert not validator.is_valid(raw)


def test_unknown_kind_is_one_dutch_line(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["schema", "quiz"])
    assert caught.value.code == 2
    assert "onbekende keuze 'quiz'" in capsys.readouterr().err


# ---- the chapter's reference ------------------------------------------------------------------


def _reference_fields(page: str) -> dict[str, set[str]]:
    """Per section ("## ..."), the field paths in the first column of its table."""
    found: dict[str, set[str]] = {}
    section = None
    for line in page.splitlines():
        if line.startswith("#"):
            section = line
            found[section] = set()
        match = re.match(r"^\| `([^`]+)` \|", line)
        if match and section:
            found[section].add(match.group(1))
    return found


def test_reference_lists_every_field_of_every_type_and_nothing_else():
    page = reference_page()
    sections = _reference_fields(page)
    for kind in schema_kinds():
        section = next(name for name in sections if f"`type: {kind}`" in name)
        schema = json.loads(schema_path(kind).read_text(encoding="utf-8"))
        assert sections[section] == {path for path, _, _ in fields_of(schema)}


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_has_a_meaning_and_an_example(kind):
    schema = json.loads(schema_path(kind).read_text(encoding="utf-8"))
    for path, field, _ in fields_of(schema):
        assert field.get("description"), path
        is_group = "$ref" in json.dumps(field) or "properties" in field
        assert field.get("examples") or is_group, path


def test_reference_lists_the_columns_of_a_candidate_pool():
    page = reference_page()
    schema = json.loads(schema_path("composition").read_text(encoding="utf-8"))
    pool = _reference_fields(page)["### Kolommen van een kandidatenlijst (CSV)"]
    assert pool == set(schema["$defs"]["Candidate"]["properties"])
    assert "| `leeftijd` | Leeftijdsgroep, zoals 18-29 of 65+. | tekst in een vaste vorm | verplicht | `\"45-64\"` |" in page
    assert "| `rollen` | Rollen (ids uit roles), gescheiden door ';'; mag leeg zijn. | tekst of lijst van: tekst |" in page


def test_reference_row_gives_type_default_and_example():
    page = reference_page()
    assert ("| `steps[].choices[].next` | Id van de volgende stap. Zonder next eindigt het pad hier. "
            "| id (kleine letters, cijfers, - en _) | leeg | `\"tweede-jaar\"` |") in page
    assert "| `scale.max` | Hoogste antwoord van de schaal. | geheel getal (minstens -1000, hoogstens 1000) | `5` | `2` |" in page


def test_book_stages_the_reference_after_the_chapter(tmp_path):
    from sleutelcursus.book.source import book_source
    from sleutelcursus.book.staging import assemble
    from sleutelcursus.exercises.spec_reference import REFERENCE_DOC
    from sleutelcursus.plugins.manager import get_plugin_manager
    from sleutelcursus.plugins.registry import collect

    staged = assemble(book_source(), collect(get_plugin_manager()))
    assert staged[f"{REFERENCE_DOC}.md"].decode("utf-8") == reference_page()
    toc = yaml.safe_load(staged["_toc.yml"])
    chapters = [entry["file"] for part in toc["parts"] for entry in part.get("chapters", [])]
    assert chapters[chapters.index("course/gemeenten/lokale-modules") + 1] == REFERENCE_DOC
