"""Sense checks on an LKE file beyond its shape: thresholds, predicate order, option values.

Each refusal is one line naming the offending key, so that the Inspektorat sees at once what to
correct in a new worksheet version (Perbup 49/2022 Pasal 7(4)).
"""

from __future__ import annotations

from fractions import Fraction

from zi_core.lke.model import HasilGroup, Option, Predicate

SPIP_LEVELS = range(1, 6)
PERCENT_PREREQUISITES = ("tindak_lanjut_min_percent", "lhkpn_min_percent", "lhkasn_min_percent")
SCALE_PREREQUISITES = (("opini_bpk_min", "opini_bpk"), ("sakip_min", "sakip"),
                       ("indeks_rb_min", "indeks_rb"), ("sakip_internal_min", "sakip"))


class LkeError(ValueError):
    """The LKE file is malformed or makes no sense; the message names the offending id."""


def check_options(options: tuple[Option, ...], where: str) -> None:
    """Option values strictly descend from a top value of 1 (the best answer first)."""
    if options and options[0].value != 1:
        raise LkeError(f"{where}: opsi pertama ({options[0].key}) harus bernilai 1")
    for upper, lower in zip(options, options[1:], strict=False):
        if lower.value >= upper.value:
            raise LkeError(f"{where}: nilai opsi harus menurun, tetapi {lower.key} tidak "
                             f"lebih kecil dari {upper.key}")


def check_text(text: str, where: str, what: str) -> str:
    """The stripped `text`; `LkeError` if it is empty."""
    if not text.strip():
        raise LkeError(f"{where}: {what} kosong")
    return text


def score_maxima(pengungkit_weight: Fraction,
                 hasil: tuple[HasilGroup, ...]) -> dict[str, Fraction]:
    """The highest value each pra-evaluasi threshold can take, from the weights in the file."""
    groups = {g.key: g.weight for g in hasil}
    items = {i.key: i.weight for g in hasil for i in g.items}
    return {
        "total_min": Fraction(100),
        "pengungkit_min": pengungkit_weight,
        "area_min_percent": Fraction(100),
        "birokrasi_bersih_min": groups.get("birokrasi_bersih", Fraction(100)),
        "ipak_min": items.get("ipak", Fraction(100)),
        "kinerja_min": items.get("kinerja", Fraction(100)),
        "pelayanan_prima_min": groups.get("pelayanan_prima", items.get("ipkp", Fraction(100))),
    }


def _within(value: Fraction, maximum: Fraction, where: str) -> None:
    if value < 0:
        raise LkeError(f"{where}: ambang batas tidak boleh kurang dari 0")
    if value > maximum:
        raise LkeError(f"{where}: ambang batas {float(value):g} melebihi nilai maksimum "
                         f"{float(maximum):g}")


def check_predicate(predicate: Predicate, maxima: dict[str, Fraction]) -> None:
    """Every threshold of one predicate lies between 0 and its maximum; SPIP level 1-5."""
    key = predicate.key
    for name, maximum in maxima.items():
        _within(getattr(predicate.scores, name), maximum, f"{key}.scores.{name}")
    p = predicate.prerequisites
    for name in PERCENT_PREREQUISITES:
        _within(getattr(p, name), Fraction(100), f"{key}.prerequisites.{name}")
    if p.spip_level_min not in SPIP_LEVELS:
        raise LkeError(f"{key}.prerequisites.spip_level_min: level SPIP harus 1 sampai 5, "
                         f"bukan {p.spip_level_min}")


def check_wbbm_not_laxer(wbk: Predicate, wbbm: Predicate,
                         scales: dict[str, tuple[str, ...]]) -> None:
    """No WBBM requirement is laxer than the same WBK one (scales run worst to best)."""
    for name in maxima_names(wbk):
        if getattr(wbbm.scores, name) < getattr(wbk.scores, name):
            raise LkeError(f"wbbm.scores.{name}: ambang WBBM lebih longgar daripada WBK")
    numeric = ("spip_level_min", *PERCENT_PREREQUISITES, "years_building_min")
    for name in numeric:
        if getattr(wbbm.prerequisites, name) < getattr(wbk.prerequisites, name):
            raise LkeError(f"wbbm.prerequisites.{name}: syarat WBBM lebih longgar daripada WBK")
    for name, scale in SCALE_PREREQUISITES:
        order = scales[scale]
        if (order.index(getattr(wbbm.prerequisites, name))
                < order.index(getattr(wbk.prerequisites, name))):
            raise LkeError(f"wbbm.prerequisites.{name}: syarat WBBM lebih longgar daripada WBK")


def maxima_names(predicate: Predicate) -> tuple[str, ...]:
    """The names of the pra-evaluasi thresholds of `predicate`."""
    return tuple(type(predicate.scores).__dataclass_fields__)
