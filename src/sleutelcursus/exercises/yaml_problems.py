"""Why a YAML file does not parse, in Dutch, and the line where the mistake starts.

The parser reports where it gave up, which for an unclosed quote is the end of the
file; the line where the quote (or the bracket, or the key) began is where an author
has to look. Exercise specs are read with :class:`UniqueKeyLoader`, so a field given
twice is a mistake instead of the last one silently winning.
"""

from __future__ import annotations

import yaml

# The C parser reads YAML several times faster than the pure-Python one.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Contexts whose start, not the parser's stop, is the mistake: an opening quote, bracket or key.
_START_CONTEXTS = ("quoted scalar", "simple key", "flow sequence", "flow mapping", "constructing a mapping")
_INDENT = "het inspringen klopt niet; een veld moet even ver inspringen als de velden ernaast"
_REASONS = (
    ("quoted scalar", "een aanhalingsteken wordt niet gesloten"),
    ("flow sequence", "een lijst met '[' wordt niet gesloten met ']'"),
    ("flow mapping", "een '{' wordt niet gesloten met '}'"),
    ("cannot start any token", "een teken waarmee een waarde niet mag beginnen, zoals @ of `; "
                               "zet die tekst tussen aanhalingstekens"),
    ("could not find expected ':'", "een regel zonder ':' achter de naam van het veld"),
    ("mapping values are not allowed", "een ':' op een plek waar die niet mag; klopt het inspringen? "
                                       "Staat er ': ' in een tekst, zet die tekst dan tussen aanhalingstekens"),
    # PyYAML says "expected <block end>", libyaml "did not find expected key" or "'-' indicator".
    ("expected <block end>", _INDENT),
    ("did not find expected", _INDENT),
)
_TAB = "een tab-teken; spring in met spaties, niet met tabs"


class UniqueKeyLoader(FAST_LOADER):
    """A safe loader that refuses a key given twice in one mapping."""

    def construct_mapping(self, node, deep=False):
        """The mapping of ``node``; a repeated scalar key raises a ConstructorError at its second place."""
        seen: set[str] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    raise yaml.constructor.ConstructorError(
                        "while constructing a mapping", node.start_mark,
                        f"found duplicate key {key_node.value!r}", key_node.start_mark)
                seen.add(key_node.value)
        return super().construct_mapping(node, deep)


def describe(exc: yaml.YAMLError, text: str = "") -> tuple[str, int | None]:
    """(what is wrong in Dutch, the 1-based line where it starts or None) of a YAML error.

    :param text: the file's text, to tell a tab from another character no value may start with
    """
    context = str(getattr(exc, "context", "") or "")
    problem = str(getattr(exc, "problem", "") or exc)
    mark = getattr(exc, "problem_mark", None)
    if any(word in context for word in _START_CONTEXTS) and "duplicate key" not in problem:
        mark = getattr(exc, "context_mark", None) or mark
    line = mark.line + 1 if mark is not None else None
    if "duplicate key" in problem:
        return f"het veld {problem.split('duplicate key ', 1)[1]} staat er twee keer in", line
    if "cannot start any token" in problem and _has_tab(text, line):
        return _TAB, line
    both = f"{context} {problem}"
    reason = next((dutch for key, dutch in _REASONS if key in both), f"de opbouw klopt niet ({problem})")
    return reason, line


def _has_tab(text: str, line: int | None) -> bool:
    lines = text.splitlines()
    return line is not None and 0 < line <= len(lines) and "\t" in lines[line - 1]
