"""What the site quality gate found: one :class:`PageReport` per page, one :class:`SiteReport`
for the whole site, which says what fails (``failures``) and turns the run into the results
the accessibility statement is generated from (``results``).

The run itself is :func:`sitequality.check_site`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sleutelcursus.book.statement import count
from trainees import WCAG_TAGS

# 200% zoom of a 1280 x 900 window: the browser then lays the page out in 640 x 450 CSS
# pixels with two device pixels per CSS pixel. Emulating exactly that viewport and
# scale gives the same media queries and the same layout as the zoomed window, which
# CSS `zoom` on the body does not (media queries would still see 1280 px).
VIEWS = {
    "zoom-200": {"viewport": {"width": 640, "height": 450}, "device_scale_factor": 2},
    "smal-360": {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 1},
}
VIEW_NAMES = {
    "zoom-200": "200% zoom (640 × 450 CSS-pixels, schaalfactor 2)",
    "smal-360": "smal scherm (360 CSS-pixels breed)",
}


@dataclass
class PageReport:
    """What one page did under test."""

    page: str
    redirect: str | None = None  # the page a 0-second redirect sends the reader to
    violations: dict[str, int] = field(default_factory=dict)  # axe rule -> elements
    dark_violations: dict[str, int] = field(default_factory=dict)  # the same in the theme's dark mode
    outside: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    tab_stops: int = 0
    trapped: bool = False
    keyboard_links: set[str] = field(default_factory=set)
    all_links: set[str] = field(default_factory=set)
    nav_links: int = 0  # pages the sidebar menu links to
    nav_missing: list[str] = field(default_factory=list)
    controls: int = 0
    controls_missing: list[str] = field(default_factory=list)
    exercises: int = 0
    layout: dict[str, list[str]] = field(default_factory=dict)  # view -> problems
    summary: dict[int, list[str]] = field(default_factory=dict)  # width -> composition summary problems


@dataclass(repr=False)
class SiteReport:
    """The run over a whole site."""

    start: str
    pages: dict[str, PageReport]
    rules: dict[str, dict]  # every axe rule that ran -> its description and WCAG criteria
    axe_version: str
    browser_version: str

    def __repr__(self) -> str:  # pytest shows it with every failed assertion
        return f"SiteReport({len(self.pages)} pagina's vanaf {self.start})"

    def reachable(self, attribute: str) -> set[str]:
        """Pages reached from the start page over the links in ``attribute``."""
        seen, todo = {self.start}, [self.start]
        while todo:
            for target in getattr(self.pages[todo.pop()], attribute):
                if target not in seen and target in self.pages:
                    seen.add(target)
                    todo.append(target)
        return seen

    def unreachable_by_keyboard(self) -> list[str]:
        """Pages a mouse user reaches by links from the start page and Tab does not."""
        return sorted(self.reachable("all_links") - self.reachable("keyboard_links"))

    def exercise_pages(self) -> list[str]:
        return sorted(rel for rel, page in self.pages.items() if page.exercises)

    def unlinked(self) -> list[str]:
        """Pages no link leads to from the start page (search results, Sphinx's index)."""
        return sorted(set(self.pages) - self.reachable("all_links") - {r for r, p in self.pages.items() if p.redirect})

    def failures(self, aspect: str) -> list[str]:
        """One line per failure for ``aspect``: axe, outside, console, keyboard, layout or summary."""
        lines = []
        for rel, page in sorted(self.pages.items()):
            if aspect == "axe":
                lines += [f"{rel}: {rule} ({count(n, 'element', 'elementen')})" for rule, n in sorted(page.violations.items())]
                lines += [f"{rel} in donkere modus: {rule} ({count(n, 'element', 'elementen')})"
                          for rule, n in sorted(page.dark_violations.items())]
            elif aspect == "outside":
                lines += [f"{rel}: verzoek buiten de site naar {url}" for url in page.outside]
                if page.redirect is not None and page.redirect not in self.pages:
                    lines.append(f"{rel}: stuurt door naar {page.redirect}, geen pagina van de site")
            elif aspect == "console":
                lines += [f"{rel}: consolefout {text}" for text in page.console_errors]
            elif aspect == "keyboard":
                lines += [f"{rel}: Tab blijft rondgaan na {page.tab_stops} tabstops"] if page.trapped else []
                lines += [f"{rel}: menu-link naar {link} niet bereikt met Tab" for link in page.nav_missing]
                lines += [f"{rel}: bediening {key} niet bereikt met Tab" for key in page.controls_missing]
            elif aspect == "summary":
                lines += [f"{rel} bij {width} px: {p}" for width, problems in sorted(page.summary.items()) for p in problems]
            elif aspect == "layout":
                lines += [f"{rel} bij {view}: {p}" for view, problems in sorted(page.layout.items()) for p in problems]
            else:
                raise ValueError(aspect)
        if aspect == "keyboard":
            lines += [f"{rel}: niet te bereiken met het toetsenbord vanaf {self.start}" for rel in self.unreachable_by_keyboard()]
        return lines

    def results(self, tools: dict[str, str], date: str, plugins: list[str]) -> dict:
        """The run as JSON data for the accessibility statement (deterministic apart from ``date``).

        ``tools`` are the versions of the programs that tested (axe-core and Chromium are
        added here), ``plugins`` the plugins in the tested book.
        """
        rules: dict[str, dict] = {}
        for rel, page in sorted(self.pages.items()):
            for rule, elements in page.violations.items():
                entry = rules.setdefault(rule, {**self.rules[rule], "pages": [], "elements": 0})
                entry["pages"].append(rel)
                entry["elements"] += elements
        return {
            "date": date,
            "tools": dict(sorted({**tools, "axe-core": self.axe_version, "chromium": self.browser_version}.items())),
            "plugins": sorted(plugins),
            "standard": "WCAG 2.1, niveau A en AA",
            "axe_tags": list(WCAG_TAGS),
            "axe_rules": len(self.rules),
            "pages": sorted(self.pages),
            "redirects": {rel: p.redirect for rel, p in sorted(self.pages.items()) if p.redirect},
            "violations": dict(sorted(rules.items())),
            "outside_requests": {rel: p.outside for rel, p in sorted(self.pages.items()) if p.outside},
            "console_errors": {rel: p.console_errors for rel, p in sorted(self.pages.items()) if p.console_errors},
            "keyboard": {
                "start": self.start,
                "tab_stops": sum(p.tab_stops for p in self.pages.values()),
                "pages_reached": len(self.reachable("keyboard_links")),
                "pages_without_link": self.unlinked(),
                "exercise_controls": sum(p.controls for p in self.pages.values()),
                "failures": self.failures("keyboard"),
            },
            "layout": {
                "views": {name: VIEW_NAMES[name] for name in VIEWS},
                "pages": len([p for p in self.pages.values() if p.layout]),
                "exercise_pages": self.exercise_pages(),
                "failures": self.failures("layout"),
            },
        }
