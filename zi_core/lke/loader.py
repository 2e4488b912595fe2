"""Read an LKE data file, validate it, and build the immutable worksheet.

A file is rejected with `LkeError` naming the offending id, so that the Inspektorat can issue
a new worksheet version (Perbup 49/2022 Pasal 7(4)) without touching code.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from zi_core.lke.checks import (
    LkeError,
    check_options,
    check_predicate,
    check_text,
    check_wbbm_not_laxer,
    score_maxima,
)
from zi_core.lke.model import (
    AnswerType,
    Area,
    AreaHalf,
    HasilGroup,
    HasilItem,
    Indicator,
    Lke,
    Option,
    Part,
    PercentFormula,
    PercentInput,
    Predicate,
    Prerequisites,
    Question,
    RencanaAksiItem,
    ScoreThresholds,
)

DATA_DIR = Path(__file__).parent / "data"
DEFAULT_FILE = DATA_DIR / "lke-2021.yaml"
DEFAULT_LAMPIRAN = DATA_DIR / "lampiran-ii-2022.yaml"
LAMPIRAN_KEYS = ("predicates", "scales")

OPTION_COUNTS = {
    AnswerType.YA_TIDAK: 2,
    AnswerType.ABC: 3,
    AnswerType.ABCD: 4,
    AnswerType.ABCDE: 5,
}
FORMULA_KINDS = ("ratio", "decrease")
# No LKE figure is near 10^±30; a bigger exponent would only make Fraction() build a huge int.
MAX_EXPONENT = 30


def load_lke(path: str | Path | None = None, lampiran: str | Path | None = None) -> Lke:
    """Load and validate an LKE file with the Lampiran II thresholds (bundled by default)."""
    if path is None and lampiran is None:
        return _default_lke()
    return _load(Path(path or DEFAULT_FILE), Path(lampiran or DEFAULT_LAMPIRAN))


@lru_cache(maxsize=1)
def _default_lke() -> Lke:
    return _load(DEFAULT_FILE, DEFAULT_LAMPIRAN)


def _load(path: Path, lampiran: Path) -> Lke:
    return parse_lke(read_mapping(path), read_mapping(lampiran))


def read_mapping(path: Path) -> dict[str, Any]:
    """The YAML mapping in `path`; `LkeError` naming the file if it cannot be one."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LkeError(f"{path}: tidak dapat dibaca ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise LkeError(f"{path}: bukan teks UTF-8 (posisi {exc.start})") from exc
    return parse_mapping(text, str(path))


def parse_mapping(text: str, where: str) -> dict[str, Any]:
    """The YAML mapping in `text`; `LkeError` naming `where` if it is not one."""
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise LkeError(f"{where}: bukan YAML yang sah ({_yaml_problem(exc)})") from exc
    except RecursionError as exc:
        raise LkeError(f"{where}: YAML bersarang terlalu dalam") from exc
    except ValueError as exc:  # an integer past Python's 4,300-digit conversion limit
        raise LkeError(f"{where}: YAML memuat angka yang terlalu panjang") from exc
    if not isinstance(raw, dict):
        raise LkeError(f"{where}: isi berkas harus berupa peta (mapping)")
    return raw


def _yaml_problem(exc: yaml.YAMLError) -> str:
    """A parser error on one line: where and what, without the quoted context."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    where = f"baris {mark.line + 1}, kolom {mark.column + 1}: " if mark is not None else ""
    return " ".join(f"{where}{problem}".split())



@lru_cache(maxsize=1)
def _bundled_lampiran() -> dict[str, Any]:
    return read_mapping(DEFAULT_LAMPIRAN)


def parse_lke(raw: dict[str, Any], lampiran: dict[str, Any] | None = None) -> Lke:
    """Build a validated `Lke` from an LKE file's content and the Lampiran II content.

    The thresholds and scales belong to the Perbup (Lampiran II), so an LKE file that carries
    them is refused rather than allowed to change them silently.
    """
    for key in LAMPIRAN_KEYS:
        if key in raw:
            raise LkeError(f"berkas LKE: '{key}' tidak boleh ada; ambang batas dan syarat "
                           f"ditetapkan Lampiran II Perbup 49/2022 dalam berkasnya sendiri")
    return _Builder().build(raw, lampiran if lampiran is not None else _bundled_lampiran())


def _number(value: Any, where: str) -> Fraction:
    """A finite number from the file as an exact fraction; `LkeError` naming `where` if not."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError) as exc:
        raise LkeError(f"{where}: angka tidak sah: {_short(value)}") from exc
    if not number.is_finite() or abs(number.adjusted()) > MAX_EXPONENT:
        raise LkeError(f"{where}: angka tidak sah: {_short(value)}")
    return Fraction(number)


