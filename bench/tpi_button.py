"""A TPI member's answer button (`nqa`) through the real bot, in a regency of realistic size.

Run: `python -m bench.tpi_button [--units 500] [--users-per-unit 50] [--evidence-per-unit 20]
[--presses 300] [--small-units 50] [--rate 20] [--profile]`.

For each size (`--small-units`, then `--units`) a temporary SQLite file is migrated and filled
with bulk Core inserts: the units, their leader and staff (distinct Telegram ids and NIPs),
every unit's rencana aksi (the LKE's Lampiran I items), evidence, one TPI evaluator per unit
who answered every LKE question (plus a few `mandiri` answers of the unit, the answers'
history and a hash-chained audit trail) and the bench's TPI member, assigned to one unit.
The real bot then runs against the Bot API emulator and the member presses answer buttons,
alternating options so every press changes the answer. Each round trip is timed from the press
until the callback was answered and the message edited (the next question screen); the SQL
statements the bot's engine executes for each press are counted (the durable inbox's store
and marks included). Prints p50/p95/max and statements per press for both sizes; the
statement count must not grow with the number of units. Target: p95 <= 25 ms.

Presses start at most `--rate` times a second (20 by default; a person taps far slower). The
bot keeps to Telegram's limit of 30 messages a second (PTB's AIORateLimiter), and each press
edits one message: pressed back to back, faster than that, the bench would time the limiter's
queue rather than the press. `--rate 0` does exactly that, to show it.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import hashlib
import io
import json
import pstats
import re
import shutil
import statistics
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine as create_sync_engine
from sqlalchemy import event, insert, select

from bot import callback
from emulator import Emulator
from tests.bot.harness import running_bot
from zi_core.answers import percent_ratio
from zi_core.db import migrate
from zi_core.db.canonical import canonical_json
from zi_core.db.models import (
    ActionItem,
    Assessment,
    AssessmentHistory,
    AuditEvent,
    Evaluation,
    Evidence,
    TpiAssignment,
    Unit,
    User,
)
from zi_core.db.repositories import audit as audit_trail
from zi_core.db.repositories.audit import GENESIS_HASH, PLAIN, chain_hash
from zi_core.lke import AnswerType, Lke, Question, load_lke

SECRET = b"test-secret"
"""The callback secret `tests.bot.harness.settings_for` gives the bot."""
TARGET_P95_MS = 25.0
QUIET_REMINDER = dtime(23, 59, 59, 999_999)
TELEGRAM_BASE = 500_000_000
MANDIRI_EVERY = 5
"""Every fifth question also carries the unit's own (mandiri) answer."""
STATUSES = ("belum", "belum", "proses", "selesai")
SKEW = (0, 0, 1, 0, 2, 0, 1, 0, 3, 1, 0, 4)


@dataclass
class Regency:
    """What the build made: the bench member, the unit they evaluate, the row counts."""

    member_id: int
    member_telegram_id: int
    unit_id: int
    rows: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    migrate_seconds: float = 0.0


@dataclass
class Result:
    """One size's measurement."""

    units: int
    regency: Regency
    timings_ms: list[float]
    statements: list[int]
    transactions: list[int]
    sql_ms: list[float]
    breakdown: Counter
    sql_seconds_by_kind: Counter
    warmup: int = 0
    profile: str | None = None


# --- building the regency -------------------------------------------------------------------


def _nip(n: int) -> str:
    """An 18-digit NIP, distinct for every n < 200,000 (birth date, appointment, sex, serial)."""
    born = date(1965, 1, 1) + timedelta(days=n % 10_000)
    return f"{born:%Y%m%d}{2000 + n // 10_000:04d}{1 + n % 12:02d}{1 + n % 2}{n % 1000:03d}"


def _option_answer(question: Question, n: int) -> tuple[str, str | None]:
    """A varied, valid stored answer (option key, or ratio text and inputs JSON)."""
    if question.answer_type is AnswerType.PERSEN:
        inputs = {item.key: 40 + (n * 7 + k * 13) % 60 for k, item in enumerate(question.inputs)}
        return str(percent_ratio(question, inputs)), canonical_json(inputs)
    options = question.options  # skewed toward the best option, as real units are
    return options[min(SKEW[n % len(SKEW)], len(options) - 1)].key, None


