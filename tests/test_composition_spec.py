"""Composition specs: every defect gives a SpecError naming the file and the field."""

from __future__ import annotations

import copy
import csv

import pytest
import yaml

from sleutelcursus.errors import SpecError
from sleutelcursus.exercises import composition
from sleutelcursus.exercises.loader import load_spec_file
from composition_cases import COLUMNS, LEEFTIJD, MIGRATIE, SMALL_POOL, raw_spec, small


def write_pool(tmp_path, rows, columns=COLUMNS, spec_changes=None, name="pool.csv"):
    """A YAML spec next to a CSV pool; returns the YAML path."""
    with open(tmp_path / name, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row.get(column, "") for column in columns])
    raw = raw_spec(pool=name)
    del raw["candidates"]
    raw.update(spec_changes or {})
    path = tmp_path / "oefening.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def spec_error(call, *args) -> SpecError:
    with pytest.raises(SpecError) as info:
        call(*args)
    return info.value


def refused(field: str, **changes) -> SpecError:
    error = spec_error(composition.validate, raw_spec(**changes), "proef.yaml", None)
    assert error.field == field, str(error)
    assert "proef.yaml" in str(error) and field in str(error)
    return error


def test_a_csv_pool_is_loaded_relative_to_the_yaml_file(tmp_path):
    spec = load_spec_file(write_pool(tmp_path, SMALL_POOL))
    assert [c["id"] for c in spec["candidates"]] == ["a1", "a2", "b1", "b2", "c1", "c2"]
    assert spec["candidates"][1]["rollen"] == ["doener", "luis"]
    assert spec["candidates"][1]["risico_status"] == "Wil vooral gezien worden."
    assert spec["type"] == "composition" and "pool" not in spec


def test_defaults_are_filled_in():
    spec = small(neighbourhoods=None)
    assert spec["neighbourhoods"] == ["A", "B", "C"]
    assert [role["id"] for role in spec["roles"]] == ["verbinder", "vertegenwoordiger", "doener", "luis"]
    assert spec["size"] == {"small_max": 12, "core_group_from": 15, "min": 5}
    assert spec["pairs"][1]["target"] == 50 and spec["pairs"][1]["tolerance"] == 15
    assert spec["pairs"][0]["sides"][0]["tag"] == "mensen met"
    assert set(spec["messages"]) >= {"empty", "pair_off", "risk", "size_core_group"}


def test_missing_pool_file_names_the_resolved_path(tmp_path):
    path = write_pool(tmp_path, SMALL_POOL, spec_changes={"pool": "weg/kandidaten.csv"})
    error = spec_error(load_spec_file, path)
    assert error.field == "pool" and str(path) in str(error)
    assert str((tmp_path / "weg" / "kandidaten.csv").resolve()) in error.message


def test_csv_without_a_column_names_the_column(tmp_path):
    path = write_pool(tmp_path, SMALL_POOL, columns=[c for c in COLUMNS if c != "opleiding"])
    error = spec_error(load_spec_file, path)
    assert error.source == str((tmp_path / "pool.csv").resolve()) and error.location.row == 1
    assert "'opleiding'" in error.message


def test_csv_with_a_misspelt_column_suggests_the_right_name(tmp_path):
    columns = ["wjik" if column == "wijk" else column for column in COLUMNS]
    rows = [{("wjik" if key == "wijk" else key): value for key, value in row.items()} for row in SMALL_POOL]
    error = spec_error(load_spec_file, write_pool(tmp_path, rows, columns=columns))
    assert error.location.row == 1
    assert error.message == "kolom 'wijk' ontbreekt in de kopregel. Bedoel je 'wijk' waar nu 'wjik' staat?"


def test_semicolon_csv_gets_a_hint(tmp_path):
    (tmp_path / "pool.csv").write_text(";".join(COLUMNS) + "\n", encoding="utf-8")
    path = write_pool(tmp_path, [], spec_changes={"pool": "pool.csv"}, name="ander.csv")
    assert "komma" in spec_error(load_spec_file, path).message


def test_invalid_value_names_the_spreadsheet_row_and_column(tmp_path):
    rows = copy.deepcopy(SMALL_POOL)
    rows[5]["opleiding"] = "universitair"  # sixth candidate: row 7, under the header
    error = spec_error(load_spec_file, write_pool(tmp_path, rows))
    csv_path = (tmp_path / "pool.csv").resolve()
    assert (error.source, error.field, error.location.row) == (str(csv_path), "opleiding", 7)
    assert str(error) == (f"Fout in {csv_path}, veld 'opleiding', rij 7: "
                          "ongeldige waarde 'universitair'; verwacht theoretisch of praktisch.")


@pytest.mark.parametrize("column, value", [("leeftijd", "jong"), ("migratieachtergrond", "Ja"),
                                           ("bekend_bij_gemeente", ""), ("id", "A 1"), ("naam", " ")])
def test_each_column_checks_its_values(column, value):
    pool = copy.deepcopy(SMALL_POOL)
    pool[2][column] = value
    refused(f"candidates[2].{column}", candidates=pool)


def test_a_row_with_more_fields_than_the_header_is_refused(tmp_path):
    path = write_pool(tmp_path, SMALL_POOL)
    csv_path = tmp_path / "pool.csv"
    csv_path.write_text(csv_path.read_text(encoding="utf-8") + "x1,Naam,A,18-29,ja,nee,ja,praktisch,doener,bio,,,,extra\n",
                        encoding="utf-8")
    error = spec_error(load_spec_file, path)
    assert (error.field, error.location.row) == ("", 8) and "rij 8" in str(error)


