"""The .docx reports: the Lampiran I rencana aksi and the pakta signatory list, read back."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime, timedelta, timezone

import docx
import pytest

from zi_core.lke import Lke
from zi_core.reports.pakta_docx import Signatory, SignatoryList, render_signatories
from zi_core.reports.rencana_aksi_docx import PlanRow, RencanaAksiDocument, render_rencana_aksi

HEADER = ["INDIKATOR", "RENCANA AKSI", "TARGET WAKTU PELAKSANAAN"]
NUMBER = re.compile(r"^\d+\. ")
OWN_P = PlanRow("P.1.i", "Apel pagi integritas setiap Senin", date(2026, 2, 2), own=True)
OWN_H = PlanRow("H.2.a", "Survei kepuasan daring lewat kanal unit", None, own=True)
HOSTILE = "<b>Bagian</b> & \"Umum\" 'x' — قسم المالية עברית"


TARGETS = {date(2026, 12, 31): "31 Desember 2026", date(2026, 8, 17): "17 Agustus 2026", None: ""}


def target_of(index: int) -> date | None:
    """A spread of target dates: every third item has none."""
    return list(TARGETS)[index % 3]


def full_plan(lke: Lke) -> RencanaAksiDocument:
    """Every Lampiran I item, plus two own items given *before* the standard ones."""
    standard = [
        PlanRow(item.indicator_id, item.text, target_of(n), pic_name="Budi", status="proses")
        for n, item in enumerate(lke.rencana_aksi)
    ]
    return RencanaAksiDocument(
        unit_name="Dinas Kependudukan dan Pencatatan Sipil",
        rows=[OWN_P, *standard, OWN_H],
        lke=lke,
        head_name="Drs. Antonius Rahman, M.Si.",
        head_nip="197001012000031001",
        signed_on=date(2026, 1, 2),
        dasar_hukum=["Keputusan Kepala Dinas Nomor 7 Tahun 2026 tentang Tim Kerja ZI;"],
        maksud_tujuan=["Menjadi pedoman kerja tim.", "Mewujudkan WBK pada tahun 2026."],
    )


def read(data: bytes) -> docx.document.Document:
    """The rendered bytes reopened as a document."""
    return docx.Document(io.BytesIO(data))


def paragraphs(document: docx.document.Document) -> list[str]:
    """The body paragraphs' text, outside the tables."""
    return [p.text for p in document.paragraphs]


def body_rows(table: docx.table.Table) -> list[tuple[str, str, str]]:
    """(indicator, action, target) of every row under the header."""
    assert [c.text for c in table.rows[0].cells] == HEADER
    return [tuple(c.text for c in row.cells) for row in table.rows[1:]]


def expected_tables(lke: Lke) -> list[list[tuple[str, str]]]:
    """(id, name) of the indicators each table must hold, in document order."""
    areas = sorted(lke.areas, key=lambda a: a.number)
    pemenuhan = [[(i.id, i.name) for i in a.pemenuhan.indicators] for a in areas]
    reform = [[(i.id, i.name) for i in a.reform.indicators] for a in areas]
    hasil = [[(i.id, i.text) for i in g.items] for g in lke.hasil]
    return pemenuhan + reform + hasil


def test_plan_has_the_title_unit_and_sections_in_lampiran_order(lke: Lke) -> None:
    document = read(render_rencana_aksi(full_plan(lke)))
    text = paragraphs(document)
    assert text[:2] == [
        "RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS MENUJU WBK/WBBM",
        "Dinas Kependudukan dan Pencatatan Sipil",
    ]
    sections = [
        "A. DASAR HUKUM",
        "B. MAKSUD DAN TUJUAN",
        "C. RENCANA AKSI KOMPONEN PENGUNGKIT",
        "1. Pemenuhan",
        "2. Reform",
        "D. RENCANA AKSI KOMPONEN HASIL",
    ]
    positions = [text.index(s) for s in sections]
    assert positions == sorted(positions)
    ordered = sorted(lke.areas, key=lambda a: a.number)
    areas = [f"{'abcdef'[n]}. {a.name}" for n, a in enumerate(ordered)]
    hasil = [f"{'ab'[n]}. {g.name}" for n, g in enumerate(lke.hasil)]
    assert [t for t in text if t in areas or t in hasil] == areas + areas + hasil
    assert "a. Birokrasi yang Bersih dan Akuntabel" in text
    assert "b. Pelayanan Publik yang Prima" in text
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert all(t.style.name == "Table Grid" for t in document.tables)


