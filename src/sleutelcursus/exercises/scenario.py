"""Scenario exercises: branching situations, each choice assessed and explained.

A spec is a small graph. Each step holds a situation, a question and its choices; a
choice has an assessment (``fits``, ``risky`` or ``advised_against``), reasons, a
consequence and optionally the id of the next step. A choice without ``next`` ends
the path, and every ending has a reflection of its own (the scenario's
``reflection`` is a closing thought shown after it, never a stand-in).

The trainee's answers are the choice ids in the order chosen: ``{"path": [...]}``,
plus a ``seed`` when the spec says ``shuffle: true`` (knowledge checks): the seed
fixes the order in which each step shows its options (see :mod:`.seeded_order`).
:func:`compute` walks that path from ``start``; ``frontend/scenario.js`` has the same
walk and the same shuffle, so the browser and Python give identical feedback.
"""

from __future__ import annotations

import pathlib
from collections.abc import Mapping
from typing import Any, Literal, Optional

from pydantic import Field

from ..errors import SpecError
from .fields import unique
from .seeded_order import mulberry32, shuffled, valid_seed
from .spec_schema import ExerciseSpec, Id, SpecModel, Text, parse

ASSESSMENTS = ("fits", "risky", "advised_against")


class Choice(SpecModel):
    hints = {
        ("assessment", "literal_error"): f"onbekende beoordeling {{value}}; kies uit {', '.join(ASSESSMENTS)}.",
        ("assessment", "missing"): f"ontbreekt. Kies uit {', '.join(ASSESSMENTS)}.",
    }
    id: Id = Field(description="Vaste naam van de keuze, uniek in het hele bestand; het antwoord bewaart hem.",
                   examples=["neutraal"])
    label: Text = Field(description="De keuze zoals de deelnemer hem ziet.", examples=["Een neutrale voorzitter"])
    assessment: Literal[ASSESSMENTS] = Field(  # type: ignore[valid-type]
        description="Beoordeling: fits (past), risky (riskant) of advised_against (af te raden).",
        examples=["fits"],
    )
    reasons: list[Text] = Field(min_length=1, description="Waarom de keuze zo beoordeeld wordt.",
                                examples=[["Hoort bij geen enkele groep."]])
    consequence: Text = Field(description="Wat er gebeurt na deze keuze.", examples=["Iedereen komt aan het woord."])
    next: Optional[Id] = Field(None, description="Id van de volgende stap. Zonder next eindigt het pad hier.",
                               examples=["tweede-jaar"])
    reflection: Optional[Text] = Field(
        None, description="Eigen uitleg bij dit einde; verplicht voor een keuze zonder next.",
        examples=["Een neutrale voorzitter geeft iedereen ruimte."],
    )


class Step(SpecModel):
    hints = {
        ("choices", "too_short"): "deze stap heeft geen keuzes. Geef minstens één keuze, "
        "of laat de keuze die hierheen leidt eindigen door 'next' weg te laten.",
    }
    id: Id = Field(description="Vaste naam van de stap; next en start verwijzen ernaar.", examples=["start"])
    title: Optional[Text] = Field(None, description="Kopje boven de stap.", examples=["De eerste bijeenkomst"])
    # The course page a knowledge-check question tests, e.g. "fase-2/werving".
    page: Optional[Text] = Field(None, description="De cursuspagina die deze vraag toetst (kennischeck).",
                                 examples=["fase-2/werving"])
    situation: Text = Field(description="De situatie.", examples=["Het netwerk begint. De leden kennen elkaar nog niet."])
    question: Text = Field(description="De vraag aan de deelnemer.", examples=["Wie zit voor?"])
    choices: list[Choice] = Field(min_length=1, description="De keuzes bij deze stap.")


class Spec(ExerciseSpec):
    type: Literal["scenario"] = Field(description="Het soort oefening: een scenario met keuzes.", examples=["scenario"])
    start: Id = Field(description="Id van de eerste stap.", examples=["start"])
    reflection: Optional[Text] = Field(None, description="Slotgedachte, getoond na de uitleg van elk einde.",
                                       examples=["In een nieuw netwerk helpt een neutrale voorzitter."])
    shuffle: bool = Field(False, description="Toon de keuzes per deelnemer in een eigen volgorde (kennischecks).",
                          examples=[True])
    steps: list[Step] = Field(min_length=1, description="De stappen van het scenario.")


def validate(raw: dict, source: str, base_dir: pathlib.Path | None = None) -> dict:
    """Check a raw scenario spec and return it normalised (plain JSON types).

    Optional fields come back filled in: a step's ``title`` and ``page``, a choice's
    ``next``, and the scenario's ``reflection`` are ``None`` when absent; ``shuffle``
    is false unless set. The schema (:class:`Spec`) checks each field; this function
    checks what spans fields: unique ids, links, the graph and the endings.

    :raises SpecError: naming ``source`` and the dotted field path of the first defect
    """
    spec = parse(Spec, {"type": "scenario", **raw}, source).model_dump(exclude={"type"})
    steps = spec["steps"]
    unique([step["id"] for step in steps], source, "steps")
    _unique_choice_ids(steps, source)
    _check_links(spec["start"], steps, source)
    _check_graph(spec["start"], steps, source)
    _check_reflections(steps, source)
    return spec


def _unique_choice_ids(steps: list[dict], source: str) -> None:
    # Choice ids are the answers, so they must be unique in the whole file, not per step.
    seen: dict[str, str] = {}
    for i, step in enumerate(steps):
        for j, choice in enumerate(step["choices"]):
            if choice["id"] in seen:
                raise SpecError(
                    source,
                    f"steps[{i}].choices[{j}].id",
                    f"keuze-id {choice['id']!r} komt dubbel voor (ook in stap {seen[choice['id']]!r}); "
                    "geef elke keuze in het bestand een eigen id.",
                )
            seen[choice["id"]] = step["id"]


