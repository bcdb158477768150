"""The choice of names on the trainer page appears only when the stand names someone
(trainer trial: "Namen in de stand" changed nothing visible while no table showed names)."""

from __future__ import annotations

from livegroup import trainee_payloads
from sleutelcursus.live.view import shows_names
from trainersession import base, client, live, login  # noqa: F401 (the session fixtures)

SWITCH = '<nav class="sc-namen" aria-labelledby="sc-namen-kop">'
NONE_YET = "Namen in de stand: nog geen. De stand toont nu alleen aantallen."


def test_without_a_table_of_trainees_the_page_explains_instead_of_offering_the_choice(live, client):
    participant = live.join(client, "Amira")
    for payload in trainee_payloads(0, ["rolscan", "voorzitter-kiezen"]):
        assert live.answer(client, participant, payload).status_code == 204
    login(client, live.token)
    for path in ("/trainer", "/trainer/stand", "/trainer?pseudoniem=ja"):
        page = client.get(path).text
        assert NONE_YET in page and SWITCH not in page and "Amira" not in page, path

    [network] = trainee_payloads(0, ["netwerk-samenstellen"])
    assert live.answer(client, participant, network).status_code == 204
    page = client.get("/trainer").text
    assert SWITCH in page and NONE_YET not in page and ">Amira<" in page
    assert '<a href="/trainer" aria-current="page">bijnamen</a>' in page
    hidden = client.get("/trainer/stand?pseudoniem=ja").text
    assert SWITCH in hidden and "Amira" not in hidden
    assert 'aria-current="page">Deelnemer 1, 2, … (voor de beamer)</a>' in hidden


def test_a_name_counts_only_as_the_whole_text_of_a_cell_or_label():
    assert shows_names(["Bas"], ['<th scope="row">Bas</th>'])
    assert shows_names(["<b>"], ["<td>&lt;b&gt;</td>"])
    assert not shows_names(["Bas"], ["<td>Basisschool</td>", "<p>Bas koos</p>"])
