"""Content checks of the course pages (issue 5).

Every section of the course is listed below as data: the page that teaches it and
the key words it must contain. The checks fail when a page is missing on disk or in
``_toc.yml``, is too short, lacks the parts a chapter needs, copies sentences from
the guide, or uses a glossary term that does not exist. The prose extraction is
shared with ``benchmarks/readability.py`` (``tests/prose.py``).

Each check is a small function that returns the problems it finds; the
``test_checker_*`` tests feed those functions a broken page, so a check that stopped
catching its defect would fail too.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
import yaml

from guidecopy import SIZE, copied, normalised_words
from prose import COURSE, ROOT, course_pages, extract, page_prose, page_source, reading_ease
from sleutelcursus.exercises import scenario

MIN_WORDS = 250
DATA = ROOT / "src" / "sleutelcursus" / "data"
TOC = ROOT / "_toc.yml"
GLOSSARY = COURSE / "begrippen.md"
START = COURSE / "index.md"

# Section name -> (page, kind, key words that must occur in the page's prose).
# kind: "chapter" pages need the full chapter frame (leerpad, leerdoelen, summary,
# reflection questions); the others only need the prose, key words and source line.
SECTIONS: dict[str, tuple[str, str, list[str]]] = {
    "Start": ("index.md", "start", [
        "ambtenaren", "sleutelpersonen", "leerpad ambtenaar", "leerpad sleutelpersoon",
        "browser", "download", "wis", "minuten", "uur",
    ]),
    "Wat is een sleutelpersonennetwerk?": ("sleutelpersonennetwerk.md", "chapter", [
        "sleutelpersoon", "netwerk", "Terpstra", "kenmerken", "aandachtspunten",
        "Overzicht netwerkvormen", "ad-hocnetwerk", "wederkerigheid", "professionele organisaties",
    ]),
    "Fase 1 Voorbereiding": ("fase-1/index.md", "landing", [
        "voorbereiding", "doel", "bestuur", "kaders",
    ]),
    "1.1 Doel en bestaansrecht": ("fase-1/doel.md", "chapter", [
        "bestaansrecht", "hulpvragen", "voorlichting", "bewustwording", "weerbaarheid",
        "de-escaleren", "beleid", "vredestijd",
    ]),
    "1.2 Bestuurlijk draagvlak": ("fase-1/draagvlak.md", "chapter", [
        "bestuurlijk draagvlak", "burgemeester", "wethouder", "gemeenteraad", "begroting",
        "nieuwjaarsreceptie",
    ]),
    "1.3 Kaders en uitgangspunten": ("fase-1/kaders.ipynb", "chapter", [
        "bijeenkomsten", "klein netwerk", "groot netwerk", "kerngroep", "tegenprestatie",
        "wederkerigheid", "externe organisatie", "scout", "ambitie", "regisseur",
        "facilitator", "participant", "flexibel", "vooroordelen",
    ]),
    "Kennischeck fase 1": ("fase-1/kennischeck.ipynb", "check", ["kennischeck", "browser"]),
    "Fase 2 Opbouw": ("fase-2/index.md", "landing", [
        "werven", "motivatie", "stoorzenders", "afspraken",
    ]),
    "2.1 Werving en selectie": ("fase-2/werving.md", "chapter", [
        "bestaande netwerken", "sneeuwbalmethode", "inloopavond", "campagne", "Instagram",
        "motivatie", "verwachten",
    ]),
    "2.2 Kenmerken en diversiteit": ("fase-2/diversiteit.ipynb", "chapter", [
        "verbinder", "vertegenwoordiger", "resultaatgerichte doener", "luis in de pels",
        "migratieachtergrond", "jong en oud", "wijken", "hulpverlening", "theoretische",
        "bekend", "stoorzender", "omstreden organisatie", "status", "eigen belang",
    ]),
    "2.3 Afspraken maken": ("fase-2/afspraken.md", "chapter", [
        "hoe vaak", "agenda", "waar", "naam", "startbijeenkomst",
    ]),
    "Kennischeck fase 2": ("fase-2/kennischeck.ipynb", "check", ["kennischeck", "browser"]),
    "Fase 3 Samenwerking en onderhoud": ("fase-3/index.md", "landing", [
        "vertrouwen", "kennis", "evalu", "voorzitter",
    ]),
    "3.1 Vertrouwen en zichtbaarheid": ("fase-3/vertrouwen.ipynb", "chapter", [
        "vertrouwen", "vertrouwelijke informatie", "AVG", "vaste, kleine groep ambtenaren",
        "professionele organisatie", "voorzitter", "rouleren", "waardering", "burgemeester",
    ]),
    "3.2 Kennis opbouwen en delen": ("fase-3/kennis-delen.md", "chapter", [
        "kennis", "ervaren", "buddy", "moskee", "kerk", "achterban",
    ]),
    "3.3 Stabiliteit, verloop en afwisseling": ("fase-3/stabiliteit.md", "chapter", [
        "stille", "overbelast", "stoppen", "blijf werven", "exitgesprek", "opvolger", "rollen",
    ]),
    "3.4 Evaluatie": ("fase-3/evaluatie.md", "chapter", [
        "evaluatie", "doelen", "experts", "gemeenteraad", "terug te kijken",
    ]),
    "Kennischeck fase 3": ("fase-3/kennischeck.ipynb", "check", ["kennischeck", "browser"]),
    "Begrippenlijst": ("begrippen.md", "reference", [
        "sleutelpersoon", "kerngroep", "stoorzender", "verbinder", "vertegenwoordiger",
        "resultaatgerichte doener", "luis in de pels", "wederkerigheid", "tegenprestatie",
        "bestuurlijk draagvlak", "regisseur", "facilitator", "participant", "AVG",
        "vredestijd", "exitgesprek",
    ]),
    "Bronnen en hulp": ("bronnen.md", "reference", [
        "Handreiking sleutelpersonennetwerk", "ESS", "Expertise-unit Sociale Stabiliteit",
        "Overzicht netwerkvormen", "ess@minszw.nl", "070 - 333 4558",
    ]),
}

# Exercise cells per notebook page, in page order.
EXERCISES = {
    "fase-1/kaders.ipynb": ["werving", "rol-gemeente", "zelfscan-ambtenaar"],
    "fase-2/diversiteit.ipynb": ["rolscan", "netwerk-samenstellen"],
    "fase-3/vertrouwen.ipynb": ["voorzitter-kiezen", "voorzitter-kiezen-sleutelpersoon"],
    "fase-1/kennischeck.ipynb": ["kennischeck-fase-1", "kennischeck-fase-1-sleutelpersoon"],
    "fase-2/kennischeck.ipynb": ["kennischeck-fase-2", "kennischeck-fase-2-sleutelpersoon"],
    "fase-3/kennischeck.ipynb": ["kennischeck-fase-3", "kennischeck-fase-3-sleutelpersoon"],
}
# Knowledge checks: file stem -> (phase, fewest questions). The key person's checks are
# shorter: they cover only the chapters of that path.
KNOWLEDGE_CHECKS = {
    **{f"kennischeck-fase-{phase}": (phase, 5) for phase in (1, 2, 3)},
    **{f"kennischeck-fase-{phase}-sleutelpersoon": (phase, 4) for phase in (1, 2, 3)},
}

LEERPAD_BOTH = "Voor: ambtenaren en sleutelpersonen"
LEERPAD_AMBTENAAR = "Voor: ambtenaren"
CHAPTERS = [page for page, kind, _ in SECTIONS.values() if kind == "chapter"]


# --------------------------------------------------------------------------- checks


def toc_files(toc: dict) -> list[str]:
    """Every ``file`` entry of a Jupyter Book table of contents, in order."""
    found: list[str] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            if "file" in node:
                found.append(str(node["file"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    found.append(str(toc.get("root", "")))
    walk({k: v for k, v in toc.items() if k != "root"})
    return found


def headings_of(source: str) -> list[tuple[int, str, int]]:
    """(level, text, line number) of each Markdown heading outside code fences."""
    result, fence = [], None
    for number, line in enumerate(source.splitlines()):
        marker = re.match(r"^\s*(`{3,}|~{3,})", line)
        if marker:
            if fence is None:
                fence = marker.group(1)
            elif marker.group(1).startswith(fence) and not line.strip()[len(marker.group(1)):].strip():
                fence = None
            continue
        if fence is None:
            heading = re.match(r"^(#{1,6})\s+(.*)$", line)
            if heading:
                result.append((len(heading.group(1)), heading.group(2).strip(), number))
    return result


def section_body(source: str, title: str) -> str | None:
    """The text under the level-2 heading ``title``, up to the next level-1/2 heading."""
    lines = source.splitlines()
    heads = headings_of(source)
    for index, (level, text, number) in enumerate(heads):
        if level == 2 and text.lower() == title.lower():
            end = next((n for lvl, _, n in heads[index + 1:] if lvl <= 2), len(lines))
            return "\n".join(lines[number + 1:end])
    return None


def leerpad_of(source: str) -> str | None:
    """The 'Voor: ...' line of the page's leerpad admonition, if it is the first block."""
    match = re.search(
        r"\A(?:\(.+\)=\s*\n)?#\s+[^\n]+\n\s*```\{admonition\} Leerpad\n(?::[\w-]+:[^\n]*\n)*([^\n]+)\n```",
        source.lstrip(),
    )
    return match.group(1).strip() if match else None