def _check_links(start: str, steps: list[dict], source: str) -> None:
    ids = {step["id"] for step in steps}
    known = ", ".join(step["id"] for step in steps)
    if start not in ids:
        raise SpecError(source, "start", f"stap {start!r} bestaat niet; bekend zijn: {known}.")
    for i, step in enumerate(steps):
        for j, choice in enumerate(step["choices"]):
            if choice["next"] is not None and choice["next"] not in ids:
                raise SpecError(
                    source,
                    f"steps[{i}].choices[{j}].next",
                    f"stap {choice['next']!r} bestaat niet; bekend zijn: {known}. "
                    "Laat 'next' weg als het pad hier eindigt.",
                )


def _check_graph(start: str, steps: list[dict], source: str) -> None:
    """Every step must be reachable from start, and from every step an end must be reachable."""
    successors = {step["id"]: [c["next"] for c in step["choices"] if c["next"]] for step in steps}
    reachable = {start}
    frontier = [start]
    while frontier:
        for nxt in successors[frontier.pop()]:
            if nxt not in reachable:
                reachable.add(nxt)
                frontier.append(nxt)
    # A step can end if one of its choices ends, or leads to a step that can end;
    # grow that set until it stops changing (loops with an exit are fine).
    can_end = {step["id"] for step in steps if any(c["next"] is None for c in step["choices"])}
    changed = True
    while changed:
        changed = False
        for step_id, nexts in successors.items():
            if step_id not in can_end and any(n in can_end for n in nexts):
                can_end.add(step_id)
                changed = True
    for i, step in enumerate(steps):
        if step["id"] not in reachable:
            raise SpecError(
                source,
                f"steps[{i}]",
                f"stap {step['id']!r} is vanaf de start niet bereikbaar; "
                "laat een keuze ernaartoe leiden ('next') of haal de stap weg.",
            )
    for i, step in enumerate(steps):
        if step["id"] not in can_end:
            raise SpecError(
                source,
                f"steps[{i}]",
                f"vanaf stap {step['id']!r} is geen einde bereikbaar: elke keuze leidt in een kring. "
                "Laat minstens één keuze eindigen door 'next' weg te laten.",
            )


def _check_reflections(steps: list[dict], source: str) -> None:
    # A general closing thought cannot explain why *this* ending went as it did.
    for i, step in enumerate(steps):
        for j, choice in enumerate(step["choices"]):
            if choice["next"] is None and choice["reflection"] is None:
                raise SpecError(
                    source,
                    f"steps[{i}].choices[{j}].reflection",
                    "hier eindigt het pad, maar deze keuze heeft geen eigen uitleg. "
                    "Geef elke keuze zonder 'next' een eigen 'reflection'.",
                )


def empty_answers(spec: dict) -> dict:
    """A trainee who has made no choice yet."""
    return {"path": []}


def compute(spec: dict, answers: Any) -> dict:
    """Walk the chosen path from ``start`` and report where the trainee stands.

    Each entry of ``answers["path"]`` must be a choice of the step the walk is at; the
    first one that is not (a stale id, anything after the end) stops the walk and
    makes ``valid`` false. Answers that are not a mapping, or a ``path`` that is not a
    list, count as an empty path that is not valid. Other keys are ignored.

    ``order`` maps each step to its choice ids in the order shown: shuffled with the
    answers' ``seed`` when the spec shuffles and the seed is valid, else as written.
    Each walked step has ``again``: true when the path passed that step before (a
    choice led back to it); ``current_again`` says the same of the step the trainee
    now stands at. The step is then the same choice once more, not a new situation.
    ``step_back`` is true when the path ended on a choice that does not fit, so the
    trainee is invited to go back and try another.
    """
    path, valid = _path(answers)
    steps = {step["id"]: step for step in spec["steps"]}
    counts = {name: 0 for name in ASSESSMENTS}
    walked = []
    seen: set[str] = set()
    current = spec["start"]
    last = None
    for choice_id in path:
        choice = _find_choice(steps[current], choice_id) if current is not None else None
        if choice is None:
            valid = False
            break
        walked.append({
            "step": current, "choice": choice["id"], "assessment": choice["assessment"], "next": choice["next"],
            "again": current in seen,
        })
        seen.add(current)
        counts[choice["assessment"]] += 1
        current = choice["next"]
        last = choice
    finished = current is None
    return {
        "steps": walked,
        "current": current,
        "current_again": current in seen,
        "finished": finished,
        "reflection": last["reflection"] if finished else None,
        "step_back": finished and last["assessment"] != "fits",
        "counts": counts,
        "valid": valid,
        "order": option_order(spec, answers),
    }


def option_order(spec: dict, answers: Any) -> dict:
    """Each step's choice ids in the order the trainee sees them."""
    seed = valid_seed(answers.get("seed")) if isinstance(answers, Mapping) else None
    if not spec["shuffle"] or seed is None:
        return {step["id"]: [c["id"] for c in step["choices"]] for step in spec["steps"]}
    # One generator for the whole spec, steps in spec order: the browser does the same.
    next_value = mulberry32(seed)
    return {step["id"]: shuffled([c["id"] for c in step["choices"]], next_value) for step in spec["steps"]}


def _path(answers: Any) -> tuple[list, bool]:
    if not isinstance(answers, Mapping):
        return [], False
    path = answers.get("path", [])
    if not isinstance(path, list):
        return [], False
    return path, True


def _find_choice(step: dict, choice_id: Any) -> dict | None:
    for choice in step["choices"]:
        if choice["id"] == choice_id and isinstance(choice_id, str):
            return choice
    return None
