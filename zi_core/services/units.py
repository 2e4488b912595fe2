"""Registering units kerja: one at a time, or a whole list from a CSV file."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.repositories import audit, units
from zi_core.domain.errors import DuplicateUnitCode
from zi_core.domain.unit import UnitDTO

MAX_NAME = 200


class UnitInputError(ValueError):
    """A unit's code, name or headcount is not acceptable; the message names the line."""


@dataclass(frozen=True)
class UnitRow:
    """One unit to register, as read from a form or a CSV line."""

    code: str
    name: str
    headcount: int | None = None


async def register(session: AsyncSession, row: UnitRow,
                   actor_user_id: int | None = None) -> UnitDTO:
    """Register a unit in status `terdaftar` and record it in the audit trail."""
    unit = await units.add(session, code=row.code, name=row.name, headcount=row.headcount)
    await audit.append(session, action="unit.added", entity="unit", entity_id=unit.id,
                       actor_user_id=actor_user_id,
                       payload={"code": unit.code, "name": unit.name,
                                "headcount": unit.headcount})
    return unit


def parse_csv(text: str) -> list[UnitRow]:
    """Units from CSV text with a header `code,name[,headcount]` (`kode,nama,jumlah_pegawai`).

    Raises UnitInputError naming the first bad line; nothing is half-read.
    """
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = [cell.strip().lower() for cell in next(reader, [])]
    columns = _columns(header)
    rows: list[UnitRow] = []
    seen: dict[str, int] = {}
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        row = _row(number, cells, columns)
        if row.code in seen:
            raise UnitInputError(f"baris {number}: kode {row.code} sudah ada di baris "
                                 f"{seen[row.code]}")
        seen[row.code] = number
        rows.append(row)
    if not rows:
        raise UnitInputError("berkas tidak berisi satu unit pun")
    return rows


async def import_rows(session: AsyncSession, rows: list[UnitRow],
                      actor_user_id: int | None = None) -> list[UnitDTO]:
    """Register every row, all or nothing: a code that exists already fails the whole import."""
    added = []
    for row in rows:
        try:
            added.append(await register(session, row, actor_user_id))
        except DuplicateUnitCode as exc:
            raise UnitInputError(f"kode {exc.code} sudah terdaftar") from exc
    return added


_ALIASES = {"code": "code", "kode": "code", "name": "name", "nama": "name",
            "headcount": "headcount", "jumlah_pegawai": "headcount", "pegawai": "headcount"}


def _columns(header: list[str]) -> dict[str, int]:
    columns = {_ALIASES[cell]: index for index, cell in enumerate(header) if cell in _ALIASES}
    if "code" not in columns or "name" not in columns:
        raise UnitInputError("baris 1: kepala kolom harus memuat 'code' dan 'name' "
                             "(atau 'kode' dan 'nama')")
    return columns


def _row(number: int, cells: list[str], columns: dict[str, int]) -> UnitRow:
    def cell(key: str) -> str:
        index = columns.get(key)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    try:
        return make_row(cell("code"), cell("name"), cell("headcount"))
    except UnitInputError as exc:
        raise UnitInputError(f"baris {number}: {exc}") from exc


def make_row(code: str, name: str, headcount: str | int | None = None) -> UnitRow:
    """A checked unit row; UnitInputError says what is wrong with it."""
    headcount = "" if headcount is None else str(headcount).strip()
    try:
        normalized = units.normalize_code(code)
    except ValueError as exc:
        raise UnitInputError(f"kode {code.strip()!r} tidak sah (1-32 huruf A-Z, angka, "
                             f"'_', '.', '-')") from exc
    name = name.strip()
    if not name or len(name) > MAX_NAME:
        raise UnitInputError(f"nama unit kosong atau lebih dari {MAX_NAME} karakter")
    ascii_digits = headcount.isascii() and headcount.isdigit()
    if headcount and not (ascii_digits and 0 < int(headcount) <= 100_000):
        raise UnitInputError(f"jumlah pegawai {headcount!r} bukan bilangan bulat positif")
    return UnitRow(normalized, name, int(headcount) if headcount else None)