def test_dasar_hukum_and_maksud_tujuan_list_the_regulations_and_the_units_lines(lke: Lke) -> None:
    text = paragraphs(read(render_rencana_aksi(full_plan(lke))))
    dasar = text[text.index("A. DASAR HUKUM") + 1 : text.index("B. MAKSUD DAN TUJUAN")]
    assert [line.split("\t")[0] for line in dasar] == ["1.", "2.", "3."]
    assert any("Peraturan Bupati Ketapang Nomor 49 Tahun 2022" in line for line in dasar)
    assert any("Reformasi Birokrasi Nomor 90 Tahun 2021" in line for line in dasar)
    assert dasar[2].endswith("Nomor 7 Tahun 2026 tentang Tim Kerja ZI;")
    maksud = text[text.index("B. MAKSUD DAN TUJUAN") + 1 : text.index("B. MAKSUD DAN TUJUAN") + 3]
    assert maksud == ["1.\tMenjadi pedoman kerja tim.", "2.\tMewujudkan WBK pada tahun 2026."]


def test_every_lampiran_item_appears_once_under_its_indicator_with_its_date(lke: Lke) -> None:
    document = read(render_rencana_aksi(full_plan(lke)))
    tables = expected_tables(lke)
    assert len(document.tables) == len(tables)
    found: dict[str, list[tuple[int, str, str]]] = {}
    for index, table in enumerate(document.tables):
        for indicator, action, target in body_rows(table):
            found.setdefault(NUMBER.sub("", action), []).append((index, indicator, target))
    for n, item in enumerate(lke.rencana_aksi):
        where = [i for i, ids in enumerate(tables) if item.indicator_id in dict(ids)]
        name = dict(tables[where[0]])[item.indicator_id]
        shown = TARGETS[target_of(n)]
        assert found.get(item.text) == [(where[0], name, shown)], item.id


def test_rows_are_numbered_only_when_an_indicator_has_several(lke: Lke) -> None:
    document = read(render_rencana_aksi(full_plan(lke)))
    rows = [row for table in document.tables for row in body_rows(table)]
    single = [r for r in rows if r[0] == lke.indicator("P.3.v").name]
    assert [r[1] for r in single] == ["Penerapan aturan disiplin/kode etik/kode perilaku pegawai"]
    tim = [r[1] for r in rows if r[0] == lke.indicator("P.1.iv").name]
    assert [NUMBER.match(a).group() for a in tim] == ["1. ", "2. ", "3. ", "4. "]


def test_own_items_follow_the_lampiran_items_of_their_indicator(lke: Lke) -> None:
    document = read(render_rencana_aksi(full_plan(lke)))
    rows = [row for table in document.tables for row in body_rows(table)]
    tim = [r for r in rows if r[0] == lke.indicator("P.1.i").name]
    assert [r[1] for r in tim] == [
        "1. Pembentukan tim untuk melakukan pembangunan ZI",
        "2. Penentuan anggota tim dipilih melalui prosedur/mekanisme",
        "3. Apel pagi integritas setiap Senin",
    ]
    assert tim[-1][2] == "2 Februari 2026"
    ipkp = [r for r in rows if r[0] == lke.hasil_item_by_id("H.2.a").text]
    index = next(n for n, i in enumerate(lke.rencana_aksi) if i.indicator_id == "H.2.a")
    assert [r[1:] for r in ipkp] == [
        ("1. Peningkatan Indeks Persepsi Kualitas Pelayanan Publik (IPKP)",
         TARGETS[target_of(index)]),
        ("2. Survei kepuasan daring lewat kanal unit", ""),
    ]


def test_an_indicators_name_is_one_cell_merged_down_its_rows(lke: Lke) -> None:
    table = read(render_rencana_aksi(full_plan(lke))).tables[0]
    first_column = [row.cells[0]._tc for row in table.rows[1:]]
    distinct = {id(tc) for tc in first_column}
    assert len(table.rows) - 1 == 2 + 1 + 3 + 3 + 4  # P.1.i has one own item
    area = min(lke.areas, key=lambda a: a.number)
    assert len(distinct) == len(area.pemenuhan.indicators)


def test_plan_ends_with_the_heads_signature(lke: Lke) -> None:
    text = paragraphs(read(render_rencana_aksi(full_plan(lke))))
    assert text[-7:] == [
        "Ketapang, 2 Januari 2026",
        "Kepala Unit Kerja",
        "",
        "",
        "",
        "Drs. Antonius Rahman, M.Si.",
        "NIP. 197001012000031001",
    ]


