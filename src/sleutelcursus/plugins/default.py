"""The national course's own plugin: it registers through the same hooks as a
municipality's plugin does (built-in features are default plugins)."""

from __future__ import annotations

from .. import hookimpl
from ..exercises.loader import national_spec_files


@hookimpl
def register_exercises(register):
    for path in national_spec_files():
        register(path)


@hookimpl
def register_contacts(register):
    # As printed in the guide ("Advies nodig?").
    register(
        name="Expertise-unit Sociale Stabiliteit (ESS)",
        description=(
            "Landelijk adviespunt voor gemeenten en professionals: advies bij het opzetten "
            "en onderhouden van een sleutelpersonennetwerk."
        ),
        email="ess@minszw.nl",
        phone="070 - 333 4558",
        hours="tijdens kantoortijden",
    )
