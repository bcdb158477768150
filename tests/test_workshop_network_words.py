"""The group network's balance says what its scores mean (trainer trial: "94" beside
"te weinig mensen met een migratieachtergrond" read as a contradiction)."""

from __future__ import annotations

import html

from sleutelcursus.plugins.registry import registered_specs
from sleutelcursus import exercise
from sleutelcursus.workshop import example_answers, from_widgets, read_answers
from sleutelcursus.workshop.report import network_chart
from sleutelcursus.workshop.summaries import group_network


def example_group():
    frame, _ = read_answers(example_answers(2))
    return frame


def test_a_pair_off_its_target_says_it_is_outside_the_margin_whatever_its_score():
    balance = group_network(example_group())
    pairs = balance[~balance["onderdeel"].isin(["Wijken", "Rollen", "Totaal"])]
    off = pairs[pairs["score"] < 100]
    assert len(off) and (off["score"] > 50).all()  # the example has one just off: a high score
    assert all(words.startswith("buiten de marge: te weinig ") for words in off["oordeel"])
    assert set(pairs[pairs["score"] == 100]["oordeel"]) == {"in balans"}


def test_the_total_names_what_holds_it_down():
    # Everyone chose a possible troublemaker (k03, "status"): the cap holds the total down.
    network = exercise("netwerk-samenstellen", {"selected": ["k03", "k09", "k17", "k24", "k29", "k35", "k40"]})
    balance = group_network(from_widgets({"Anna": network, "Bram": network})).set_index("onderdeel")
    assert balance.loc["Totaal", "oordeel"].startswith(
        f"hoogstens {balance.loc['Totaal', 'score']} zolang er mogelijke stoorzenders in zitten; ")


def test_the_report_explains_the_scores_in_the_books_words():
    page = html.unescape(network_chart(example_group()).data)
    # The book's "Hoe komt je score tot stand?" (the spec's message) after its first sentence.
    book = registered_specs()["netwerk-samenstellen"]["messages"]["explain_pairs"].split(". ", 1)[1]
    section = page.split("<h3>Balans van het groepsnetwerk</h3>", 1)[1]
    assert book in section.split("<table", 1)[0]
    assert "<th scope=\"col\">Score (van 100)</th>" in section
