"""Exact figures and how they are shown: two decimals, half-up, only at the edge.

DESIGN.md section 8: arithmetic runs on exact values; a figure is rounded where it is shown
or compared, so a unit shown as 75,00 passes "≥ 75,00".
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction


def shown(value: Fraction | Decimal | int) -> Decimal:
    """The figure as shown: rounded half-up (away from zero) to two decimals."""
    if not isinstance(value, Fraction):
        value = Fraction(value)
    return _rounded(value.numerator, value.denominator)


def _rounded(numerator: int, denominator: int) -> Decimal:
    """numerator ÷ denominator (denominator > 0) rounded half-up to two decimals."""
    hundredths = (abs(numerator) * 200 + denominator) // (2 * denominator)
    return Decimal(-hundredths if numerator < 0 else hundredths).scaleb(-2)


def percent(score: Fraction, weight: Fraction) -> Decimal:
    """Score as a shown percentage of its weight (exact score ÷ weight × 100, then rounded)."""
    if not weight.numerator:
        return Decimal("0.00")
    return _rounded(score.numerator * weight.denominator * 100,
                    score.denominator * weight.numerator)


def meets(value: Fraction, minimum: Fraction) -> bool:
    """Whether the shown figure reaches the shown minimum (75,00 passes ≥ 75,00)."""
    return shown(value) >= shown(minimum)


def as_text(value: Decimal) -> str:
    """Plain two-decimal text with a point, for JSON and logs (`75.00`)."""
    return f"{value:.2f}"
