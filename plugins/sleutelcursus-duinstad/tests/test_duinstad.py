"""Tests van de plugin sleutelcursus-duinstad.

De plugin wordt hier uit zijn map src/ geladen, als lokale plugin. Zo draaien de tests
ook in de repository van de cursus, waar het pakket niet is geïnstalleerd. Dat het entry
point in pyproject.toml klopt, controleert de laatste test; het installeren zelf test de
cursus (tests/test_plugin_install.py).
"""

import json
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from sleutelcursus.book.source import book_source
from sleutelcursus.book.contact_page import contact_page
from sleutelcursus.exercises import composition, scenario
from sleutelcursus.plugins import get_plugin_manager
from sleutelcursus.plugins.registry import collect

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
# Een lokale plugin heet zoals zijn map.
PLUGIN = "sleutelcursus_duinstad"


@pytest.fixture
def registry():
    # Zonder geïnstalleerde plugins: is het pakket wel geïnstalleerd, dan kwam Duinstad
    # er anders twee keer in.
    pm = get_plugin_manager(SRC, entry_points=False)
    config = yaml.safe_load((book_source() / "_config.yml").read_text(encoding="utf-8"))
    return collect(pm, config)


@pytest.fixture
def pool(registry):
    return registry.exercises["duinstad-netwerk"]


def test_chapter_comes_at_the_end_of_phase_2(registry):
    modules = [module for module in registry.modules if module.plugin == PLUGIN]
    assert [(m.id, m.title, m.after) for m in modules] == [("duinstad", "Sleutelpersonen in Duinstad", "fase-2")]
    assert [page.name for page in modules[0].pages] == ["netwerk.ipynb", "voorzitter.ipynb"]


def test_chapter_names_every_neighbourhood_of_the_pool(registry, pool):
    module = next(m for m in registry.modules if m.plugin == PLUGIN)
    text = module.page.read_text(encoding="utf-8")
    assert [name for name in pool["neighbourhoods"] if name not in text] == []
    assert "*Bron: Handreiking sleutelpersonennetwerk" in text


def test_pool_has_at_least_30_people_from_every_neighbourhood_and_role(pool):
    assert len(pool["candidates"]) >= 30
    for name in pool["neighbourhoods"]:
        assert sum(c["wijk"] == name for c in pool["candidates"]) >= 3, name
    roles = {role for c in pool["candidates"] for role in c["rollen"]}
    assert roles == {role["id"] for role in pool["roles"]}


def test_duinstad_has_its_own_neighbourhoods_and_targets(registry, pool):
    national = registry.exercises["netwerk-samenstellen"]
    assert not set(pool["neighbourhoods"]) & set(national["neighbourhoods"])
    ours = {pair["id"]: pair["target"] for pair in pool["pairs"]}
    theirs = {pair["id"]: pair["target"] for pair in national["pairs"]}
    changed = [pair for pair in theirs if pair in ours and ours[pair] != theirs[pair]]
    assert len(changed) >= 4, changed
    assert "woonduur" in ours and "woonduur" not in theirs


def test_a_network_that_meets_the_duinstad_goals_is_balanced(pool):
    # Tien mensen: uit elke wijk, met alle rollen, in de mix die Duinstad wil, zonder risiconotities.
    chosen = ["d05", "d06", "d09", "d12", "d13", "d18", "d21", "d23", "d27", "d35"]
    result = composition.compute(pool, {"selected": chosen})
    assert [p["id"] for p in result["pairs"] if p["status"] != "balanced"] == []
    assert result["neighbourhoods"]["missing"] == [] and result["roles"]["missing"] == []
    assert result["risks"] == [] and result["score"] == 100


