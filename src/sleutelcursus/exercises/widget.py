"""The Jupyter side of an exercise: one anywidget class for every type.

The browser module ``frontend/<kind>.js`` renders the spec and writes the trainee's
answers to the ``answers`` trait; the Python engine turns them into :attr:`result`.
The same module runs in the static book, where our own host script plays the part of
the model (see ``frontend/host.js``).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import anywidget
import traitlets

from . import FRONTEND, KINDS, kind_module
from .single_module import single_module




def _css(kind: str) -> str:
    # Jupyter gets the shared tokens and the type's own rules as one stylesheet;
    # the static book links the same two files.
    return "\n".join(
        (FRONTEND / name).read_text(encoding="utf-8") for name in ("exercise.css", f"{kind}.css")
    )


class ExerciseWidget(anywidget.AnyWidget):
    """An exercise instance, live in Jupyter.

    Read the trainee's answers with :attr:`answers` and the feedback with :attr:`result`.
    """

    kind_name = ""
    kind = traitlets.Unicode().tag(sync=True)
    exercise_id = traitlets.Unicode().tag(sync=True)
    spec = traitlets.Dict().tag(sync=True)
    answers = traitlets.Any().tag(sync=True)

    def __init__(self, spec: dict, answers: Any = None) -> None:
        kind = spec["type"]
        if kind != self.kind_name:
            raise ValueError(f"{type(self).__name__} toont geen oefening van type {kind!r}")
        engine = kind_module(kind)
        if answers is None:
            answers = engine.empty_answers(spec)
        super().__init__(
            kind=kind,
            exercise_id=spec["id"],
            spec=spec,
            answers=copy.deepcopy(answers),
        )

    @property
    def result(self) -> dict:
        """The feedback for the current answers, computed by the Python engine."""
        return kind_module(self.kind).compute(self.spec, self.answers)

    def reset(self) -> None:
        """Clear the answers (the browser shows an empty exercise again)."""
        self.answers = kind_module(self.kind).empty_answers(self.spec)

    def __repr__(self) -> str:
        # Stable text/plain output: nbval compares it, and a memory address would not match.
        return f"<Oefening {self.exercise_id!r} ({self.kind})>"


def _widget_class(kind: str) -> type[ExerciseWidget]:
    # One subclass per type: anywidget keys its stylesheet on the class name, so two
    # types sharing a class would overwrite each other's CSS on one page.
    name = kind.capitalize() + "Widget"
    # The module as one text: anywidget runs it from a blob: URL, where an import of
    # "./scenariowalk.js" would have no folder to look in.
    attrs = {"kind_name": kind, "_esm": single_module(kind), "_css": _css(kind), "__module__": __name__}
    return type(name, (ExerciseWidget,), attrs)


WIDGET_CLASSES = {kind: _widget_class(kind) for kind in KINDS}


def make_widget(spec: dict, answers: Any = None) -> ExerciseWidget:
    """Return the widget of the spec's type, showing ``answers`` (or none)."""
    return WIDGET_CLASSES[spec["type"]](spec, answers)
