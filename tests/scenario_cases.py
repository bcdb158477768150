"""A small scenario spec and a path walker, shared by the scenario tests."""

from __future__ import annotations


def choice(cid: str, assessment: str = "fits", next_step: str | None = None, **extra) -> dict:
    """One choice with a label, reasons and a consequence; ``extra`` adds or replaces fields."""
    raw = {"id": cid, "label": f"Keuze {cid}", "assessment": assessment,
           "reasons": [f"Reden bij {cid}."], "consequence": f"Gevolg van {cid}."}
    if next_step is not None:
        raw["next"] = next_step
    raw.update(extra)
    return raw


def raw_spec() -> dict:
    """Two steps: a loops back to itself (a3) or goes on to b (a1) or ends (a2)."""
    return {
        "id": "proef",
        "type": "scenario",
        "title": "Proefscenario",
        "start": "a",
        "steps": [
            {"id": "a", "situation": "Situatie A.", "question": "Wat doe je in A?",
             "choices": [choice("a1", "fits", "b"),
                         choice("a2", "risky", reflection="Eigen reflectie bij a2."),
                         choice("a3", "advised_against", "a")]},
            {"id": "b", "title": "Stap B", "situation": "Situatie B.", "question": "Wat doe je in B?",
             "choices": [choice("b1", "fits", reflection="Eigen reflectie bij b1."),
                         choice("b2", "advised_against", reflection="Eigen reflectie bij b2."),
                         choice("b3", "risky", reflection="Eigen reflectie bij b3.")]},
        ],
        "reflection": "Algemene reflectie.",
    }


def complete_paths(spec: dict, max_visits: int = 2) -> list[list[str]]:
    """Every path from start to an end that visits no step more than ``max_visits`` times."""
    steps = {step["id"]: step for step in spec["steps"]}
    found = []

    def walk(step_id, path, visits):
        visits = {**visits, step_id: visits.get(step_id, 0) + 1}
        if visits[step_id] > max_visits:
            return
        for option in steps[step_id]["choices"]:
            if option["next"] is None:
                found.append(path + [option["id"]])
            else:
                walk(option["next"], path + [option["id"]], visits)

    walk(spec["start"], [], {})
    return found