def test_an_empty_plan_still_lists_every_indicator_with_empty_actions(lke: Lke) -> None:
    plan = RencanaAksiDocument(unit_name="Kecamatan Delta Pawan", rows=[], lke=lke)
    document = read(render_rencana_aksi(plan))
    tables = expected_tables(lke)
    for table, indicators in zip(document.tables, tables, strict=True):
        assert body_rows(table) == [(name, "", "") for _, name in indicators]
    text = paragraphs(document)
    maksud = text[text.index("B. MAKSUD DAN TUJUAN") + 1]
    assert maksud.startswith("1.\t") and "Kecamatan Delta Pawan" in maksud
    assert text[-7:] == [
        "Ketapang, .....", "Kepala Unit Kerja", "", "", "", "(.....)", "NIP. ....."
    ]


def test_a_row_for_an_indicator_outside_the_lke_is_refused(lke: Lke) -> None:
    plan = RencanaAksiDocument("Dinas X", [PlanRow("P.9.i", "Hilang", None)], lke)
    with pytest.raises(ValueError, match=r"P\.9\.i"):
        render_rencana_aksi(plan)


def test_user_text_in_the_plan_is_kept_verbatim(lke: Lke) -> None:
    row = PlanRow("R.5.i", HOSTILE, date(2026, 5, 1), own=True)
    plan = RencanaAksiDocument(HOSTILE, [row], lke, head_name=HOSTILE, head_nip="<nip>&")
    document = read(render_rencana_aksi(plan))
    text = paragraphs(document)
    assert text[1] == HOSTILE
    assert text[-2:] == [HOSTILE, "NIP. <nip>&"]
    cells = [c for t in document.tables for row in body_rows(t) for c in row]
    assert HOSTILE in cells and "1 Mei 2026" in cells


PONTIANAK = timezone(timedelta(hours=7))


def signatories() -> SignatoryList:
    """Three signatures: one stored in UTC, one in WIB, one with user text to escape."""
    return SignatoryList(
        unit_name="Dinas Kesehatan",
        pencanangan_date=date(2026, 1, 15),
        signatories=[
            Signatory("Siti Aminah", "198503122010012005", "Sekretaris",
                      datetime(2026, 1, 5, 1, 2, tzinfo=UTC)),
            Signatory("Yohanes Paulus", None, None,
                      datetime(2026, 1, 5, 23, 30, tzinfo=PONTIANAK)),
            Signatory(HOSTILE, "<1&2>", HOSTILE, datetime(2026, 1, 6, 17, 0, tzinfo=UTC)),
        ],
        headcount=10,
        head_name="dr. Maria Ulfa",
        head_nip="197502022005022002",
    )


def test_signatory_list_shows_everyone_with_the_time_in_wib() -> None:
    document = read(render_signatories(signatories()))
    text = paragraphs(document)
    assert text[:3] == [
        "DAFTAR PENANDATANGAN PAKTA INTEGRITAS",
        "Dinas Kesehatan",
        "Tanggal pencanangan: 15 Januari 2026",
    ]
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "No", "Nama", "NIP", "Jabatan", "Waktu tanda tangan"
    ]
    assert [[c.text for c in row.cells] for row in table.rows[1:]] == [
        ["1", "Siti Aminah", "198503122010012005", "Sekretaris", "5 Januari 2026 08.02 WIB"],
        ["2", "Yohanes Paulus", "-", "-", "5 Januari 2026 23.30 WIB"],
        ["3", HOSTILE, "<1&2>", HOSTILE, "7 Januari 2026 00.00 WIB"],
    ]
    assert "3 dari 10 pegawai telah menandatangani" in text
    assert text[-7:] == [
        "Mengetahui,", "Kepala Unit Kerja", "", "", "", "dr. Maria Ulfa",
        "NIP. 197502022005022002",
    ]


def test_signatory_list_without_headcount_or_head_counts_and_leaves_dots() -> None:
    source = signatories()
    bare = SignatoryList("Dinas Kesehatan", None, source.signatories[:2])
    text = paragraphs(read(render_signatories(bare)))
    assert "Tanggal pencanangan: ....." in text
    assert "2 pegawai telah menandatangani" in text
    assert text[-2:] == ["(.....)", "NIP. ....."]


def test_control_characters_are_dropped_not_fatal() -> None:
    person = Signatory("Ani\x00\x0b Lestari\ufffe", "1\x1f2", "Staf\x07", datetime.now(UTC))
    table = read(render_signatories(SignatoryList("Unit\x01", None, [person]))).tables[0]
    assert [c.text for c in table.rows[1].cells][:4] == ["1", "Ani Lestari", "12", "Staf"]


def test_a_signature_time_without_zone_is_refused() -> None:
    person = Signatory("Ani", None, None, datetime(2026, 1, 5, 8, 0))
    with pytest.raises(ValueError, match="time zone"):
        render_signatories(SignatoryList("Unit", None, [person]))