def list_items(markdown: str) -> list[str]:
    """The items of the Markdown lists in a fragment."""
    return [re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", line).strip()
            for line in markdown.splitlines() if re.match(r"^\s*(?:[-*+]|\d+[.)])\s+", line)]


def chapter_problems(source: str) -> list[str]:
    """What a chapter page lacks: leerpad, leerdoelen, summary, reflection, source line."""
    problems = []
    if leerpad_of(source) not in (LEERPAD_BOTH, LEERPAD_AMBTENAAR):
        problems.append(
            "geen leerpad-blok direct onder de titel (```{admonition} Leerpad``` met "
            f"'{LEERPAD_AMBTENAAR}' of '{LEERPAD_BOTH}')"
        )
    # Only the page's own sections count: level 2, below the title.
    heads = [text.lower() for level, text, _ in headings_of(source) if level == 2]
    for title in ("leerdoelen", "samenvatting", "denk verder"):
        if title not in heads:
            problems.append(f"kopje '## {title.capitalize()}' ontbreekt")
    if heads and "leerdoelen" in heads and heads[0] != "leerdoelen":
        problems.append("Leerdoelen moet het eerste kopje zijn (bovenaan de pagina)")
    if heads and "denk verder" in heads and heads[-1] != "denk verder":
        problems.append("Denk verder moet het laatste kopje zijn")
    if "samenvatting" in heads and "denk verder" in heads and heads.index("samenvatting") != len(heads) - 2:
        problems.append("Samenvatting moet direct voor Denk verder staan")
    goals = section_body(source, "Leerdoelen")
    if goals is not None and len(list_items(goals)) < 2:
        problems.append("Leerdoelen heeft minder dan twee doelen")
    summary = section_body(source, "Samenvatting")
    if summary is not None and len(extract(summary).words) < 30:
        problems.append("Samenvatting is korter dan 30 woorden")
    reflection = section_body(source, "Denk verder")
    if reflection is not None:
        questions = [item for item in list_items(reflection) if item.rstrip("*_ ").endswith("?")]
        if not 2 <= len(questions) <= 3:
            problems.append(f"Denk verder heeft {len(questions)} vragen; het moeten er 2 of 3 zijn")
    return problems


