"""The least Hasil a gap plan counts on while IPAK, IPKP or capaian kinerja is not entered.

During the TPI's work the surveys are usually not known yet; a plan then covers the Pengungkit
checks on their own and says which Hasil it needs: each missing item at the lowest entry that
passes its own Lampiran II minimum (figures from the thresholds data, compared as shown).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from zi_core.figures import shown
from zi_core.lke.model import HasilItem, Lke, Predicate
from zi_core.scoring import HasilScore

Assumption = tuple[str, Decimal | str]


def _least_survey(item: HasilItem, minimum: Fraction) -> tuple[Decimal, Fraction]:
    """The lowest two-decimal survey score whose shown points reach `minimum`."""
    def points(hundredths: int) -> Fraction:
        return Fraction(hundredths, 100) / item.scale_max * item.weight

    need = shown(minimum)
    hundredths = -(-minimum * item.scale_max * 100 // item.weight)   # ceiling, exact
    while hundredths > 0 and shown(points(hundredths - 1)) >= need:
        hundredths -= 1
    return Decimal(hundredths).scaleb(-2), points(hundredths)


def _least_grade(item: HasilItem, minimum: Fraction) -> tuple[str, Fraction]:
    """The lowest grade whose shown points reach `minimum` (the top grade if none)."""
    passing = [o for o in item.options if shown(o.value * item.weight) >= shown(minimum)]
    option = min(passing or item.options[:1], key=lambda o: o.value)
    return option.key, option.value * item.weight


def assumed_hasil(lke: Lke, predicate: Predicate,
                  hasil: HasilScore) -> tuple[Fraction, tuple[Assumption, ...]]:
    """Hasil points with every missing item at its least passing entry, and those entries."""
    t = predicate.scores
    items = {key: lke.hasil_item(key) for key in ("ipak", "kinerja", "ipkp")}
    total, assumes = Fraction(0), []
    for key, known, minimum in (("ipak", hasil.ipak, t.ipak_min),
                                ("kinerja", hasil.kinerja, t.kinerja_min),
                                ("ipkp", hasil.ipkp, t.pelayanan_prima_min)):
        item = items[key]
        if known is not None or item is None:
            total += known or 0
            continue
        entry, points = (_least_grade(item, minimum) if item.options
                         else _least_survey(item, minimum))
        assumes.append((key, entry))
        total += points
    return total, tuple(assumes)
