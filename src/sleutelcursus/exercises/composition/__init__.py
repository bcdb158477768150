"""Composition exercises: compose a balanced key-person network from a candidate pool.

Draws on the guide's phase 1.3 (small or large network, a core group) and phase 2.2
(four kinds of key person, six diversity pairs, three kinds of possible disruptive
member). The pool is a CSV file (``pool``) or an inline list (``candidates``); pairs,
targets, neighbourhoods, roles, sizes, weights, caps and texts all come from the spec,
so a municipality's plugin supplies its own. The numbers of the national spec are the
course's example: the guide sets none.

The parts:

:mod:`.schema`
    the declared schema of a spec and of a candidate (pydantic), shipped as JSON Schema
:mod:`.spec`
    validation of a raw spec (:func:`validate`), naming the file and field of a defect
:mod:`.defaults`
    the guide's roles and risk kinds, default sizes, weights, caps and Dutch texts
:mod:`.index`
    the per-spec index both engines build, and the filling of text templates
:mod:`.engine`
    :func:`compute`: the numbers (balance, coverage, risks, size, warnings, score)
:mod:`.core_group`
    the suggested core group of a large network
:mod:`.feedback`
    the sentences: headline, advice and "Hoe komt je score tot stand?"

``frontend/composition.js`` is the browser module: the same steps, in the same order.
"""

from __future__ import annotations

from .engine import compute, empty_answers
from .schema import Spec
from .spec import validate

__all__ = ["Spec", "compute", "empty_answers", "validate"]