def source_line_problems(source: str) -> list[str]:
    """A page must end with a line naming the guide section it teaches."""
    blocks = extract(source).blocks
    lines = [b for b in blocks if b.startswith("Bron: Handreiking sleutelpersonennetwerk")]
    if not lines:
        return ["geen regel 'Bron: Handreiking sleutelpersonennetwerk, ...'"]
    if not re.search(r"(fase \d|inleiding|alle fasen|Wat is een sleutelpersonennetwerk)", lines[0]):
        return [f"de bronregel noemt geen deel van de handreiking: {lines[0]!r}"]
    return []


def without_quoted_titles(block: str) -> str:
    """A source line without the guide's section titles it quotes; other blocks as is."""
    if not block.startswith("Bron:"):
        return block
    return re.sub(r'"[^"]*"|“[^”]*”', " ", block)


def page_words_for_copy_check(path: Path) -> list[str]:
    """A page's prose words; only the section titles quoted in its source line are left out."""
    prose = page_prose(path)
    return normalised_words("\n".join(without_quoted_titles(b) for b in prose.headings + prose.blocks))


def yaml_strings(node) -> list[str]:
    """Every string value in a parsed YAML document."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in yaml_strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in yaml_strings(value)]
    return []


def glossary_terms(source: str) -> set[str]:
    """The terms defined in the ``{glossary}`` directive(s) of a page, lower-cased."""
    terms: set[str] = set()
    for body in re.findall(r"```\{glossary\}[^\n]*\n(.*?)\n```", source, re.S):
        for line in body.splitlines():
            if line.strip() and not line[0].isspace() and not line.startswith(":"):
                terms.add(line.strip().lower())
    return terms


def term_references(source: str) -> list[str]:
    """The targets of every ``{term}`` role in a page, lower-cased."""
    targets = []
    for content in re.findall(r"\{term\}`([^`]+)`", source):
        titled = re.match(r"^.*<([^<>]+)>$", content.strip())
        targets.append((titled.group(1) if titled else content).strip().lower())
    return targets


def doc_targets(source: str) -> list[str]:
    """The targets of every ``{doc}`` role in a page."""
    targets = []
    for content in re.findall(r"\{doc\}`([^`]+)`", source):
        titled = re.match(r"^.*<([^<>]+)>$", content.strip())
        targets.append((titled.group(1) if titled else content).strip())
    return targets


def resolve_doc(page: Path, target: str) -> Path | None:
    """The page a ``{doc}`` target points to, or None when it does not exist."""
    base = ROOT if target.startswith("/") else page.parent
    stem = (base / target.lstrip("/")).resolve()
    for suffix in (".md", ".ipynb"):
        if stem.with_suffix(suffix).exists():
            return stem.with_suffix(suffix)
    return None


def start_table() -> dict[str, tuple[str, str]]:
    """The start page's path table (made from course/leerpaden.yml at build time):
    page target -> (ambtenaar column, sleutelpersoon column)."""
    from sleutelcursus.book.paths import load_path_file

    _, pages = load_path_file(COURSE / "leerpaden.yml")
    mark = lambda page, path: "ja" if path in page["paths"] else "nee"  # noqa: E731
    return {doc.removeprefix("course/"): (mark(page, "ambtenaar"), mark(page, "sleutelpersoon")) for doc, page in pages.items()}


# ------------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def toc() -> dict:
    assert TOC.exists(), "_toc.yml ontbreekt"
    return yaml.safe_load(TOC.read_text(encoding="utf-8"))


def _page(name: str) -> Path:
    return COURSE / SECTIONS[name][0]


# --------------------------------------------------------------------- the course


@pytest.mark.parametrize("name", SECTIONS)
def test_section_page_exists(name):
    assert _page(name).exists(), f"{name}: pagina {_page(name)} ontbreekt"


@pytest.mark.parametrize("name", SECTIONS)
def test_section_page_is_in_toc(name, toc):
    entry = str(Path("course") / Path(SECTIONS[name][0]).with_suffix(""))
    assert entry in toc_files(toc), f"{name}: {entry} staat niet in _toc.yml"


def test_toc_is_a_jupyter_book_with_parts(toc):
    assert toc.get("format") == "jb-book"
    assert toc.get("root") == "course/index"
    parts = toc.get("parts") or []
    assert len(parts) >= 4 and all(part.get("caption") for part in parts)


def test_every_toc_entry_exists_on_disk(toc):
    missing = [entry for entry in toc_files(toc)
               if not any((ROOT / entry).with_suffix(s).exists() for s in (".md", ".ipynb"))]
    assert not missing, f"in _toc.yml maar niet op schijf: {missing}"


def test_every_course_page_is_listed_as_a_section():
    listed = {(COURSE / page).resolve() for page, _, _ in SECTIONS.values()}
    unlisted = [str(p.relative_to(ROOT)) for p in course_pages() if p.resolve() not in listed]
    assert not unlisted, f"pagina's zonder sectie in SECTIONS: {unlisted}"


@pytest.mark.parametrize("name", SECTIONS)
def test_section_has_enough_prose(name):
    words = len(page_prose(_page(name)).words)
    assert words >= MIN_WORDS, f"{name}: {words} woorden lopende tekst, minimaal {MIN_WORDS}"


@pytest.mark.parametrize("name", SECTIONS)
def test_section_mentions_its_key_words(name):
    prose = page_prose(_page(name))
    text = " ".join(prose.headings + prose.blocks).lower()
    missing = [word for word in SECTIONS[name][2] if word.lower() not in text]
    assert not missing, f"{name}: deze woorden ontbreken: {missing}"


@pytest.mark.parametrize("path", course_pages(), ids=lambda p: str(p.relative_to(COURSE)))
def test_every_page_names_the_guide_section(path):
    assert not source_line_problems(page_source(path)), source_line_problems(page_source(path))


@pytest.mark.parametrize("page", CHAPTERS)
def test_chapter_has_leerpad_goals_summary_and_reflection(page):
    problems = chapter_problems(page_source(COURSE / page))
    assert not problems, f"{page}: " + "; ".join(problems)


@pytest.mark.parametrize("page", CHAPTERS)
def test_chapter_links_a_glossary_term(page):
    assert term_references(page_source(COURSE / page)), f"{page}: geen enkele {{term}}-link"


def test_leerpad_of_each_chapter_matches_the_start_table():
    table = start_table()
    pages_in_table = {resolve_doc(START, target): cols for target, cols in table.items()}
    problems = []
    for page, kind, _ in SECTIONS.values():
        path = (COURSE / page).resolve()
        if kind not in ("chapter", "check"):
            continue
        if path not in pages_in_table:
            problems.append(f"{page} staat niet in de tabel op de startpagina")
            continue
        ambtenaar, sleutelpersoon = pages_in_table[path]
        if ambtenaar != "ja":
            problems.append(f"{page}: leerpad ambtenaar volgt alle hoofdstukken, maar de tabel zegt {ambtenaar!r}")
        expected = LEERPAD_BOTH if sleutelpersoon == "ja" else LEERPAD_AMBTENAAR
        actual = leerpad_of(page_source(path))
        if actual != expected:
            problems.append(f"{page}: leerpad-blok zegt {actual!r}, tabel vraagt {expected!r}")
    assert not problems, "\n".join(problems)


def test_sleutelpersoon_path_has_the_pages_that_concern_key_persons():
    table = start_table()
    chosen = {target for target, (_, sp) in table.items() if sp == "ja"}
    for needed in ("sleutelpersonennetwerk", "fase-1/doel", "fase-2/werving", "fase-2/diversiteit",
                   "fase-2/afspraken", "fase-3/vertrouwen", "fase-3/stabiliteit"):
        assert needed in chosen, f"{needed} hoort bij het leerpad sleutelpersoon"
    assert len(chosen) < len(table), "het leerpad sleutelpersoon is korter dan het leerpad ambtenaar"


@pytest.mark.parametrize("path", course_pages(), ids=lambda p: str(p.relative_to(COURSE)))
def test_no_sentence_is_copied_from_the_guide(path):
    shared = copied(page_words_for_copy_check(path))
    assert not shared, f"{path.name} deelt reeksen van {SIZE} woorden met de handreiking: {shared}"


@pytest.mark.parametrize("name", KNOWLEDGE_CHECKS)
def test_knowledge_check_does_not_copy_the_guide(name):
    spec = yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))
    shared = copied(normalised_words("\n".join(yaml_strings(spec))))
    assert not shared, f"{name} deelt reeksen met de handreiking: {shared}"


def test_every_term_used_exists_in_the_glossary():
    defined = glossary_terms(page_source(GLOSSARY))
    assert len(defined) >= 16, f"de begrippenlijst heeft maar {len(defined)} termen"
    unknown = {f"{p.relative_to(COURSE)}: {t}" for p in course_pages()
               for t in term_references(page_source(p)) if t not in defined}
    assert not unknown, f"{{term}} zonder begrip in de begrippenlijst: {sorted(unknown)}"


def test_glossary_has_the_required_terms():
    defined = glossary_terms(page_source(GLOSSARY))
    for term in ("sleutelpersoon", "sleutelpersonennetwerk", "kerngroep", "stoorzender", "verbinder",
                 "vertegenwoordiger", "resultaatgerichte doener", "luis in de pels", "wederkerigheid",
                 "tegenprestatie", "bestuurlijk draagvlak", "regisseur", "facilitator", "participant",
                 "avg", "vredestijd", "exitgesprek"):
        assert term in defined, f"begrip {term!r} ontbreekt in de begrippenlijst"


@pytest.mark.parametrize("path", course_pages(), ids=lambda p: str(p.relative_to(COURSE)))
def test_cross_references_resolve(path):
    source = page_source(path)
    broken = [t for t in doc_targets(source) if resolve_doc(path, t) is None]
    labels = {label for p in course_pages() for label in re.findall(r"^\((.+)\)=\s*$", page_source(p), re.M)}
    broken += [t for t in re.findall(r"\{ref\}`(?:[^`<]*<)?([^`>]+)>?`", source) if t not in labels]
    assert not broken, f"{path.name}: verwijzingen die nergens heen gaan: {broken}"


@pytest.mark.parametrize("path", course_pages(), ids=lambda p: str(p.relative_to(COURSE)))
def test_no_outside_resources_maths_or_placeholders(path):
    source = page_source(path)
    assert not re.search(r"!\[[^\]]*\]\(", source), "geen afbeeldingen van buiten"
    assert not re.search(r"<\s*(img|script|iframe|link|video|audio|embed|object|style)\b", source, re.I), \
        "geen HTML die iets laadt"
    assert not re.search(r"\{math\}|```\{math\}|\$[^$\n]+\$", source), "geen wiskunde (MathJax komt van buiten)"
    assert not re.search(r"\b(TODO|FIXME|XXX|lorem ipsum)\b", source, re.I), "geen plaatshouders"


@pytest.mark.parametrize("path", course_pages(), ids=lambda p: str(p.relative_to(COURSE)))
def test_sentences_are_short(path):
    text = " ".join(page_prose(path).blocks)
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if re.search(r"\w", s)]
    words = len(page_prose(path).words)
    assert words / max(1, len(sentences)) < 15, f"{path.name}: gemiddeld {words / len(sentences):.1f} woorden per zin"


@pytest.mark.parametrize("page", EXERCISES)
def test_exercise_cells_are_hidden_and_in_place(page):
    notebook = nbformat.read(COURSE / page, as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata.get("kernelspec", {}).get("name") == "python3"
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    ids = [re.search(r'exercise\("([^"]+)"\)', cell.source).group(1) for cell in code]
    assert ids == EXERCISES[page]
    for cell, exercise_id in zip(code, ids):
        assert cell.source.startswith("from sleutelcursus import exercise\n")
        assert "remove-input" in cell.metadata.get("tags", [])
        # Stored from a real run (tests/notebooks.py): nbval compares the widget's text repr.
        shown = [output.data["text/plain"] for output in cell.outputs if "data" in output]
        assert len(shown) == 1 and re.fullmatch(rf"<Oefening '{re.escape(exercise_id)}' \(\w+\)>", shown[0]), shown
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code":
            before = notebook.cells[index - 1]
            assert before.cell_type == "markdown" and "browser" in before.source, \
                f"{page}: de oefening {ids[code.index(cell)]} heeft geen introductie die zegt dat antwoorden in de browser blijven"


@pytest.mark.parametrize("name", KNOWLEDGE_CHECKS)
def test_knowledge_check_spec_is_a_linear_short_scenario(name):
    phase, fewest = KNOWLEDGE_CHECKS[name]
    path = DATA / f"{name}.yaml"
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert spec["id"] == name and spec["type"] == "scenario" and spec["shuffle"] is True
    assert spec["source"].startswith(f"Handreiking sleutelpersonennetwerk, fase {phase}")
    steps = spec["steps"]
    assert fewest <= len(steps) <= 6
    assert spec["start"] == steps[0]["id"]
    choice_ids = [c["id"] for step in steps for c in step["choices"]]
    assert len(choice_ids) == len(set(choice_ids)), "keuze-ids moeten uniek zijn in het hele bestand"
    for index, step in enumerate(steps):
        assessments = sorted(c["assessment"] for c in step["choices"])
        assert len(step["choices"]) == 3, step["id"]
        assert assessments.count("fits") == 1, f"{step['id']}: precies één keuze past"
        assert set(assessments) - {"fits"} <= {"risky", "advised_against"}
        for choice in step["choices"]:
            assert choice["reasons"] and choice["consequence"] and choice["label"]
            expected = steps[index + 1]["id"] if index + 1 < len(steps) else None
            assert choice.get("next") == expected, f"{choice['id']}: volgende vraag moet {expected} zijn"
    assert spec.get("reflection")


@pytest.mark.parametrize("name", KNOWLEDGE_CHECKS)
def test_knowledge_check_reads_easily(name):
    spec = yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))
    assert reading_ease(yaml_strings(spec)) >= 60


@pytest.mark.parametrize("name", KNOWLEDGE_CHECKS)
def test_knowledge_check_spec_passes_the_scenario_validator(name):
    path = DATA / f"{name}.yaml"
    scenario.validate(yaml.safe_load(path.read_text(encoding="utf-8")), str(path))


# -------------------------------------------- the checks themselves catch defects

GOOD_CHAPTER = """(x)=
# 9.9 Voorbeeld

