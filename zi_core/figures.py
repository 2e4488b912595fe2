"""Exact figures and how they are shown: two decimals, half-up, only at the edge.

DESIGN.md section 8: arithmetic runs on exact values; a figure is rounded where it is shown
or compared, so a unit shown as 75,00 passes "≥ 75,00".
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal
from fractions import Fraction

_CONTEXT = Context(prec=60)
_TWO_PLACES = Decimal("0.01")


def shown(value: Fraction | Decimal | int) -> Decimal:
    """The figure as shown: rounded half-up to two decimals."""
    if not isinstance(value, Fraction):
        value = Fraction(value)
    exact = _CONTEXT.divide(Decimal(value.numerator), Decimal(value.denominator))
    return exact.quantize(_TWO_PLACES, rounding=ROUND_HALF_UP, context=_CONTEXT)


def percent(score: Fraction, weight: Fraction) -> Decimal:
    """Score as a shown percentage of its weight (exact score ÷ weight × 100, then rounded)."""
    if weight == 0:
        return Decimal("0.00")
    return shown(score / weight * 100)


def meets(value: Fraction, minimum: Fraction) -> bool:
    """Whether the shown figure reaches the shown minimum (75,00 passes ≥ 75,00)."""
    return shown(value) >= shown(minimum)


def as_text(value: Decimal) -> str:
    """Plain two-decimal text with a point, for JSON and logs (`75.00`)."""
    return f"{value:.2f}"