def test_duinstad_says_the_targets_are_its_own_and_caps_stoorzenders_harder(pool):
    assert "gemeente Duinstad" in pool["messages"]["targets_note"]
    risky = [c["id"] for c in pool["candidates"] if c["risico_status"] or c["risico_controversieel"]
             or c["risico_eigenbelang"]]
    chosen = ["d05", "d06", "d09", "d12", "d13", "d18", "d21", "d23", "d27", "d35"]
    result = composition.compute(pool, {"selected": chosen + risky[:1]})
    assert result["warnings"][0] == "risks" and result["score"] <= 30
    assert result["headline"].startswith("Let op: ")


def test_the_old_network_misses_young_people_and_new_faces(pool):
    # Wie de gemeente al kende: vooral ouderen. Juist dat wil Duinstad veranderen.
    known = [c["id"] for c in pool["candidates"] if c["bekend_bij_gemeente"] == "ja"][:10]
    result = composition.compute(pool, {"selected": known})
    advice = " ".join(result["advice"])
    assert "te weinig jongeren" in advice and "te weinig nieuwe gezichten" in advice
    assert "in balans" not in result["headline"]


def _paths(spec, step_id, path):
    step = next(step for step in spec["steps"] if step["id"] == step_id)
    for choice in step["choices"]:
        if choice["next"] is None:
            yield path + [choice["id"]]
        else:
            yield from _paths(spec, choice["next"], path + [choice["id"]])


def test_every_path_of_the_chair_scenario_ends_with_a_reflection(registry):
    spec = registry.exercises["duinstad-voorzitter"]
    paths = list(_paths(spec, spec["start"], []))
    assert len(paths) >= 4
    for path in paths:
        result = scenario.compute(spec, {"path": path})
        assert result["valid"] and result["finished"] and result["reflection"], path


def test_every_situation_has_a_choice_that_fits(registry):
    spec = registry.exercises["duinstad-voorzitter"]
    for step in spec["steps"]:
        assert any(choice["assessment"] == "fits" for choice in step["choices"]), step["id"]


def test_contacts_stand_beside_the_national_desk_on_an_example_domain(registry):
    ours = [c for c in registry.contacts if c.plugin == PLUGIN]
    assert len(ours) == 2 and not any(c.replaces_national for c in ours)
    assert all(c.email.endswith(".example") for c in ours)
    assert all(urlparse(c.website).hostname.endswith(".example") for c in ours if c.website)
    page = contact_page(registry.contacts)
    assert "Team Samenleven, gemeente Duinstad" in page and "Landelijk adviespunt" in page


def test_book_title_names_duinstad(registry):
    assert registry.config["title"] == "Cursus sleutelpersonennetwerk Duinstad"
    assert registry.config["sphinx"]["config"]["language"] == "nl"


@pytest.mark.parametrize("page, exercise_id", [("netwerk", "duinstad-netwerk"), ("voorzitter", "duinstad-voorzitter")])
def test_exercise_page_shows_one_exercise_of_duinstad(registry, page, exercise_id):
    notebook = json.loads((SRC / PLUGIN / "pages" / f"{page}.ipynb").read_text(encoding="utf-8"))
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert len(code) == 1
    assert "".join(code[0]["source"]) == f'from sleutelcursus import exercise\nexercise("{exercise_id}")'
    assert code[0]["metadata"]["tags"] == ["remove-input"]
    # Opgeslagen na een echte uitvoering: nbval vergelijkt die uitvoer bij elke testrun.
    kind = registry.exercises[exercise_id]["type"]
    shown = ["".join(output["data"]["text/plain"]) for output in code[0]["outputs"]]
    assert shown == [f"<Oefening '{exercise_id}' ({kind})>"]
    assert registry.exercise_plugins[exercise_id] == PLUGIN


def test_entry_point_loads_the_package_module():
    tomllib = pytest.importorskip("tomllib")  # Python 3.11 en nieuwer
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["entry-points"]["sleutelcursus"] == {"duinstad": PLUGIN}
    assert project["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"] == [f"src/{PLUGIN}"]
    assert (SRC / PLUGIN / "__init__.py").is_file()
