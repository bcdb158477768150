"""A seeded shuffle that the browser reproduces bit for bit.

Knowledge checks show their options in an order of their own per trainee. The seed
is stored with the trainee's answers, so the order is the same after a reload, and
``frontend/scenario.js`` computes the same permutation from it as this module: both
use mulberry32 (a small 32-bit generator that JavaScript can run exactly with
``Math.imul``) and a Fisher-Yates shuffle that takes ``next() % (i + 1)``.
Change both together.
"""

from __future__ import annotations

from typing import Any, Callable

MASK = 0xFFFFFFFF


def valid_seed(value: Any) -> int | None:
    """The seed as an unsigned 32-bit integer, or None when ``value`` is not one.

    Whole floats count (JSON and JavaScript do not tell 7.0 from 7); booleans do not.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and 0 <= value <= MASK:
        return value
    return None


def mulberry32(seed: int) -> Callable[[], int]:
    """A generator of unsigned 32-bit integers, the same sequence as the browser's."""
    state = seed & MASK

    def next_value() -> int:
        nonlocal state
        state = (state + 0x6D2B79F5) & MASK
        t = ((state ^ (state >> 15)) * (1 | state)) & MASK
        t = ((t + (((t ^ (t >> 7)) * (61 | t)) & MASK)) & MASK) ^ t
        return (t ^ (t >> 14)) & MASK

    return next_value


def shuffled(items: list, next_value: Callable[[], int]) -> list:
    """A shuffled copy of ``items`` (Fisher-Yates, from the end)."""
    result = list(items)
    for i in range(len(result) - 1, 0, -1):
        j = next_value() % (i + 1)
        result[i], result[j] = result[j], result[i]
    return result
