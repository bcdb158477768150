"""The book page "Mijn voortgang": filled in the trainee's browser from local storage.

The page itself holds only the frame; ``frontend/progress.js`` reads the trainee's
answers (which never leave the browser) and shows what is done and what is left, the
answers in plain Dutch for printing, and the certificate of participation.
"""

from __future__ import annotations

PROGRESS_DOC = "course/voortgang"
# The element progress.js fills; also the mark that tells it this is the progress page.
PROGRESS_ELEMENT = "sc-voortgang"


def progress_page() -> str:
    """MyST Markdown for the progress page."""
    return "\n".join([
        "(voortgang)=",
        "# Mijn voortgang",
        "",
        "Op deze pagina zie je welke oefeningen van jouw leerpad je al hebt gedaan, hoe je",
        "de kennischecks hebt gemaakt en wat je nog kunt doen. Je kunt je antwoorden ook",
        "printen of als pdf bewaren, om ze met een collega te bespreken.",
        "",
        "Alles op deze pagina komt uit je eigen browser. Niets wordt verstuurd.",
        "",
        f'<div id="{PROGRESS_ELEMENT}" class="sc-voortgang">',
        "<noscript><p>Zet JavaScript aan om je voortgang te zien.</p></noscript>",
        "</div>",
        "",
    ])