class _Audit:
    """A hash-chained audit trail built in memory, exactly as `audit.append` chains it."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self.prev = GENESIS_HASH
        self.at = datetime(2025, 3, 1, tzinfo=UTC)

    def add(self, action: str, entity: str, entity_id: object, payload: dict[str, Any],
            actor: tuple[int, int] | None) -> None:
        seq = len(self.rows) + 1
        self.at += timedelta(seconds=7)
        key = str(entity_id)
        body = canonical_json(payload)
        row = {"seq": seq, "at": self.at, "actor_user_id": actor[0] if actor else None,
               "actor_telegram_id": actor[1] if actor else None, "action": action,
               "entity": entity, "entity_id": key, "payload": body, "prev_hash": self.prev,
               "scheme": PLAIN}
        row["hash"] = chain_hash(PLAIN, None, row)
        self.rows.append(row)
        self.prev = row["hash"]


def build(path: Path, lke: Lke, units: int, per_unit: int, evidence_per_unit: int) -> Regency:
    """Fill a migrated SQLite file with a whole regency; returns the bench member and counts."""
    started = time.perf_counter()
    engine = create_sync_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _pragmas(connection: Any, _record: Any) -> None:
        cursor = connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=OFF")  # a throw-away file: no fsync while filling
        cursor.close()

    questions = lke.questions()
    now = datetime.now(UTC)
    user_rows: list[dict[str, Any]] = []
    unit_rows, plan_rows, evidence_rows = [], [], []
    assessment_rows, history_rows, assignment_rows, evaluation_rows = [], [], [], []
    audit = _Audit()

    def person(role: str, unit_id: int | None, name: str, jabatan: str) -> dict[str, Any]:
        user_id = len(user_rows) + 1
        row = {"id": user_id, "telegram_id": TELEGRAM_BASE + user_id, "full_name": name,
               "nip": _nip(user_id), "jabatan": jabatan, "role": role, "unit_id": unit_id,
               "locale": None, "active": True, "onboarding_step": None, "created_at": now}
        user_rows.append(row)
        return row

    chair = person("tpi_chair", None, "Inspektur Daerah", "Inspektur")
    person("tpi_secretary", None, "Sekretaris Inspektorat", "Sekretaris")
    target = units // 2 + 1
    for unit_id in range(1, units + 1):
        unit_rows.append({"id": unit_id, "code": f"U{unit_id:04d}",
                          "name": f"Unit Kerja Nomor {unit_id}", "status": "evaluasi",
                          "headcount": per_unit, "pencanangan_date": date(2025, 1, 2),
                          "core_service": unit_id % 3 != 0, "high_risk": unit_id % 4 == 0,
                          "wide_impact": unit_id % 2 == 0, "created_at": now})
    evaluators = [person("tpi_member", None, f"Auditor {n}", "Auditor Ahli")
                  for n in range(1, units + 1)]
    member = person("tpi_member", None, "Auditor Bench", "Auditor Ahli Madya")
    for unit_id in range(1, units + 1):
        staff = [person("leader" if k == 0 else "staff", unit_id,
                        f"Pegawai {unit_id}-{k}", "Kepala" if k == 0 else "Analis")
                 for k in range(per_unit)]
        first_item = len(plan_rows) + 1
        for k, item in enumerate(lke.rencana_aksi):
            plan_rows.append({"id": len(plan_rows) + 1, "unit_id": unit_id,
                              "indicator_id": item.indicator_id, "ra_item_id": item.id,
                              "text": item.text, "target_date": date(2026, 1 + k % 12, 15),
                              "pic_user_id": staff[k % len(staff)]["id"],
                              "status": STATUSES[(unit_id + k) % len(STATUSES)], "version": 1,
                              "created_at": now, "updated_at": now})
        for k in range(evidence_per_unit):
            on_item = k % 2 == 0
            digest = hashlib.sha256(f"{unit_id}/{k}".encode()).hexdigest()
            evidence_rows.append({
                "id": len(evidence_rows) + 1, "unit_id": unit_id,
                "action_item_id": first_item + (k * 5) % len(lke.rencana_aksi) if on_item
                else None,
                "question_id": None if on_item else questions[(k * 3) % len(questions)].id,
                "sha256": digest, "file_name": f"bukti-{k}.pdf", "mime_type": "application/pdf",
                "size": 40_000 + k, "telegram_file_id": f"F{unit_id}_{k}",
                "telegram_file_unique_id": f"U{unit_id}_{k}", "caption": None,
                "uploaded_by_user_id": staff[k % len(staff)]["id"], "uploaded_at": now})
        evaluator = evaluators[unit_id - 1]
        answered = [(q, "tpi", evaluator) for q in questions]
        answered += [(q, "mandiri", staff[0]) for q in questions[::MANDIRI_EVERY]]
        for n, (question, kind, who) in enumerate(answered):
            answer, inputs = _option_answer(question, unit_id * 1000 + n)
            row_id = len(assessment_rows) + 1
            assessment_rows.append({"id": row_id, "unit_id": unit_id,
                                    "question_id": question.id, "kind": kind,
                                    "evaluator_user_id": who["id"], "answer": answer,
                                    "inputs": inputs, "note": None, "version": 1,
                                    "updated_at": now})
            history_rows.append({"assessment_id": row_id, "answer": answer, "inputs": inputs,
                                 "note": None, "changed_by_user_id": who["id"],
                                 "changed_at": now})
            after = {"answer": answer, "inputs": json.loads(inputs) if inputs else None,
                     "evaluator_user_id": who["id"], "version": 1}
            audit.add(f"penilaian.{kind}", "assessment", row_id,
                      {"unit_id": unit_id, "question_id": question.id, "before": None,
                       "after": after}, (who["id"], who["telegram_id"]))
        assignment_rows.append({"unit_id": unit_id, "user_id": evaluator["id"],
                                "assigned_by_user_id": chair["id"], "created_at": now})
        audit.add("tpi.assigned", "unit", unit_id, {"user_id": evaluator["id"]},
                  (chair["id"], chair["telegram_id"]))
        evaluation_rows.append({"unit_id": unit_id, "status": "open", "version": 1})
    assignment_rows.append({"unit_id": target, "user_id": member["id"],
                            "assigned_by_user_id": chair["id"], "created_at": now})
    audit.add("tpi.assigned", "unit", target, {"user_id": member["id"]},
              (chair["id"], chair["telegram_id"]))

    tables = ((Unit, unit_rows), (User, user_rows), (ActionItem, plan_rows),
              (Evidence, evidence_rows), (Assessment, assessment_rows),
              (AssessmentHistory, history_rows), (TpiAssignment, assignment_rows),
              (Evaluation, evaluation_rows), (AuditEvent, audit.rows))
    rows: Counter = Counter()
    with engine.begin() as connection:
        for model, values in tables:
            for start in range(0, len(values), 20_000):
                connection.execute(insert(model), values[start:start + 20_000])
            rows[model.__tablename__] = len(values)
    with engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE")
    engine.dispose()
    return Regency(member["id"], member["telegram_id"], target, rows,
                   time.perf_counter() - started)


# --- measuring ------------------------------------------------------------------------------


class Probe:
    """Counts (and times) the SQL the bot's engine runs; sees the inbox mark an update done."""

    def __init__(self, sync_engine: Any) -> None:
        self.statements: list[str] = []
        self.sql_seconds = 0.0
        self.seconds_by_kind: Counter = Counter()
        self.handled = 0
        self.transactions = 0
        self._started = 0.0
        self._handled_pending = False
        self._engine = sync_engine
        event.listen(sync_engine, "before_cursor_execute", self._before)
        event.listen(sync_engine, "after_cursor_execute", self._after)
        event.listen(sync_engine.pool, "checkin", self._checkin)
        event.listen(sync_engine, "commit", self._ended)
        event.listen(sync_engine, "rollback", self._ended)

    def _ended(self, _conn: Any) -> None:
        self.transactions += 1

    def _before(self, _conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        self.statements.append(statement)
        if statement.startswith("UPDATE inbox_update SET handled_at"):
            self._handled_pending = True
        self._started = time.perf_counter()

    def _after(self, _conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        spent = time.perf_counter() - self._started
        self.sql_seconds += spent
        self.seconds_by_kind[_kind(statement)] += spent

    def _checkin(self, *_: Any) -> None:
        if self._handled_pending:  # the inbox's last transaction of an update is over
            self._handled_pending = False
            self.handled += 1

    def close(self) -> None:
        event.remove(self._engine, "before_cursor_execute", self._before)
        event.remove(self._engine, "after_cursor_execute", self._after)
        event.remove(self._engine.pool, "checkin", self._checkin)
        event.remove(self._engine, "commit", self._ended)
        event.remove(self._engine, "rollback", self._ended)


def _kind(statement: str) -> str:
    """A short label for a statement: verb and table."""
    words = statement.split()
    verb = words[0].upper() if words else "?"
    table = re.search(r"\b(?:FROM|INTO|UPDATE)\s+(\w+)", statement)
    return f"{verb} {table.group(1) if table else '?'}"


def _press_plan(lke: Lke) -> list[Question]:
    """Questions whose answer opens another question of their indicator (the member never
    answers that one): the first question, if it has options, of every indicator with two
    questions or more."""
    chosen = []
    for indicator in lke.indicators():
        if len(indicator.questions) > 1 and indicator.questions[0].options:
            chosen.append(indicator.questions[0])
    return chosen


async def _wait(predicate: Any, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("the bot did not finish the update in time")
        await asyncio.sleep(0.0005)


async def measure(units: int, per_unit: int, evidence_per_unit: int, presses: int,
                  rate: float, profile: bool) -> Result:
    """Build a regency of `units` units, start the bot and time `presses` answer buttons."""
    lke = load_lke()
    folder = Path(tempfile.mkdtemp(prefix="zi-bench-tpi-"))
    path = folder / "bench.db"
    url = f"sqlite+aiosqlite:///{path}"
    try:
        started = time.perf_counter()
        await migrate.upgrade(url)
        migrated = time.perf_counter() - started
        regency = build(path, lke, units, per_unit, evidence_per_unit)
        regency.migrate_seconds = migrated
        emu = await Emulator().start()
        try:
            # The plan reminders' catch-up job would message every PIC in the middle of the
            # measurement; the reminder time is set to the last moment of the day instead.
            async with running_bot(emu, url, folder, reminder_time=QUIET_REMINDER) as zi:
                assert zi.application is not None
                probe = Probe(zi.application.bot_data["engine"].sync_engine)
                try:
                    return await _presses(zi, emu, lke, regency, presses, rate, profile,
                                          probe, units)
                finally:
                    probe.close()
        finally:
            await emu.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


async def _presses(zi: Any, emu: Emulator, lke: Lke, regency: Regency, presses: int,
                   rate: float, profile: bool, probe: Probe, units: int) -> Result:
    member = emu.user(regency.member_telegram_id, "Auditor")
    unit_id = regency.unit_id
    await member.send("/nilai")
    await member.wait_reply(idle=0)
    plan = _press_plan(lke)
    await member.press_data(callback.encode(SECRET, member.id, "nq", unit_id, plan[0].id))
    await member.wait_reply(idle=0)
    message_id = member.last_message().message_id
    versions = {q.id: 0 for q in plan}  # the member has not answered any of them yet
    timings, statements, transactions, sql_ms = [], [], [], []
    breakdown: Counter = Counter()
    by_kind: Counter = Counter()
    profiler = cProfile.Profile() if profile else None
    warmup = len(plan)  # one round over the questions: every measured press is a change
    gap = 1 / rate if rate > 0 else 0.0
    # What the bot's runner does once started (bot.runner.serve): what lives for the whole run
    # stays out of the collector's way.
    gc.collect()
    gc.freeze()
    next_press = time.perf_counter()
    for n in range(warmup + presses):
        question = plan[n % len(plan)]
        version = versions[question.id]
        option = question.options[(n // len(plan)) % 2 if len(question.options) > 1 else 0]
        data = callback.encode(SECRET, member.id, "nqa", unit_id, question.id, option.key,
                               version)
        await asyncio.sleep(max(0.0, next_press - time.perf_counter()))
        mark, handled, sql_before = len(probe.statements), probe.handled, probe.sql_seconds
        transactions_before = probe.transactions
        kinds_before = Counter(probe.seconds_by_kind)
        measured = n >= warmup
        if profiler is not None and measured:
            profiler.enable()
        started = time.perf_counter()
        next_press = started + gap
        await member.press_data(data, message_id)
        record = await member.wait_answer()
        await member.wait_reply(idle=0)
        elapsed = time.perf_counter() - started
        await _wait(lambda handled=handled: probe.handled > handled)
        if profiler is not None and measured:
            profiler.disable()
        if record.text != "Tersimpan ✅":
            raise AssertionError(f"press {n} on {question.id} refused: {record.text!r}")
        versions[question.id] = version + 1
        if not measured:
            continue
        ran = probe.statements[mark:]
        timings.append(elapsed * 1000)
        statements.append(len(ran))
        transactions.append(probe.transactions - transactions_before)
        sql_ms.append((probe.sql_seconds - sql_before) * 1000)
        breakdown.update(_kind(s) for s in ran)
        by_kind.update(probe.seconds_by_kind - kinds_before)
    await _check_saved(zi, regency, versions)
    report = None
    if profiler is not None:
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("tottime").print_stats(40)
        stats.sort_stats("cumulative").print_stats(r"(bot|zi_core)/", 45)
        report = out.getvalue()
    return Result(units, regency, timings, statements, transactions, sql_ms, breakdown, by_kind,
                  warmup, report)


async def _check_saved(zi: Any, regency: Regency, versions: dict[str, int]) -> None:
    """The presses really changed the member's answers (one version step per press), and the
    audit trail (the built one and the bot's appends) is one valid chain."""
    async with zi.sessions() as session:
        rows = dict((await session.execute(
            select(Assessment.question_id, Assessment.version).where(
                Assessment.unit_id == regency.unit_id, Assessment.kind == "tpi",
                Assessment.evaluator_user_id == regency.member_id))).all())
        verdict = await audit_trail.verify(session)
    expected = {qid: v for qid, v in versions.items() if v}
    if rows != expected:
        raise AssertionError(f"stored versions {rows} differ from the presses {expected}")
    if not verdict.ok:
        raise AssertionError(f"audit chain broken at {verdict.first_bad_seq}: {verdict.reason}")


# --- reporting ------------------------------------------------------------------------------


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * fraction + 0.999999) - 1)]


def _print(result: Result, presses: int) -> None:
    regency, ms = result.regency, result.timings_ms
    total_rows = sum(regency.rows.values())
    print(f"\n== {result.units} units: migrated in {regency.migrate_seconds:.1f} s, "
          f"{total_rows:,} rows built in {regency.seconds:.1f} s "
          f"({', '.join(f'{t} {n:,}' for t, n in regency.rows.items())})")
    print(f"   {presses} presses after {result.warmup} warm-up: "
          f"p50 {statistics.median(ms):.1f} ms  "
          f"p95 {_percentile(ms, 0.95):.1f} ms  max {max(ms):.1f} ms  "
          f"(target p95 <= {TARGET_P95_MS:.0f} ms: "
          f"{'met' if _percentile(ms, 0.95) <= TARGET_P95_MS else 'NOT met'})")
    counts = Counter(result.statements)
    print(f"   SQL statements per press: {_spread(result.statements)} "
          f"(by count: {dict(sorted(counts.items()))}); transactions per press: "
          f"{_spread(result.transactions)}; time in SQL per press: "
          f"p50 {statistics.median(result.sql_ms):.1f} ms")


def _spread(values: list[int]) -> str:
    low, high = min(values), max(values)
    return f"{low}" if low == high else f"{low}-{high} (median {statistics.median(values):g})"


def _print_breakdown(results: list[Result]) -> None:
    print("\nStatements of one press, and the time spent in them (ms per press):")
    print("   count  " + "  ".join(f"{r.units:>5} u" for r in results) + "  statement")
    last = results[-1]
    for kind, count in last.breakdown.most_common():
        times = "  ".join(f"{r.sql_seconds_by_kind[kind] * 1000 / len(r.statements):7.2f}"
                          for r in results)
        print(f"   {count / len(last.statements):5.2f}  {times}  {kind}")


async def main(args: argparse.Namespace) -> int:
    sizes = [s for s in dict.fromkeys((args.small_units, args.units)) if s > 0]
    results = []
    print(f"Presses start at most {args.rate:g} times a second" if args.rate > 0 else
          "Presses go back to back (the 30 messages a second limit is timed too)")
    for units in sizes:
        result = await measure(units, args.users_per_unit, args.evidence_per_unit, args.presses,
                               args.rate, args.profile and units == args.units)
        _print(result, args.presses)
        results.append(result)
    _print_breakdown(results)
    if results[-1].profile:
        print("\ncProfile of the measured presses (the timings above are inflated by it): the "
              "top 40 by own time, then bot/ and zi_core/ by cumulative time")
        print(results[-1].profile)
    medians = [statistics.median(r.statements) for r in results]
    print("\nStatements per press (median) by size: "
          + ", ".join(f"{r.units} units → {m:g}" for r, m in zip(results, medians, strict=True))
          + (" — constant" if len(set(medians)) == 1 else " — GROWS with the number of units"))
    return 0 if len(set(medians)) == 1 else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=500)
    parser.add_argument("--small-units", type=int, default=50,
                        help="the smaller size measured first for comparison (0: skip)")
    parser.add_argument("--users-per-unit", type=int, default=50)
    parser.add_argument("--evidence-per-unit", type=int, default=20)
    parser.add_argument("--presses", type=int, default=300)
    parser.add_argument("--rate", type=float, default=20.0,
                        help="presses a second at most (0: back to back)")
    parser.add_argument("--profile", action="store_true",
                        help="cProfile the measured presses of the larger size")
    raise SystemExit(asyncio.run(main(parser.parse_args())))
