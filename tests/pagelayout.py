"""A page of a built site opened offline, and its layout measured with its exercises filled.

:func:`open_page` is how the site tests and the quality gate open a page; :func:`check_layout`
is the gate's look at a page in every narrow view (200% zoom, a narrow phone).
"""

from __future__ import annotations

from sitereport import PageReport
from webtools import PAGE_SPECS, store_answers, wait_for_theme_scripts, watch_page

# The answers that fill every exercise on the page (exercise id -> answers), read from
# its widget state, so the feedback (bars, tables, advice) is on screen when the layout
# is measured. The page then reopens with them, as for a trainee who comes back.
_FILL = """async () => {
  const filled = {};
  const specs = document.querySelector('script[type="application/vnd.jupyter.widget-state+json"]')
    ? await (""" + PAGE_SPECS + """)() : {};
  for (const [id, spec] of Object.entries(specs)) {
    let answers;
    if (spec.type === 'questionnaire') {
      answers = Object.fromEntries(spec.statements.map((s, i) =>
        [s.id, spec.scale.min + (i % (spec.scale.max - spec.scale.min + 1))]));
    } else if (spec.type === 'composition') {
      answers = { selected: spec.candidates.slice(0, 12).map((c) => c.id) };
    } else {
      const steps = Object.fromEntries(spec.steps.map((s) => [s.id, s]));
      const path = [];
      for (let step = steps[spec.start], seen = new Set(); step && !seen.has(step.id); ) {
        seen.add(step.id);
        const choice = step.choices.find((c) => c.next && !seen.has(c.next)) || step.choices[0];
        path.push(choice.id);
        step = steps[choice.next];
      }
      answers = { path };
    }
    filled[id] = answers;
  }
  return filled;
}"""

_LAYOUT = """() => {
  const out = [];
  const describe = (e) => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string'
    ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth)
    out.push(`de pagina scrolt horizontaal (${doc.scrollWidth} px inhoud in ${doc.clientWidth} px)`);
  // A wide table inside the theme's scroll box keeps the page still, but hides columns.
  for (const table of document.querySelectorAll('article table')) {
    const room = table.parentElement.clientWidth;
    if (table.scrollWidth > room + 1)
      out.push(`tabel breder dan de pagina (${table.scrollWidth} px in ${room} px)`);
  }
  for (const host of document.querySelectorAll('.sc-host')) {
    const id = host.dataset.exercise;
    if (host.scrollWidth > host.clientWidth)
      out.push(`${id}: oefening breder dan haar ruimte (${host.scrollWidth} px in ${host.clientWidth} px)`);
    const box = host.getBoundingClientRect();
    for (const e of host.querySelectorAll('*')) {
      if (e.closest('.sc-visually-hidden')) continue;
      const r = e.getBoundingClientRect();
      if (!r.width && !r.height) continue;
      if (r.left < box.left - 1 || r.right > box.right + 1)
        out.push(`${id}: ${describe(e)} steekt buiten de oefening`);
      const overflow = getComputedStyle(e).overflowX;
      if (overflow !== 'visible' && e.scrollWidth > e.clientWidth + 1)
        out.push(`${id}: ${describe(e)} knipt tekst af of scrolt horizontaal`);
    }
  }
  return [...new Set(out)];
}"""


def local_text(text: str, base_url: str) -> str:
    # Console messages may name the test server; its port changes every run.
    return text.replace(base_url, "/")


def open_page(context, base_url: str, rel: str, wait_until: str = "networkidle"):
    """Open a page of the site in ``context``, offline; wait for its exercises."""
    page = context.new_page()
    watch = watch_page(page, base_url)
    page.goto(base_url + rel, wait_until=wait_until)
    wait_for_theme_scripts(page)
    # The book's exercise pages start their exercises from an inline module; other
    # pages (a test page, a hand-out) link the host itself.
    if page.locator("script[data-sleutelcursus-start], script[src*='sleutelcursus/host.js']").count():
        page.wait_for_selector("html[data-sc-exercises=ready]")
    return page, watch


def check_layout(views: dict, base_url: str, rel: str, report: PageReport) -> None:
    """Fill the page's exercises, if any, and measure the page in every narrow view (name -> context)."""
    for name, context in views.items():
        # Outside requests were already watched for until the network was idle.
        page, watch = open_page(context, base_url, rel, wait_until="load")
        filled = page.evaluate(_FILL)
        if filled:
            store_answers(page, filled)
        page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
        report.layout[name] = page.evaluate(_LAYOUT)
        # Each problem once per page, however many views showed it.
        report.outside += [url for url in watch.outside if url not in report.outside]
        errors = [local_text(text, base_url) for text in watch.console_errors]
        report.console_errors += [text for text in errors if text not in report.console_errors]
        page.close()
