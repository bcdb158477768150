"""The quality gate can fail: a small book with one bad page per defect must be refused.

The pages in ``tests/quality_cases/`` join the mini test book as one local module, the
same way $SLEUTELCURSUS_EXTRA_PAGE adds them to the whole book. The same check and the
same failure lists as in ``test_site_quality.py`` must name each bad page with its
defect, and nothing else.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitequality import check_site, write_page_plugin
from sites import build_site, local_plugins_only

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HERE = Path(__file__).resolve().parent
MODULE = "course/lokaal/testpagina"
# Quality case -> (the check that must fail, words its failure line must hold).
CASES = {
    "unlabeled-input.md": ("axe", ": label (1 element)"),
    "outside-script.md": ("outside", "verzoek buiten de site naar https://example.org/x.js"),
    "unreachable-control.md": ("keyboard", "bediening proef: button"),
    "keyboard-trap.md": ("keyboard", "Tab blijft rondgaan"),
    "too-wide.md": ("layout", "bij smal-360: de pagina scrolt horizontaal"),
}
# A script that cannot load is also an error in the browser's console.
ALSO = {"outside-script.md": {"console"}}


def page_of(case: str) -> str:
    """Where a case lands in the book: the module's first page is its index."""
    return f"{MODULE}/index.html" if case == next(iter(CASES)) else f"{MODULE}/{Path(case).stem}.html"


@pytest.fixture(scope="module")
def bad_book_report(browser, tmp_path_factory):
    """The gate's report on the mini book with every bad page added."""
    base = tmp_path_factory.mktemp("slechte-paginas")
    shutil.copytree(HERE / "books" / "mini", base / "boek")
    write_page_plugin(base / "plugins", [HERE / "quality_cases" / case for case in CASES])
    env = {**local_plugins_only(), "SLEUTELCURSUS_BOOK": str(base / "boek")}
    return check_site(browser, build_site(base, "--plugins-dir", str(base / "plugins"), env=env))


def test_every_bad_page_is_in_the_small_book(bad_book_report):
    assert {page_of(case) for case in CASES} <= set(bad_book_report.pages)
    assert {"course/index.html", "course/tweede.html"} <= set(bad_book_report.pages)


@pytest.mark.parametrize("case", CASES)
def test_the_gate_names_the_defect_of_each_bad_page(bad_book_report, case):
    aspect, words = CASES[case]
    failures = bad_book_report.failures(aspect)
    assert any(line.startswith(page_of(case)) and words in line for line in failures), failures


@pytest.mark.parametrize("aspect", ["axe", "outside", "console", "keyboard", "layout"])
def test_the_gate_blames_no_other_page_and_no_other_check(bad_book_report, aspect):
    expected = {page_of(case) for case, (wanted, _) in CASES.items() if aspect == wanted or aspect in ALSO.get(case, ())}
    blamed = {line.split(" ")[0].rstrip(":") for line in bad_book_report.failures(aspect)}
    assert blamed == expected