```{admonition} Leerpad
:class: tip
Voor: ambtenaren
```

## Leerdoelen

- een ding;
- nog een ding.

## Inhoud

Tekst.

## Samenvatting

Dit is een samenvatting van meer dan dertig woorden. Ze vat de les kort samen in
gewone taal, zodat de lezer nog eens ziet wat belangrijk was. Dat helpt bij het
onthouden van de stof en bij het nadenken.

## Denk verder

1. Wat vind jij?
2. Wat doe jij?

*Bron: Handreiking sleutelpersonennetwerk, fase 9.9 "Voorbeeld".*
"""


def test_checker_accepts_a_complete_chapter():
    assert chapter_problems(GOOD_CHAPTER) == []
    assert source_line_problems(GOOD_CHAPTER) == []


@pytest.mark.parametrize("defect, broken", [
    ("no leerpad", lambda s: s.replace("Voor: ambtenaren", "Voor iedereen")),
    ("no goals", lambda s: s.replace("## Leerdoelen", "## Doelen")),
    ("no summary", lambda s: s.replace("## Samenvatting", "## Slot")),
    ("goals at the end", lambda s: s.replace("## Leerdoelen", "## Tussenkop").replace("## Denk verder", "## Leerdoelen\n\n- a;\n- b.\n\n## Denk verder")),
    ("one question", lambda s: s.replace("2. Wat doe jij?", "")),
    ("four questions", lambda s: s.replace("2. Wat doe jij?", "2. A?\n3. B?\n4. C?")),
    ("statements, not questions", lambda s: s.replace("Wat vind jij?", "Denk na.").replace("Wat doe jij?", "Schrijf op.")),
])
def test_checker_catches_a_broken_chapter(defect, broken):
    assert chapter_problems(broken(GOOD_CHAPTER)), defect


def test_checker_catches_a_missing_source_line():
    assert source_line_problems(GOOD_CHAPTER.replace("*Bron:", "*Zie:"))


def test_prose_count_ignores_code_options_front_matter_and_markup():
    page = (
        "---\ntitle: x\n---\n# Titel\n\n```{admonition} Leerpad\n:class: tip\nVoor: ambtenaren\n```\n\n"
        "```python\n" + "woord " * 300 + "\n```\n\n```{toctree}\n:maxdepth: 2\nfase-1/doel\n```\n\n"
        "Zie {doc}`fase-1/doel` en {term}`kerngroep`.\n"
    )
    prose = extract(page)
    assert prose.words == ["Voor", "ambtenaren", "Zie", "en", "kerngroep"]
    assert prose.headings == ["Titel."]


def test_copy_check_catches_a_sentence_from_the_guide():
    # One sentence of the guide, quoted here on purpose: the committed fingerprints must know it.
    sentence = "Een sleutelpersoon maakt vaak zelf onderdeel uit van een gemeenschap, al is dat geen voorwaarde."
    assert copied(normalised_words(sentence))
    assert not copied(normalised_words("Vaak hoort een sleutelpersoon zelf bij een gemeenschap."))
    # A copied sentence hidden in the source line is still caught; the quoted title is not.
    line = 'Bron: Handreiking sleutelpersonennetwerk, fase 3.3 "Stabiliteit, verloop en variatie in het netwerk". ' + sentence
    assert not copied(normalised_words(without_quoted_titles(line.split(". Een")[0])))
    assert copied(normalised_words(without_quoted_titles(line)))


def test_glossary_check_catches_an_unknown_term():
    defined = glossary_terms("```{glossary}\nkerngroep\n  Een kleine groep.\n```\n")
    assert defined == {"kerngroep"}
    used = term_references("Een {term}`kerngroep` en een {term}`raad <gemeenteraad>`.")
    assert [t for t in used if t not in defined] == ["gemeenteraad"]


def test_reference_check_catches_a_missing_page():
    assert resolve_doc(START, "fase-1/doel") is not None
    assert resolve_doc(START, "fase-1/bestaat-niet") is None


def test_toc_walk_finds_nested_sections():
    toc = {"root": "course/index", "parts": [{"caption": "A", "chapters": [
        {"file": "course/a", "sections": [{"file": "course/a/b"}]}]}]}
    assert toc_files(toc) == ["course/index", "course/a", "course/a/b"]
