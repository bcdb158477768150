"""Broken: an exercise id the national course already uses."""

from sleutelcursus import hookimpl


@hookimpl
def register_exercises(register):
    register(
        {
            "id": "voorzitter-kiezen",
            "type": "scenario",
            "title": "Nog een voorzitter",
            "start": "start",
            "steps": [
                {
                    "id": "start",
                    "situation": "Het netwerk zoekt een voorzitter.",
                    "question": "Wie zit voor?",
                    "choices": [
                        {"id": "extern", "label": "Iemand van buiten", "assessment": "fits",
                         "reasons": ["Neutraal."], "consequence": "Rust.",
                         "reflection": "Een neutrale voorzitter geeft rust."},
                    ],
                }
            ],
            "reflection": "Kies een neutrale voorzitter.",
        }
    )
