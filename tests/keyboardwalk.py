"""The site quality gate's keyboard walk over one page.

Keyboard reachability is measured with the keyboard itself: on every page Tab is
pressed until focus wraps around, and each focused element (``document.activeElement``)
is recorded once. A closed ``<summary>`` (a collapsed part of the sidebar) is opened
with Enter, as a keyboard user would. A page counts as reachable when a chain of links
that Tab reached leads to it from the start page; following a focused link is Enter.
"""

from __future__ import annotations

from urllib.parse import urldefrag

from sitereport import PageReport

MAX_TAB_PRESSES = 3000

# Runs in the page before the walk: how a control is named (one name per radio group,
# since Tab enters a group once and arrows move inside it) and which controls of the
# exercises a keyboard user must be able to reach.
_SETUP = """() => {
  const path = (e) => { const parts = [];
    for (let n = e; n && n.nodeType === 1 && n !== document.body; n = n.parentElement)
      parts.unshift(`${n.tagName.toLowerCase()}:${[...n.parentElement.children].indexOf(n)}`);
    return parts.join('/'); };
  window.__scKey = (e) => {
    const host = e.closest('.sc-host');
    const where = host ? host.dataset.exercise || '?' : '';
    if (e.type === 'radio' && e.name) return `${where}: radiogroep ${e.name}`;
    return `${where}: ${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ' ' + path(e)}`;
  };
  window.__scSeen = new Map();
  const controls = [...document.querySelectorAll('.sc-host :is(input, select, textarea, button)')]
    .filter((e) => !e.disabled && e.type !== 'hidden' && e.getClientRects().length);
  return { controls: [...new Set(controls.map(window.__scKey))],
           links: [...document.querySelectorAll('a[href]')].map((a) => a.href),
           nav: [...document.querySelectorAll('nav.bd-docs-nav a[href]')].map((a) => a.href) };
}"""

_FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return { body: true };
  const seen = window.__scSeen;
  const index = seen.has(e) ? seen.get(e) : null;
  if (index === null) seen.set(e, seen.size);
  return { repeat: index !== null, first: index === 0, href: e.tagName === 'A' ? e.href : null,
           nav: !!e.closest('nav.bd-docs-nav'),
           control: e.closest('.sc-host') ? window.__scKey(e) : null,
           closedSummary: e.tagName === 'SUMMARY' && !e.parentElement.open };
}"""


def site_path(url: str, base_url: str) -> str | None:
    """``course/x.html`` for a link to a page of the site; None for anything else."""
    url = urldefrag(url)[0].split("?")[0]
    if not url.startswith(base_url):
        return None
    rel = url[len(base_url):]
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    return rel if rel.endswith(".html") else None


def tab_walk(page, report: PageReport, base_url: str) -> None:
    """Tab through the page until focus wraps around; record what Tab reached."""
    setup = page.evaluate(_SETUP)
    reached_nav, reached_controls, outside_page = set(), set(), 0
    for _ in range(MAX_TAB_PRESSES):
        page.keyboard.press("Tab")
        now = page.evaluate(_FOCUSED)
        if now.get("body"):
            outside_page += 1
            if report.tab_stops or outside_page > 2:
                break  # focus left the page after its last element: the walk is complete
            continue
        if now["repeat"]:
            # Back at the first element is a full round; anywhere else, Tab is caught in a loop.
            report.trapped = not now["first"]
            break
        report.tab_stops += 1
        if now["closedSummary"]:
            page.keyboard.press("Enter")  # open the collapsed part; its links come next
        target = site_path(now["href"], base_url) if now["href"] else None
        if target:
            report.keyboard_links.add(target)
            if now["nav"]:
                reached_nav.add(target)
        if now["control"]:
            reached_controls.add(now["control"])
    else:
        report.trapped = True
    report.all_links = {t for t in (site_path(u, base_url) for u in setup["links"]) if t}
    nav = {t for t in (site_path(u, base_url) for u in setup["nav"]) if t}
    report.nav_links = len(nav)
    report.nav_missing = sorted(nav - reached_nav)
    report.controls = len(setup["controls"])
    report.controls_missing = sorted(set(setup["controls"]) - reached_controls)
