"""`/riwayat` in words: every action the code records has a name, in both languages, and each
line carries the detail that tells it apart."""

import ast
from datetime import UTC, datetime
from pathlib import Path

from bot.i18n import use_locale
from bot.views.riwayat import ACTION_NAMES, action_name, event_line
from zi_core.domain.audit import AuditEventDTO

ROOT = Path(__file__).resolve().parents[2]
RECORDERS = ("append", "_audit", "_audit_answer")


def _recorded_actions() -> set[str]:
    """Every action name the code passes to the audit trail (literal, or either branch)."""
    found: set[str] = set()
    for path in [*(ROOT / "zi_core").rglob("*.py"), *(ROOT / "bot").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(
                node.func, "id", "")
            if name not in RECORDERS:
                continue
            values = [k.value for k in node.keywords if k.arg == "action"] + node.args[1:2]
            for value in values:
                for leaf in ast.walk(value):
                    if isinstance(leaf, ast.Constant) and isinstance(leaf.value, str) \
                            and "." in leaf.value and " " not in leaf.value:
                        found.add(leaf.value)
    return found


def _event(action: str, payload: str) -> AuditEventDTO:
    return AuditEventDTO(seq=1, at=datetime(2026, 3, 2, 1, 5, tzinfo=UTC), actor_user_id=1,
                         actor_telegram_id=1, action=action, entity="unit", entity_id="1",
                         payload=payload, prev_hash="0" * 64, hash="1" * 64)


def test_every_recorded_action_has_a_name_in_both_languages():
    recorded = _recorded_actions()
    assert {"penilaian.tpi", "evidence.added", "unit.added", "tim.removed"} <= recorded
    assert recorded - ACTION_NAMES.keys() == set()
    with use_locale("en"):
        english = {action: action_name(action) for action in ACTION_NAMES}
    with use_locale("id"):
        indonesian = {action: action_name(action) for action in ACTION_NAMES}
    assert [a for a in ACTION_NAMES if english[a] == indonesian[a]] == []


def test_a_line_says_what_happened_with_its_detail_and_never_the_code():
    with use_locale("id"):
        scored = event_line(_event("penilaian.tpi", '{"question_id": "P.1.i.a"}'), "Sari <TPI>")
        role = event_line(_event("user.role_changed",
                                 '{"after": {"role": "tpi_member", "unit_id": null}}'), "Admin")
        status = event_line(_event("rencana_aksi.status",
                                   '{"before": "proses", "after": "selesai"}'), "Budi")
        unknown = event_line(_event("modul.baru", "not json"), "Budi")
    assert "menilai (TPI)" in scored and "P.1.i.a" in scored and "penilaian.tpi" not in scored
    assert "Sari &lt;TPI&gt;" in scored
    assert "Anggota TPI" in role
    assert "selesai" in status
    assert "modul.baru" in unknown  # an action added later still shows, as recorded
