"""The declared spec schemas: pydantic models shared by every exercise type.

Each exercise type declares its spec as a pydantic model built on :class:`SpecModel`
(unknown keys refused at every level, no silent type coercion). That one model is the
single source of the spec's structure: :func:`parse` validates with it and turns the
first defect into one Dutch :class:`~sleutelcursus.errors.SpecError` (with a "bedoel je
...?" for a misspelt key), :func:`json_schema` exports it as the JSON Schema shipped in
``schemas/`` and printed by ``sleutelcursus schema``, and :mod:`.spec_reference`
writes the chapter's reference section from that JSON Schema. Checks that span several
fields (ids that must exist, the scenario graph) stay in each type's own code.
"""

from __future__ import annotations

import difflib
import inspect
import json
import re
import typing
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError
from pydantic.json_schema import GenerateJsonSchema

from ..errors import SpecError
from . import SCHEMA_DIR, schema_path
from .fields import ID_PATTERN, PERSPECTIVES, join

DRAFT = "https://json-schema.org/draft/2020-12/schema"

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Id = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, pattern=ID_PATTERN.pattern)]


class SpecModel(BaseModel):
    """Base of every spec model: unknown keys are errors, values are never coerced.

    ``hints`` maps ``(field, pydantic error type)`` to a Dutch message that says
    more than the generic one, e.g. what to write instead; ``{value}`` in it becomes
    the value given.
    """

    model_config = ConfigDict(extra="forbid", strict=True, str_strip_whitespace=True)
    hints: ClassVar[dict[tuple[str, str], str]] = {}


# The fields every exercise spec has. Subclasses narrow ``type`` to their own name.
class ExerciseSpec(SpecModel):
    type: str = Field(description="Het soort oefening.")
    id: Id = Field(
        description="Vaste naam van de oefening: kleine letters, cijfers, '-' en '_'. "
        "Antwoorden worden onder deze naam bewaard.",
        examples=["voorzitter-duinstad"],
    )
    title: Text = Field(description="Titel boven de oefening.", examples=["Een voorzitter kiezen in Duinstad"])
    intro: Text = Field("", description="Inleiding onder de titel.", examples=["Het netwerk zoekt een voorzitter."])
    version: int = Field(
        1, ge=1,
        description="Versie van de oefening; verhoog hem als oude antwoorden niet meer passen.",
        examples=[2],
    )
    source: Text = Field("", description="Bron van de inhoud.", examples=["Handreiking sleutelpersonennetwerk, fase 3.1"])
    perspectief: Optional[Literal[PERSPECTIVES]] = Field(  # type: ignore[valid-type]
        None,
        description="Tegen wie de oefening 'je' zegt: de ambtenaar of de sleutelpersoon.",
        examples=["ambtenaar"],
    )


def parse(model: type[SpecModel], raw: Any, source: str, *, path: str = "", row: int | None = None) -> SpecModel:
    """Validate ``raw`` against ``model``; the first defect becomes a Dutch :class:`SpecError`.

    ``path`` prefixes the field paths (a part of a larger spec); ``row`` is the row of a
    data file that ``raw`` came from, as the file counts (header = 1).
    """
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise spec_error(model, exc.errors(), source, path=path, row=row) from None


def spec_error(model: type[SpecModel], errors: list[dict], source: str, *, path: str = "",
               row: int | None = None) -> SpecError:
    """The one error to report: a misspelt key first (it often explains a "missing" one)."""
    unknown = [error for error in errors if error["type"] == "extra_forbidden"]
    error = (unknown or errors)[0]
    loc = list(error["loc"])
    for part in loc:
        path = join(path, part)
    return SpecError(source, path, _message(model, error, loc), row=row)


def _message(model: type[SpecModel], error: dict, loc: list) -> str:
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    # A list entry's error is about the list's field: find the last field name.
    last = max((i for i, part in enumerate(loc) if isinstance(part, str)), default=None)
    parent = model_at(model, loc[:last]) if last is not None else model
    name = loc[last] if last is not None else None
    if parent is not None and (name, kind) in parent.hints:
        return parent.hints[(name, kind)].replace("{value}", repr(value))
    if kind == "value_error":
        # A validator of our own raised ValueError with a Dutch message.
        return str(ctx.get("error", error["msg"]))
    if kind == "extra_forbidden":
        allowed = list(parent.model_fields) if parent is not None else []
        close = difflib.get_close_matches(str(name), allowed, n=1, cutoff=0.6)
        if close:
            return f"onbekend veld; bedoel je '{close[0]}'?"
        return f"onbekend veld; toegestaan zijn: {', '.join(allowed)}."
    if kind == "missing":
        # Where own keys are allowed (a candidate's columns), a misspelling is not
        # refused as unknown: name it here.
        own = [key for key in value if key not in parent.model_fields] if isinstance(value, dict) and parent else []
        close = difflib.get_close_matches(str(name), own, n=1, cutoff=0.6)
        return f"ontbreekt; bedoel je '{name}' waar nu '{close[0]}' staat?" if close else "ontbreekt."
    return _generic(kind, value, ctx)