def _short(value: Any) -> str:
    """A value for an error message, cut to a readable length."""
    text = repr(value) if not isinstance(value, int) or abs(value) < 10**40 else "…"
    return text if len(text) <= 60 else f"{text[:57]}…"


def _integer(value: Any, where: str) -> int:
    """A whole number from the file; `LkeError` naming `where` if not."""
    number = _number(value, where)
    if number.denominator != 1:
        raise LkeError(f"{where}: harus bilangan bulat, bukan {value!r}")
    return int(number)


def _require(mapping: Any, key: str, where: str) -> Any:
    if not isinstance(mapping, dict) or key not in mapping:
        raise LkeError(f"{where}: '{key}' tidak ada")
    return mapping[key]


def _require_list(mapping: Any, key: str, where: str) -> list[Any]:
    """`mapping[key]`, which must be a list; `LkeError` naming `where` if not."""
    value = _require(mapping, key, where)
    if not isinstance(value, list):
        raise LkeError(f"{where}: '{key}' harus berupa daftar")
    return value


def _require_mapping(mapping: Any, key: str, where: str) -> dict[str, Any]:
    """`mapping[key]`, which must be a mapping; `LkeError` naming `where` if not."""
    value = _require(mapping, key, where)
    if not isinstance(value, dict):
        raise LkeError(f"{where}: '{key}' harus berupa peta (mapping)")
    return value


