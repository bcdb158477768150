"""The chapter's reference of the spec files, written from the shipped JSON Schemas.

The book stages this page on every build (see :mod:`sleutelcursus.book.staging`), so
the reference can never drift from the schemas that validate the specs: every field
with its meaning, type, default and an example, one table per exercise type.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from . import KIND_NAMES, schema_kinds, schema_path
from .fields import ID_PATTERN

REFERENCE_DOC = "course/gemeenten/oefeningbestanden"
KIND_TITLES = {kind: f"{name.capitalize()} (`type: {kind}`)" for kind, name in KIND_NAMES.items()}


def shipped_schema(kind: str) -> dict:
    """The JSON Schema of exercise type ``kind`` as shipped in the package."""
    return json.loads(schema_path(kind).read_text(encoding="utf-8"))


def fields_of(schema: dict) -> Iterator[tuple[str, dict, bool]]:
    """Every field of ``schema`` as ``(path, field schema, required)``, depth first.

    A path is dotted; ``[]`` marks the entries of a list, e.g. ``steps[].choices[].next``.
    """
    definitions = schema.get("$defs", {})

    def resolve(node: dict) -> dict:
        if "$ref" in node:
            target = definitions[node["$ref"].rsplit("/", 1)[-1]]
            return {**target, **{key: value for key, value in node.items() if key != "$ref"}}
        return node

    def walk(node: dict, prefix: str) -> Iterator[tuple[str, dict, bool]]:
        required = set(node.get("required", []))
        for name, value in node.get("properties", {}).items():
            path = f"{prefix}.{name}" if prefix else name
            field = resolve(value)
            yield path, field, name in required
            inner = resolve(_not_null(field))
            if inner.get("type") == "array":
                items = resolve(inner.get("items", {}))
                if "properties" in items:
                    yield from walk(items, path + "[]")
            elif "properties" in inner:
                yield from walk(inner, path)

    yield from walk(schema, "")


def _not_null(field: dict) -> dict:
    options = [option for option in field.get("anyOf", []) if option.get("type") != "null"]
    if len(options) != 1:
        return field
    return {**{key: value for key, value in field.items() if key != "anyOf"}, **options[0]}


def _bounds(field: dict) -> str:
    words = []
    if "minimum" in field:
        words.append(f"minstens {field['minimum']}")
    if "exclusiveMinimum" in field:
        words.append(f"groter dan {field['exclusiveMinimum']}")
    if "maximum" in field:
        words.append(f"hoogstens {field['maximum']}")
    return f" ({', '.join(words)})" if words else ""


def describe_type(field: dict, definitions: dict | None = None) -> str:
    """The field's type in plain Dutch, e.g. ``lijst van teksten (minstens 1)``."""
    field = _not_null(field)
    options = field.get("anyOf", [])
    if options:
        return " of ".join(describe_type(option, definitions) for option in options)
    if "$ref" in field and definitions is not None:
        field = {**definitions[field["$ref"].rsplit("/", 1)[-1]], **field}
    if "const" in field:
        return f"precies `{field['const']}`"
    if "enum" in field:
        return "een van: " + ", ".join(f"`{value}`" for value in field["enum"])
    kind = field.get("type")
    if kind == "string":
        if "pattern" not in field:
            return "tekst"
        return "id (kleine letters, cijfers, - en _)" if field["pattern"] == ID_PATTERN.pattern else "tekst in een vaste vorm"
    if kind == "integer":
        return "geheel getal" + _bounds(field)
    if kind == "number":
        return "getal" + _bounds(field)
    if kind == "boolean":
        return "`true` of `false`"
    if kind == "array":
        size = f" (minstens {field['minItems']})" if field.get("minItems") else ""
        items = field.get("items", {})
        if "$ref" in items or "properties" in items:
            return f"lijst van groepen velden{size}, zie hieronder"
        return f"lijst van: {describe_type(items, definitions)}{size}"
    if kind == "object" and "properties" in field or "$ref" in field:
        return "groep velden, zie hieronder"
    if kind == "object":
        size = f" (minstens {field['minProperties']})" if field.get("minProperties") else ""
        return f"tabel sleutel: waarde{size}; elke waarde: {describe_type(field.get('additionalProperties', {}), definitions)}"
    return "waarde"


def _inline(value: Any) -> str:
    return "`" + json.dumps(value, ensure_ascii=False) + "`"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def reference_table(schema: dict, heading: str = "veld") -> list[str]:
    """One Markdown table row per field of ``schema``."""
    definitions = schema.get("$defs", {})
    lines = [f"| {heading} | betekenis | soort | standaard | voorbeeld |", "|---|---|---|---|---|"]
    for path, field, required in fields_of(schema):
        if required:
            default = "verplicht"
        elif "default" in field:
            default = "leeg" if field["default"] in (None, "") else _inline(field["default"])
        else:
            # A group filled in by default: each field below says its own default.
            default = "de standaarden hieronder"
        example = _inline(field["examples"][0]) if field.get("examples") else "zie hieronder"
        if field.get("examples") and field["examples"][0] == field.get("default"):
            example = "de standaard"
        cells = [f"`{path}`", field.get("description", ""), describe_type(field, definitions), default, example]
        lines.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    return lines


def reference_page() -> str:
    """MyST Markdown of the reference page, one section per exercise type with a schema."""
    lines = [
        "# Naslag: oefeningbestanden",
        "",
        "Deze pagina wordt bij elke bouw gemaakt uit de schema's waarmee de cursus een",
        "oefeningbestand controleert. Een veld dat hier niet staat, wordt geweigerd, met een",
        "suggestie als je je vermoedelijk vergist hebt (\"bedoel je 'next'?\").",
        "",
        "Het schema van een soort oefening krijg je met `sleutelcursus schema SOORT`, bijvoorbeeld",
        "`sleutelcursus schema scenario > scenario.schema.json`. Zet dan bovenaan je YAML-bestand:",
        "",
        "```yaml",
        "# yaml-language-server: $schema=scenario.schema.json",
        "```",
        "",
        "Een editor met een YAML-uitbreiding (zoals die van Red Hat voor VS Code) controleert",
        "het bestand dan al tijdens het typen en vult veldnamen aan.",
        "",
    ]
    for kind in schema_kinds():
        lines += [f"## {KIND_TITLES.get(kind, kind)}", ""]
        schema = shipped_schema(kind)
        lines += reference_table(schema) + [""]
        if "Candidate" in schema.get("$defs", {}):
            lines += _pool_columns(schema)
    return "\n".join(lines)


def _pool_columns(schema: dict) -> list[str]:
    candidate = {**schema["$defs"]["Candidate"], "$defs": schema["$defs"]}
    return [
        "### Kolommen van een kandidatenlijst (CSV)",
        "",
        "Een kandidatenlijst (`pool`) is een CSV-bestand in UTF-8 met komma's. De eerste regel",
        "geeft de kolomnamen; elke volgende regel is een kandidaat. Dezelfde velden gelden voor",
        "een kandidaat onder `candidates`. Eigen kolommen mogen erbij, bijvoorbeeld voor een",
        "eigen paar (`pairs[].column`); hun waarden zijn tekst. Een foutmelding noemt de rij",
        "zoals je spreadsheet hem telt: de kopregel is rij 1, de eerste kandidaat rij 2.",
        "",
        *reference_table(candidate, heading="kolom"),
        "",
    ]