def _generic(kind: str, value: Any, ctx: dict) -> str:
    if kind in ("string_type", "string_too_short"):
        return "moet een tekst zijn die niet leeg is."
    if kind == "string_pattern_mismatch":
        return f"{value!r} is geen geldige id: gebruik kleine letters, cijfers, '-' en '_'."
    if kind.startswith("int_"):
        return f"moet een geheel getal zijn, niet {value!r}."
    if kind in ("float_type", "finite_number") or kind.startswith("float_"):
        return f"moet een getal zijn, niet {value!r}."
    if kind == "bool_type":
        return "moet true of false zijn."
    if kind == "list_type":
        return "moet een lijst zijn."
    if kind == "too_short":
        return f"moet minstens {ctx.get('min_length')} item(s) bevatten."
    if kind == "too_long":
        return f"mag hoogstens {ctx.get('max_length')} item(s) bevatten."
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "verwacht een mapping (sleutel: waarde)."
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return f"onbekende waarde {value!r}; kies uit {', '.join(choices)}."
    bounds = {
        "greater_than": "moet groter zijn dan {gt}",
        "greater_than_equal": "moet minstens {ge} zijn",
        "less_than": "moet kleiner zijn dan {lt}",
        "less_than_equal": "mag hoogstens {le} zijn",
    }
    if kind in bounds:
        numbers = {key: _plain(number) for key, number in ctx.items()}
        return f"{bounds[kind].format(**numbers)}, niet {value!r}."
    return f"ongeldige waarde {value!r}."


def _plain(number: Any) -> Any:
    # pydantic reports bounds of a float field as floats: say 0, not 0.0.
    return int(number) if isinstance(number, float) and number.is_integer() else number


def model_at(model: type[SpecModel], loc: list) -> type[SpecModel] | None:
    """The model that holds the field at ``loc`` (list indexes skipped), or None."""
    current: type[SpecModel] = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        nested = _nested_model(field.annotation) if field is not None else None
        if nested is None:
            return None
        current = nested
    return current


def _nested_model(annotation: Any) -> type[SpecModel] | None:
    if inspect.isclass(annotation) and issubclass(annotation, SpecModel):
        return annotation
    for argument in typing.get_args(annotation):
        found = _nested_model(argument)
        if found is not None:
            return found
    return None


class _SchemaGenerator(GenerateJsonSchema):
    # Field titles would only repeat the key ("Id" for id); descriptions say more.
    def field_title_should_be_set(self, schema) -> bool:
        return False

    def generate(self, schema, mode="validation"):
        result = super().generate(schema, mode=mode)
        return {"$schema": DRAFT, **result}


def json_schema(model: type[SpecModel]) -> dict:
    """The JSON Schema (Draft 2020-12) of a spec model, as shipped in ``schemas/``."""
    return model.model_json_schema(schema_generator=_SchemaGenerator)


def schema_text(model: type[SpecModel]) -> str:
    """The schema file's exact text: indented JSON with a final newline."""
    return json.dumps(json_schema(model), indent=2, ensure_ascii=False) + "\n"


def spec_model(kind: str) -> type[SpecModel]:
    """The declared spec model of exercise type ``kind``."""
    from . import kind_module

    return kind_module(kind).Spec


def write_schema_files(kinds: list[str]) -> list[Path]:
    """Write the shipped JSON Schema of each of ``kinds`` (run after changing a model)."""
    SCHEMA_DIR.mkdir(exist_ok=True)
    written = []
    for kind in kinds:
        path = schema_path(kind)
        path.write_text(schema_text(spec_model(kind)), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    # python -m sleutelcursus.exercises.spec_schema questionnaire scenario
    import sys

    for written_path in write_schema_files(sys.argv[1:]):
        print(written_path)