class _Builder:
    def __init__(self) -> None:
        self.ids: Counter[str] = Counter()
        self.rencana_aksi: list[RencanaAksiItem] = []

    def _claim(self, item_id: str) -> str:
        self.ids[item_id] += 1
        if self.ids[item_id] > 1:
            raise LkeError(f"{item_id}: id ganda")
        return item_id

    def build(self, raw: dict[str, Any], lampiran: dict[str, Any]) -> Lke:
        version = _version_label(_require(raw, "version", "berkas"))
        pengungkit = _require(raw, "pengungkit", version)
        parts = _require(pengungkit, "parts", "pengungkit")
        halves: dict[Part, list[AreaHalf]] = {}
        for part in Part:
            part_raw = _require(parts, part.value, "pengungkit")
            halves[part] = [self._half(a, part)
                            for a in _require_list(part_raw, "areas", part.value)]
            declared = _number(_require(part_raw, "weight", part.value), part.value)
            total = sum((h.weight for h in halves[part]), Fraction(0))
            if total != declared:
                raise LkeError(f"{part.value}: bobot area berjumlah {float(total):g}, "
                               f"seharusnya {float(declared):g}")
        pengungkit_weight = _number(_require(pengungkit, "weight", "pengungkit"), "pengungkit")
        if sum((h.weight for p in halves.values() for h in p), Fraction(0)) != pengungkit_weight:
            raise LkeError("pengungkit: bobot pemenuhan + reform tidak sama dengan bobot "
                           "pengungkit")
        areas = self._areas(halves)
        hasil_raw = _require(raw, "hasil", version)
        hasil = tuple(self._group(g) for g in _require_list(hasil_raw, "groups", "hasil"))
        hasil_weight = _number(_require(hasil_raw, "weight", "hasil"), "hasil")
        if sum((g.weight for g in hasil), Fraction(0)) != hasil_weight:
            raise LkeError("hasil: bobot sub-komponen tidak sama dengan bobot hasil")
        if pengungkit_weight + hasil_weight != 100:
            raise LkeError("berkas: bobot pengungkit + hasil harus 100")
        for key in ("ipak", "kinerja", "ipkp"):
            if not any(i.key == key for g in hasil for i in g.items):
                raise LkeError(f"hasil: butir '{key}' tidak ada")
        citation = str(_require(lampiran, "citation", "Lampiran II"))
        scales_raw = _require_mapping(lampiran, "scales", citation)
        scales = {k: tuple(str(v) for v in _require_list(scales_raw, k, "scales"))
                  for k in scales_raw}
        predicates = tuple(self._predicate(p, scales)
                           for p in _require_list(lampiran, "predicates", citation))
        if sorted(p.key for p in predicates) != ["wbbm", "wbk"]:
            raise LkeError("predicates: harus ada tepat 'wbk' dan 'wbbm'")
        self._check_predicates(predicates, score_maxima(pengungkit_weight, hasil), scales)
        return Lke(
            version=version,
            title=str(raw.get("title", "")),
            basis=str(raw.get("basis", "")),
            areas=areas,
            hasil=hasil,
            predicates=predicates,
            scales=scales,
            rencana_aksi=tuple(self.rencana_aksi),
            pengungkit_weight=pengungkit_weight,
            hasil_weight=hasil_weight,
            thresholds_version=str(_require(lampiran, "version", citation)),
            thresholds_citation=citation,
        )

    @staticmethod
    def _check_predicates(predicates: tuple[Predicate, ...], maxima: dict[str, Fraction],
                          scales: dict[str, tuple[str, ...]]) -> None:
        by_key = {p.key: p for p in predicates}
        for predicate in predicates:
            check_predicate(predicate, maxima)
        check_wbbm_not_laxer(by_key["wbk"], by_key["wbbm"], scales)

    def _areas(self, halves: dict[Part, list[AreaHalf]]) -> tuple[Area, ...]:
        reform = {h.key: h for h in halves[Part.REFORM]}
        areas = []
        for number, half in enumerate(halves[Part.PEMENUHAN], start=1):
            other = reform.pop(half.key, None)
            if other is None:
                raise LkeError(f"{half.id}: area '{half.key}' tidak punya pasangan reform")
            areas.append(Area(half.key, number, half.name, half, other))
        if reform:
            first = next(iter(reform.values()))
            raise LkeError(f"{first.id}: area '{first.key}' tidak punya pasangan pemenuhan")
        return tuple(areas)

    def _half(self, raw: dict[str, Any], part: Part) -> AreaHalf:
        half_id = self._claim(str(_require(raw, "id", part.value)))
        key = str(_require(raw, "key", half_id))
        weight = _number(_require(raw, "weight", half_id), half_id)
        indicators = tuple(
            self._indicator(i, part, key) for i in _require_list(raw, "indicators", half_id)
        )
        total = sum((i.weight for i in indicators), Fraction(0))
        if total != weight:
            raise LkeError(f"{half_id}: bobot indikator berjumlah {float(total):g}, "
                           f"seharusnya {float(weight):g}")
        name = check_text(str(_require(raw, "name", half_id)), half_id, "nama area")
        return AreaHalf(half_id, key, name, part, weight,
                        indicators)

    def _indicator(self, raw: dict[str, Any], part: Part, area_key: str) -> Indicator:
        ind_id = self._claim(str(_require(raw, "id", area_key)))
        weight = _number(_require(raw, "weight", ind_id), ind_id)
        if weight <= 0:
            raise LkeError(f"{ind_id}: bobot harus lebih dari 0")
        questions = tuple(self._question(q, ind_id)
                          for q in _require_list(raw, "questions", ind_id))
        if not questions:
            raise LkeError(f"{ind_id}: indikator tanpa pertanyaan")
        self._rencana_aksi(raw, ind_id)
        name = check_text(str(_require(raw, "name", ind_id)), ind_id, "nama indikator")
        return Indicator(ind_id, name, weight, part, area_key,
                         questions)

    def _rencana_aksi(self, raw: dict[str, Any], indicator_id: str) -> None:
        items = raw.get("rencana_aksi")
        if items is not None and not isinstance(items, list):
            raise LkeError(f"{indicator_id}: 'rencana_aksi' harus berupa daftar")
        for item in items or []:
            item_id = self._claim(str(_require(item, "id", indicator_id)))
            text = str(_require(item, "text", item_id)).strip()
            if not text:
                raise LkeError(f"{item_id}: teks rencana aksi kosong")
            self.rencana_aksi.append(RencanaAksiItem(item_id, indicator_id, text))

    def _answer_type(self, raw: dict[str, Any], where: str) -> AnswerType:
        value = _require(raw, "answer_type", where)
        try:
            return AnswerType(value)
        except ValueError as exc:
            raise LkeError(f"{where}: jenis jawaban tidak dikenal: {value!r}") from exc

    def _options(self, raw: dict[str, Any], where: str, answer_type: AnswerType) -> tuple:
        options = []
        for o in _require_list(raw, "options", where):
            key = str(_require(o, "key", where))
            value = _number(_require(o, "value", f"{where} opsi {key}"), f"{where} opsi {key}")
            if not 0 <= value <= 1:
                raise LkeError(f"{where}: nilai opsi {key} harus di antara 0 dan 1")
            options.append(Option(key, value, str(o.get("text", ""))))
        keys = [o.key.casefold() for o in options]
        if len(set(keys)) != len(keys):
            raise LkeError(f"{where}: kunci opsi ganda")
        expected = OPTION_COUNTS.get(answer_type)
        if expected is not None and len(options) != expected:
            raise LkeError(f"{where}: jenis {answer_type.value} harus punya {expected} opsi, "
                           f"ada {len(options)}")
        check_options(tuple(options), where)
        return tuple(options)

    def _question(self, raw: dict[str, Any], indicator_id: str) -> Question:
        q_id = self._claim(str(_require(raw, "id", indicator_id)))
        answer_type = self._answer_type(raw, q_id)
        options: tuple[Option, ...] = ()
        inputs: tuple[PercentInput, ...] = ()
        formula = None
        if answer_type == AnswerType.PERSEN:
            inputs = tuple(PercentInput(str(_require(i, "key", q_id)), str(i.get("label", "")))
                           for i in _require_list(raw, "inputs", q_id))
            formula = self._formula(_require(raw, "formula", q_id), q_id, {i.key for i in inputs})
        elif answer_type == AnswerType.NILAI_0_4:
            raise LkeError(f"{q_id}: jenis nilai_0_4 hanya untuk komponen hasil")
        else:
            options = self._options(raw, q_id, answer_type)
        page = raw.get("source_page")
        text = check_text(str(_require(raw, "text", q_id)), q_id, "teks pertanyaan")
        return Question(q_id, indicator_id, text, answer_type,
                        options, inputs, formula, str(raw.get("explanation", "")),
                        _integer(page, f"{q_id}.source_page") if page is not None else None)

    def _formula(self, raw: dict[str, Any], q_id: str, known: set[str]) -> PercentFormula:
        kind = _require(raw, "kind", q_id)
        if kind not in FORMULA_KINDS:
            raise LkeError(f"{q_id}: rumus tidak dikenal: {kind!r}")
        numerator = tuple(raw.get("numerator") or ())
        denominator = tuple(raw.get("denominator") or ())
        previous, current = raw.get("previous"), raw.get("current")
        named = [*numerator, *denominator, *(k for k in (previous, current) if k)]
        if kind == "ratio" and (not numerator or not denominator):
            raise LkeError(f"{q_id}: rumus rasio butuh pembilang dan penyebut")
        if kind == "decrease" and (not previous or not current):
            raise LkeError(f"{q_id}: rumus penurunan butuh 'previous' dan 'current'")
        for name in named:
            if name not in known:
                raise LkeError(f"{q_id}: rumus memakai masukan yang tidak ada: {name!r}")
        zero_value = _number(raw.get("zero_value", 0), q_id)
        if not 0 <= zero_value <= 1:
            raise LkeError(f"{q_id}: zero_value harus di antara 0 dan 1")
        return PercentFormula(kind, numerator, denominator, previous, current, zero_value)

    def _group(self, raw: dict[str, Any]) -> HasilGroup:
        g_id = self._claim(str(_require(raw, "id", "hasil")))
        weight = _number(_require(raw, "weight", g_id), g_id)
        items = tuple(self._hasil_item(i) for i in _require_list(raw, "items", g_id))
        if sum((i.weight for i in items), Fraction(0)) != weight:
            raise LkeError(f"{g_id}: bobot butir tidak sama dengan bobot sub-komponen")
        return HasilGroup(g_id, str(_require(raw, "key", g_id)), str(_require(raw, "name", g_id)),
                          weight, items)

    def _hasil_item(self, raw: dict[str, Any]) -> HasilItem:
        item_id = self._claim(str(_require(raw, "id", "hasil")))
        answer_type = self._answer_type(raw, item_id)
        options: tuple[Option, ...] = ()
        scale_max = Fraction(4)
        if answer_type == AnswerType.NILAI_0_4:
            scale_max = _number(raw.get("scale_max", 4), item_id)
            if scale_max <= 0:
                raise LkeError(f"{item_id}: scale_max harus lebih dari 0")
        elif answer_type.has_options:
            options = self._options(raw, item_id, answer_type)
        else:
            raise LkeError(f"{item_id}: jenis {answer_type.value} tidak dipakai di hasil")
        self._rencana_aksi(raw, item_id)
        return HasilItem(item_id, str(_require(raw, "key", item_id)), str(raw.get("text", "")),
                         _number(_require(raw, "weight", item_id), item_id), answer_type,
                         options, scale_max)

    def _predicate(self, raw: dict[str, Any], scales: dict[str, tuple[str, ...]]) -> Predicate:
        key = str(_require(raw, "key", "predicates"))
        s = _require(raw, "scores", key)
        p = _require(raw, "prerequisites", key)
        scores = ScoreThresholds(**{
            name: _number(_require(s, name, f"{key}.scores"), f"{key}.scores.{name}")
            for name in ScoreThresholds.__dataclass_fields__
        })
        for scale, field_name in (("opini_bpk", "opini_bpk_min"), ("sakip", "sakip_min"),
                                  ("indeks_rb", "indeks_rb_min"), ("sakip", "sakip_internal_min")):
            value = str(_require(p, field_name, f"{key}.prerequisites"))
            if value not in scales.get(scale, ()):
                raise LkeError(f"{key}.prerequisites.{field_name}: {value!r} tidak ada di skala "
                               f"{scale}")
        prerequisites = Prerequisites(
            opini_bpk_min=str(p["opini_bpk_min"]),
            sakip_min=str(p["sakip_min"]),
            indeks_rb_min=str(p["indeks_rb_min"]),
            spip_level_min=_integer(_require(p, "spip_level_min", key),
                                    f"{key}.prerequisites.spip_level_min"),
            tindak_lanjut_min_percent=_number(p.get("tindak_lanjut_min_percent", 100), key),
            lhkpn_min_percent=_number(p.get("lhkpn_min_percent", 100), key),
            lhkasn_min_percent=_number(p.get("lhkasn_min_percent", 100), key),
            years_building_min=_integer(p.get("years_building_min", 1),
                                        f"{key}.prerequisites.years_building_min"),
            sakip_internal_min=str(p["sakip_internal_min"]),
            requires_wbk=bool(p.get("requires_wbk", False)),
        )
        return Predicate(key, str(raw.get("name", key)), scores, prerequisites)


VERSION_LABEL = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]{0,31}")
"""A worksheet's version label: what every evaluation and snapshot records (at most 32)."""


def _version_label(value: object) -> str:
    label = str(value)
    if not VERSION_LABEL.fullmatch(label):
        raise LkeError("version: label versi 1–32 huruf, angka, titik, - atau _ "
                       f"(bukan {label[:40]!r})")
    return label
