"""The copy check's committed fingerprints of the guide, and the script that makes them."""

from __future__ import annotations

import re

from guidecopy import FINGERPRINTS, SIZE, copied, fingerprint, guide_fingerprints, main, ngrams, normalised_words

# A made-up "guide" for the round trip: the committed file is made from the real one.
FAKE_GUIDE = """Een netwerk van sleutel-
personen begint met een duidelijk doel. De gemeente kiest eerst wat het netwerk
moet opleveren, en pas daarna wie erbij hoort.
"""


def test_the_fingerprint_file_holds_hashes_only():
    lines = FINGERPRINTS.read_text(encoding="utf-8").splitlines()
    header = [line for line in lines if line.startswith("#")]
    hashes = [line for line in lines if not line.startswith("#")]
    assert lines[:len(header)] == header, "het commentaar staat bovenaan"
    assert all(re.fullmatch(r"[0-9a-f]{16}", line) for line in hashes)
    assert hashes == sorted(set(hashes))
    words, runs = map(int, re.search(r"# (\d+) woorden, (\d+) reeksen", header[-1]).groups())
    assert runs == len(hashes) and words > 6000 and runs > words * 0.95
    assert guide_fingerprints() == frozenset(hashes)


def test_the_script_writes_the_fingerprints_of_the_guide_it_is_given(tmp_path, capsys):
    guide = tmp_path / "handreiking.txt"
    guide.write_text(FAKE_GUIDE, encoding="utf-8")
    out = tmp_path / "vingerafdrukken.txt"
    assert main([str(guide), "--uit", str(out)]) == 0
    assert f"vingerafdrukken geschreven naar {out}" in capsys.readouterr().out
    made = guide_fingerprints(out)
    words = normalised_words(FAKE_GUIDE)
    assert words[:3] == ["een", "netwerk", "van"] and "sleutelpersonen" in words  # line-break hyphen joined
    assert made == {fingerprint(gram) for gram in ngrams(words)} and len(made) == len(words) - SIZE + 1
    assert not set(words) & set(re.findall(r"\w+", out.read_text(encoding="utf-8").split("reeksen", 1)[1]))
    # The check finds a copied run of words, whatever the case and punctuation, and only that.
    own = "Wat moet het netwerk opleveren? Dat kiest de gemeente vooraf."
    taken = "Zij zei: de gemeente kiest eerst wat het Netwerk moet opleveren!"
    assert copied(normalised_words(own), made) == []
    assert copied(normalised_words(taken), made) == ["de gemeente kiest eerst wat het netwerk moet",
                                                     "gemeente kiest eerst wat het netwerk moet opleveren"]


def test_the_script_refuses_a_missing_or_empty_guide_with_one_line(tmp_path, capsys):
    out = tmp_path / "vingerafdrukken.txt"
    assert main([str(tmp_path / "weg.txt"), "--uit", str(out)]) == 1
    assert main([str(tmp_path), "--uit", str(out)]) == 1
    (tmp_path / "kort.txt").write_text("Te kort.", encoding="utf-8")
    assert main([str(tmp_path / "kort.txt"), "--uit", str(out)]) == 1
    errors = capsys.readouterr().err.splitlines()
    assert len(errors) == 3 and "weg.txt: niet te lezen" in errors[0] and "minder dan 8 woorden" in errors[2]
    assert not out.exists()
