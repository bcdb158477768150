"""Ties in the group summaries are named as ties (trainer trial): the group network is
not the first candidates in the pool's order when they were chosen equally often, a
role scan that scores every role the same is no "strongest role", and a trainee counts
once in "Sterkste rol bij"."""

from __future__ import annotations

import html

from answerfiles import answer_data, write_json
from sleutelcursus.exercises import composition
from sleutelcursus.plugins.registry import get_spec
from sleutelcursus.workshop import least_seen_sentence, read_answers, role_mix
from sleutelcursus.workshop.report import render_report
from sleutelcursus.workshop.spreadsheet import csv_text
from sleutelcursus.workshop.summaries import candidate_choices, group_network

# Three networks of seven, nobody chosen twice; together every neighbourhood. The
# pool's first seven of them (k01-k04, k09-k11) lie in two neighbourhoods.
NETWORKS = {"Anna": ["k01", "k02", "k03", "k04", "k09", "k10", "k11"],
            "Bram": ["k17", "k18", "k24", "k25", "k29", "k30", "k35"],
            "Cem": ["k36", "k40", "k41", "k19", "k26", "k31", "k12"]}


def networks_frame(folder, networks=NETWORKS):
    for name, chosen in networks.items():
        write_json(folder / f"{name}.json", answer_data("netwerk-samenstellen", {"selected": chosen}, name))
    return read_answers(folder)[0]


def test_a_tie_at_the_cut_off_is_broken_by_the_networks_balance_not_the_pools_order(tmp_path):
    balance = group_network(networks_frame(tmp_path))
    spec = get_spec("netwerk-samenstellen")
    members = balance.attrs["leden"]
    assert len(members) == 7
    wijk = {item["id"]: item["wijk"] for item in spec["candidates"]}
    assert {wijk[cid] for cid in members} == set(wijk.values())
    tie = balance.attrs["gelijk"]
    assert tie["gekozen"] == 1 and tie["plaatsen"] == 7 and len(tie["kandidaten"]) == 21
    assert tie["gekozen_uit"] == members
    pool_order = composition.compute(spec, {"selected": NETWORKS["Anna"]})
    assert balance.attrs["uitkomst"]["score"] > pool_order["score"]
    assert not any(line.startswith("Nog niemand uit") for line in balance.attrs["uitkomst"]["advice"])
    # The same group in another file order gives the same group network.
    again = group_network(networks_frame(tmp_path / "omgekeerd", dict(reversed(NETWORKS.items()))))
    assert again.attrs["leden"] == members
    chosen = candidate_choices(networks_frame(tmp_path / "tabel"))
    assert sorted(chosen.loc[chosen["in_groepsnetwerk"], "kandidaat"]) == sorted(members)


def test_the_report_says_candidates_tied_and_how_the_group_network_chose_among_them(tmp_path):
    frame = networks_frame(tmp_path)
    page = " ".join(html.unescape(render_report(frame, 0, False)).split())
    names = {item["id"]: item["naam"] for item in get_spec("netwerk-samenstellen")["candidates"]}
    chosen = ", ".join(names[cid] for cid in group_network(frame).attrs["gelijk"]["gekozen_uit"])
    assert ("Gelijke stand: 21 kandidaten zijn even vaak gekozen (1 keer, dus door één deelnemer), "
            "voor de laatste 7 plaatsen in het groepsnetwerk.") in page
    assert f"het beste netwerk gaf (de hoogste score; bij gelijke score de eerste in de kandidatenlijst): {chosen}." in page
    assert "De andere 14 staan in de tabel met 'nee' bij 'In groepsnetwerk', maar zijn even vaak gekozen." in page


def test_no_tie_is_named_when_the_most_chosen_fill_the_group_network(tmp_path):
    same = dict.fromkeys(["Anna", "Bram"], NETWORKS["Bram"])
    frame = networks_frame(tmp_path, same)
    assert group_network(frame).attrs["gelijk"] is None
    assert "Gelijke stand" not in render_report(frame, 0, False)


def rolscan(tmp_path, scans: dict[str, dict]):
    for name, answers in scans.items():
        write_json(tmp_path / f"{name}.json", answer_data("rolscan", answers, name))
    return read_answers(tmp_path)[0]


def raised(statements: set[str]) -> dict:
    """A role scan with every statement neutral (3) but ``statements`` at 5.

    r01, r02 and r03 each weigh on one role only (verbinder, vertegenwoordiger, doener);
    verbinder and vertegenwoordiger have five statements each, so r01 and r02 at 5 give
    both the same score.
    """
    return {item["id"]: 5 if item["id"] in statements else 3 for item in get_spec("rolscan")["statements"]}


def test_a_scan_with_a_shared_best_score_names_the_tie_and_counts_once(tmp_path):
    frame = rolscan(tmp_path, {"Anna": raised(set()), "Bram": raised({"r01", "r02"}), "Cem": raised({"r01"})})
    assert list(frame["sterkste"]) == ["alle onderdelen even hoog", "even sterk in Verbinder en Vertegenwoordiger", "Verbinder"]
    mix = role_mix(frame)
    assert list(mix["sterkste_bij"]) == [1, 0, 0, 0] and mix.attrs["geen_duidelijke_sterkste"] == 2
    page = " ".join(html.unescape(render_report(frame, 0, False)).split())
    assert ("Geen duidelijke sterkste rol bij 2 van de 3 scans: daar scoren twee of meer rollen even hoog "
            "(de hoogste score).") in page
    assert "die kolom telt daarom op tot 1, niet tot 3." in page
    text = csv_text(frame)
    assert "sterkste: alle onderdelen even hoog" in text and "Verbinder, Vertegenwoordiger" not in text


def test_the_least_seen_role_is_named_only_when_it_is_alone(tmp_path):
    assert least_seen_sentence(role_mix(rolscan(tmp_path / "a", {"Anna": raised(set())}))) == (
        "Alle rollen zie je even veel in de groep (gemiddeld 50%): geen rol komt het minst voor.")
    two = role_mix(rolscan(tmp_path / "b", {"Anna": raised({"r01", "r02"})}))
    assert least_seen_sentence(two) == (
        "Deze rollen zie je even weinig in de groep: Resultaatgerichte doener en Luis in de pels (allemaal gemiddeld 50%).")
    three = role_mix(rolscan(tmp_path / "c", {"Anna": raised({"r01", "r02", "r03"})}))
    assert least_seen_sentence(three) == "Deze rol zie je het minst in de groep: Luis in de pels (gemiddeld 50%)."
