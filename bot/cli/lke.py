"""`zi-bot lke validate|score` (offline) and `zi-bot lke install` (into the database)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cli.database import in_transaction
from bot.cli.errors import CliError, read_text
from zi_core.answers import AnswerError
from zi_core.lke import LkeError, load_lke
from zi_core.lke.model import Lke
from zi_core.scorecard import as_json, assess, parse_document
from zi_core.services import lke_versions


def _lke(path: str | None) -> Lke:
    try:
        return load_lke(path)
    except LkeError as exc:
        raise CliError(f"LKE tidak sah: {exc}") from exc


def validate(path: str) -> str:
    """Check an LKE file and summarise it."""
    lke = _lke(path)
    return (f"LKE {lke.version} sah: {len(lke.questions())} pertanyaan, "
            f"{len(lke.indicators())} indikator, {len(lke.areas)} area, "
            f"{len(lke.rencana_aksi)} butir rencana aksi")


def _read_json(path: str) -> Any:
    text = read_text(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CliError(f"{path}: JSON tidak sah (baris {exc.lineno}, kolom {exc.colno}: "
                       f"{exc.msg})") from exc
    except RecursionError as exc:
        raise CliError(f"{path}: JSON bersarang terlalu dalam") from exc
    except ValueError as exc:  # an integer past Python's 4,300-digit conversion limit
        raise CliError(f"{path}: JSON memuat angka yang terlalu panjang") from exc


def score(path: str, as_json_output: bool, lke_path: str | None = None,
          today: date | None = None) -> str:
    """Score an ANSWERS.json file; the JSON scorecard or a short text summary."""
    lke = _lke(lke_path)
    try:
        answers, facts = parse_document(lke, _read_json(path), today or date.today())
    except AnswerError as exc:
        raise CliError(f"{path}: {exc}") from exc
    card = as_json(assess(lke, answers, facts))
    if as_json_output:
        return json.dumps(card, ensure_ascii=False, indent=2)
    return _summary(card)


def _summary(card: dict[str, Any]) -> str:
    lines = [
        f"LKE {card['lke_version']}",
        f"Total       {card['total']}",
        f"Pengungkit  {card['pengungkit']} (pemenuhan {card['pemenuhan']}, "
        f"reform {card['reform']})",
        f"Hasil       {card['hasil']}",
    ]
    lines += [f"  {key:<40} {value:>6} ({card['area_percent'][key]}%)"
              for key, value in card["areas"].items()]
    if card["unanswered"]:
        lines.append(f"Belum dijawab: {len(card['unanswered'])} pertanyaan")
    marks = {True: "LULUS", False: "GAGAL", None: "BELUM DIISI"}

    def text(value: Any) -> str:
        return "-" if value is None else str(value)

    for check in card["checks"]:
        if check["group"] == "peringatan" and check["pass"]:
            continue
        lines.append(f"[{check['predicate']}] {check['id']:<48} {marks[check['pass']]:<11} "
                     f"perlu {text(check['required'])}, ada {text(check['actual'])}, "
                     f"kurang {text(check['gap'])}")
    lines.append(f"Putusan: {card['verdict']}")
    return "\n".join(lines)


def install(path: str, yes: bool) -> str:
    """Validate an LKE file and preview it against the version in force; store it with --yes."""
    text = read_text(path)

    async def step(session: AsyncSession) -> str:
        try:
            if not yes:
                shown = (await lke_versions.preview_install(session, text)).text()
                return f"{shown}\nBelum dipasang: ulangi dengan --yes untuk memberlakukannya"
            stored = await lke_versions.install(session, text)
        except LkeError as exc:
            raise CliError(f"LKE tidak sah: {exc}") from exc
        return f"LKE {stored.version} dipasang dan berlaku (sha256 {stored.sha256})"

    return in_transaction(step)