def test_duplicate_candidate_id_names_both_rows(tmp_path):
    rows = copy.deepcopy(SMALL_POOL)
    rows[3]["id"] = "a2"
    error = spec_error(load_spec_file, write_pool(tmp_path, rows))
    assert (error.field, error.location.row) == ("id", 5) and "(ook in rij 3)" in error.message


def test_unknown_role_in_a_row_is_refused(tmp_path):
    rows = copy.deepcopy(SMALL_POOL)
    rows[1]["rollen"] = "doener;kartrekker"
    error = spec_error(load_spec_file, write_pool(tmp_path, rows))
    assert (error.field, error.location.row) == ("rollen", 3) and "'kartrekker'" in error.message


def test_roles_of_the_spec_replace_the_guides_roles():
    roles = [{"id": "verbinder", "label": "Verbinder"}, {"id": "doener", "label": "Doener"}]
    refused("candidates[1].rollen", roles=roles)  # a2 is also a 'luis'
    pool = copy.deepcopy(SMALL_POOL)
    for row in pool:
        row["rollen"] = "doener"
    assert [r["id"] for r in small(roles=roles, candidates=pool)["roles"]] == ["verbinder", "doener"]


def test_neighbourhood_not_in_the_list_is_refused():
    error = refused("candidates[4].wijk", neighbourhoods=["A", "B"])
    assert "'C'" in error.message


def test_pair_on_a_missing_column_is_refused():
    pair = dict(MIGRATIE, column="geslacht")
    assert "'geslacht'" in refused("pairs[0].column", pairs=[pair]).message


def test_pair_on_an_extra_column_of_the_pool_is_accepted():
    pool = copy.deepcopy(SMALL_POOL)
    for row, value in zip(pool, "vmvmvm"):
        row["geslacht"] = value
    pair = {"id": "geslacht", "label": "Man en vrouw", "column": "geslacht",
            "sides": [{"label": "vrouwen", "values": ["v"]}, {"label": "mannen", "values": ["m"]}]}
    spec = small(candidates=pool, pairs=[pair])
    assert composition.compute(spec, {"selected": ["a1", "a2"]})["pairs"][0]["counts"] == [1, 1]


def test_overlapping_sides_are_refused():
    pair = copy.deepcopy(LEEFTIJD)
    pair["sides"][1]["values"].append("30-44")
    assert "'30-44'" in refused("pairs[1].sides[1].values[2]", pairs=[MIGRATIE, pair]).message


def test_a_value_outside_both_sides_is_refused():
    pair = copy.deepcopy(LEEFTIJD)
    pair["sides"][1]["values"] = ["45-64"]
    error = refused("pairs[1].sides", pairs=[MIGRATIE, pair])
    assert "'65+'" in error.message and "'a2'" in error.message


@pytest.mark.parametrize("target", [-1, 101])
def test_target_outside_0_to_100_is_refused(target):
    refused("pairs[0].target", pairs=[dict(MIGRATIE, target=target)])


def test_wrong_types_are_refused():
    refused("pairs[0].target", pairs=[dict(MIGRATIE, target="vijftig")])
    refused("pairs[0].tolerance", pairs=[dict(MIGRATIE, tolerance=7.5)])
    refused("pairs", pairs={"migratie": MIGRATIE})
    refused("candidates[0].leeftijd", candidates=[dict(SMALL_POOL[0], leeftijd=30)] + SMALL_POOL[1:])


def test_no_pairs_is_refused():
    refused("pairs", pairs=[])
    refused("pairs", pairs=None)


def test_missing_fields_are_refused():
    refused("title", title=None)
    refused("pool", candidates=None)
    refused("candidates[0].bio", candidates=[{k: v for k, v in SMALL_POOL[0].items() if k != "bio"}])


def test_duplicate_pair_id_is_refused():
    refused("pairs[1].id", pairs=[MIGRATIE, dict(LEEFTIJD, id="migratie")])


def test_pool_and_inline_candidates_together_are_refused():
    refused("candidates", pool="pool.csv")


def test_size_bands_must_be_in_order():
    refused("size.min", size={"min": 13})
    refused("size.core_group_from", size={"small_max": 12, "core_group_from": 12})
    refused("size.grootte", size={"grootte": 3})


def test_weights_and_messages_are_checked():
    refused("weights", weights={"pairs": 0, "neighbourhoods": 0, "roles": 0})
    refused("messages.groet", messages={"groet": "Hoi"})
    error = refused("messages.risk", messages={"risk": "Let op {naam}."})
    assert "{name}" in error.message




def test_caps_are_checked_and_default_to_the_courses_example():
    assert small()["caps"] == {"risk": 40, "too_small": 50}
    assert small(caps={"risk": 10})["caps"] == {"risk": 10, "too_small": 50}
    refused("caps.risk", caps={"risk": 101})
    refused("caps.too_small", caps={"too_small": 2.5})
    refused("caps.plafond", caps={"plafond": 3})


def test_roles_that_are_neither_text_nor_a_list_of_texts_are_refused():
    pool = copy.deepcopy(SMALL_POOL)
    pool[2]["rollen"] = 5
    assert refused("candidates[2].rollen", candidates=pool).message == "moet rol-ids bevatten, gescheiden door ';'."
