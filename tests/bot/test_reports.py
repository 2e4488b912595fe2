"""Reports for the Inspektur: the weekly summary (schedule, catch-up, outbox, content, chart,
workbook), `/ringkasan`, the report to the Bupati, the LKE workbook, `/riwayat`."""

from __future__ import annotations

import io
from datetime import datetime, time, timedelta

import docx
import openpyxl
from matplotlib.image import imread
from sqlalchemy import select

from bot import summary
from tests.bot.harness import running_bot
from zi_core.db.models import SummaryOutbox, SummaryRun
from zi_core.reports.summary import week_start


async def _people(zi, emu):
    await zi.add_unit()
    await zi.add_unit("BAPPEDA", "Bappeda")
    chair = emu.user(9300, "Ketua")
    await zi.onboard(chair, "tpi_chair", name="Inspektur Hendra")
    leader = emu.user(9301, "Kepala")
    await zi.onboard(leader, "leader", "DINKES", name="Kepala Dinkes")
    return chair, leader


def test_the_schedule_is_read_from_the_cron_setting():
    assert summary.parse_schedule("0 7 * * mon") == summary.Schedule(time(7, 0), (1,))
    assert summary.parse_schedule("30 6 * * 1,5").days == (1, 5)
    for bad in ("0 7 * * funday", "* * *", "0 7 1 * mon"):
        try:
            summary.parse_schedule(bad)
        except ValueError:
            continue
        raise AssertionError(bad)


async def test_the_weekly_job_is_registered_for_monday_seven_in_pontianak(emu, db_url,
                                                                         tmp_path):
    async with running_bot(emu, db_url, tmp_path, weekly_summary_cron="0 7 * * mon") as zi:
        jobs = {job.name: job for job in zi.application.job_queue.jobs()}
        due = jobs["weekly-summary"].next_t.astimezone(zi.settings.zone)
        assert (due.weekday(), due.hour, due.minute) == (0, 7, 0)
        assert "weekly-summary-catch-up" in jobs


async def test_the_weekly_summary_reaches_the_chair_once_with_chart_and_workbook(zi, emu):
    chair, leader = await _people(zi, emu)
    zi.application.bot_data["settings"] = zi.settings.model_copy(
        update={"summary_pace_seconds": 0.0})
    sent = await summary.run_week(zi.application, zi.today())
    assert sent == 1
    messages = chair.messages("bot")
    text = next(m.text for m in messages if "Ringkasan mingguan" in m.text)
    assert "2 unit" in text and "Belum layak diusulkan: 2" in text
    assert "Unit tanpa kegiatan 14 hari: 0" in text or "Unit tanpa kegiatan 14 hari: 2" in text
    photo = next(f for f in emu.sent_files(chair.id) if f.kind == "photo")
    assert photo.data.startswith(b"\x89PNG") and imread(io.BytesIO(photo.data)).ndim == 3
    workbook = next(f for f in emu.sent_files(chair.id) if f.kind == "document")
    book = openpyxl.load_workbook(io.BytesIO(workbook.data))
    assert book.sheetnames == ["Ringkasan", "BAPPEDA", "DINKES"]
    assert list(book["DINKES"].iter_rows(values_only=True))[1][1] == "P.1.i.a"
    sheet = book["Ringkasan"]
    codes = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]]
    assert sorted(codes) == ["BAPPEDA", "DINKES"]
    assert "Ringkasan mingguan" not in (leader.last_message().text or "")

    assert await summary.run_week(zi.application, zi.today()) == 0
    async with zi.sessions() as session:
        runs = list(await session.scalars(select(SummaryRun.sent_at)))
        outbox = list(await session.scalars(select(SummaryOutbox.sent_at)))
    assert len(runs) == 1 and runs[0] is not None and len(outbox) == 1 and outbox[0]


async def test_a_missed_week_is_sent_once_at_the_next_start(emu, db_url, tmp_path):
    async with running_bot(emu, db_url, tmp_path, summary_pace_seconds=0.0,
                           weekly_summary_cron="0 7 * * mon") as zi:
        for job in zi.application.job_queue.get_jobs_by_name("weekly-summary-catch-up"):
            job.schedule_removal()  # this test drives the catch-up itself, at chosen times
        chair, _leader = await _people(zi, emu)
        monday = week_start(zi.today())
        before = datetime.combine(monday, time(6, 0), tzinfo=zi.settings.zone)
        after = datetime.combine(monday + timedelta(days=2), time(9, 0),
                                 tzinfo=zi.settings.zone)
        assert await summary.catch_up(zi.application, before) == 0
        assert await summary.catch_up(zi.application, after) == 1
        assert await summary.catch_up(zi.application, after) == 0
        count = sum("Ringkasan mingguan" in m.text for m in chair.messages("bot"))
        assert count == 1


async def test_ringkasan_on_demand_and_the_other_documents(zi, emu):
    chair, leader = await _people(zi, emu)
    await chair.send("/ringkasan")
    for _ in range(3):
        await chair.wait_reply(timeout=20)
        if chair.buttons() and "📄 Laporan ke Bupati (.docx)" in chair.buttons():
            break
    await chair.press("📄 Laporan ke Bupati (.docx)")
    await chair.wait_reply(timeout=20)
    report = docx.Document(io.BytesIO(emu.sent_files(chair.id)[-1].data))
    assert "LAPORAN HASIL EVALUASI" in "\n".join(p.text for p in report.paragraphs)
    await chair.press("📋 Daftar pemantauan (.xlsx)")
    await chair.wait_reply(timeout=20)
    openpyxl.load_workbook(io.BytesIO(emu.sent_files(chair.id)[-1].data))
    await chair.press("🕘 Riwayat unit")
    await chair.wait_reply()
    await chair.press("DINKES — Dinas Kesehatan")
    await chair.wait_reply()
    texts = [m.text for m in chair.messages("bot")]
    assert any("mendaftarkan unit" in text for text in texts)
    assert not any("unit.added" in text for text in texts)
    await leader.send("/ringkasan")
    assert "tidak berwenang" in (await leader.wait_reply())[-1].text


async def test_the_lke_workbook_of_a_unit(zi, emu):
    chair, leader = await _people(zi, emu)
    await chair.send("/nilai")
    await chair.wait_reply()
    await chair.press("DINKES — Dinas Kesehatan (0/110)")
    await chair.wait_reply()
    await chair.press("📥 LKE unit (.xlsx)")
    await chair.wait_reply(timeout=20)
    book = openpyxl.load_workbook(io.BytesIO(emu.sent_files(chair.id)[-1].data))
    rows = list(book["LKE"].iter_rows(values_only=True))
    assert [row[1] for row in rows[1:4]] == ["P.1.i.a", "P.1.i.b", "P.1.ii.a"]


async def test_the_weekly_job_and_the_catch_up_never_send_a_week_twice(emu, db_url, tmp_path):
    import asyncio

    async with running_bot(emu, db_url, tmp_path, summary_pace_seconds=0.2,
                           weekly_summary_cron="0 7 * * mon") as zi:
        for job in zi.application.job_queue.get_jobs_by_name("weekly-summary-catch-up"):
            job.schedule_removal()
        chair, _leader = await _people(zi, emu)
        now = datetime.combine(week_start(zi.today()) + timedelta(days=2), time(9, 0),
                               tzinfo=zi.settings.zone)
        await asyncio.gather(summary.run_week(zi.application, now.date()),
                             summary.catch_up(zi.application, now))
        assert sum("Ringkasan mingguan" in m.text for m in chair.messages("bot")) == 1
        assert sum(f.kind == "photo" for f in emu.sent_files(chair.id)) == 1
