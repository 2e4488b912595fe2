"""Initial schema: units, users, invites, pakta, rencana aksi, evidence, assessments,
prerequisites, consultations, the audit trail (append-only by trigger) and the inbox.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PENETAPAN_BY_FK = "fk_unit_kerja_penetapan_by_app_user"

# audit_event is append-only: these triggers refuse UPDATE and DELETE (and TRUNCATE on
# PostgreSQL). Note for later SQLite batch migrations of audit_event: the move-and-copy
# drops the table's triggers, so such a migration must create them again.
SQLITE_AUDIT_TRIGGERS = (
    """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
    BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END""",
    """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
    BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END""",
)
POSTGRES_AUDIT_GUARD = (
    """CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'audit_event is append-only (% refused)', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END
    $$""",
    """CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()""",
    """CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()""",
)


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def _penetapan_by_fk_inline() -> list[sa.ForeignKeyConstraint]:
    # unit_kerja and app_user refer to each other. SQLite accepts a forward reference (and
    # cannot add a foreign key later without rebuilding the table); PostgreSQL gets it
    # with ALTER TABLE once app_user exists.
    if not _sqlite():
        return []
    return [sa.ForeignKeyConstraint(["penetapan_by"], ["app_user.id"], name=op.f(PENETAPAN_BY_FK))]


def _create_audit_guard() -> None:
    for statement in SQLITE_AUDIT_TRIGGERS if _sqlite() else POSTGRES_AUDIT_GUARD:
        op.execute(statement)


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "inbox_update",
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("applied_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("update_id", name=op.f("pk_inbox_update")),
    )
    op.create_index(
        op.f("ix_inbox_update_handled_at"), "inbox_update", ["handled_at"], unique=False
    )
    op.create_table(
        "unit_kerja",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("headcount", sa.Integer(), nullable=True),
        sa.Column("pencanangan_date", sa.Date(), nullable=True),
        sa.Column("core_service", sa.Boolean(), nullable=True),
        sa.Column("high_risk", sa.Boolean(), nullable=True),
        sa.Column("wide_impact", sa.Boolean(), nullable=True),
        sa.Column("penetapan_note", sa.Text(), nullable=True),
        sa.Column("penetapan_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("penetapan_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('terdaftar', 'dicanangkan', 'ditetapkan', 'pembangunan', 'evaluasi', "
            "'belum_layak', 'layak_wbk', 'layak_wbbm', 'predikat_wbk', 'predikat_wbbm')",
            name=op.f("ck_unit_kerja_status"),
        ),
        *_penetapan_by_fk_inline(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_kerja")),
        sa.UniqueConstraint("code", name=op.f("uq_unit_kerja_code")),
    )
    op.create_table(
        "app_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("telegram_id", sa.BigInteger(), nullable=False),
        sa.Column("full_name", sa.String(length=255), nullable=True),
        sa.Column("nip", sa.String(length=18), nullable=True),
        sa.Column("jabatan", sa.String(length=255), nullable=True),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("locale", sa.String(length=8), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("onboarding_step", sa.String(length=32), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deactivated_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "(role IN ('leader', 'staff')) = (unit_id IS NOT NULL)",
            name=op.f("ck_app_user_unit_role"),
        ),
        sa.CheckConstraint(
            "role IN ('admin', 'leader', 'staff', 'tpi_member', 'tpi_secretary', 'tpi_chair')",
            name=op.f("ck_app_user_role"),
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit_kerja.id"], name=op.f("fk_app_user_unit_id_unit_kerja")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("telegram_id", name=op.f("uq_app_user_telegram_id")),
    )
    op.create_index(op.f("ix_app_user_unit_id"), "app_user", ["unit_id"], unique=False)
    if not _sqlite():
        op.create_foreign_key(
            op.f(PENETAPAN_BY_FK), "unit_kerja", "app_user", ["penetapan_by"], ["id"]
        )
    op.create_table(
        "assessment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("evaluator_user_id", sa.Integer(), nullable=False),
        sa.Column("answer", sa.String(length=64), nullable=False),
        sa.Column("inputs", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('tpi', 'mandiri', 'final')", name=op.f("ck_assessment_kind")),
        sa.ForeignKeyConstraint(
            ["evaluator_user_id"],
            ["app_user.id"],
            name=op.f("fk_assessment_evaluator_user_id_app_user"),
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit_kerja.id"], name=op.f("fk_assessment_unit_id_unit_kerja")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment")),
        sa.UniqueConstraint(
            "unit_id",
            "question_id",
            "kind",
            "evaluator_user_id",
            name=op.f("uq_assessment_unit_id_question_id_kind_evaluator_user_id"),
        ),
    )
    op.create_table(
        "audit_event",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_user_id", sa.Integer(), nullable=True),
        sa.Column("actor_telegram_id", sa.BigInteger(), nullable=True),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("entity", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.String(length=128), nullable=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_user_id"], ["app_user.id"], name=op.f("fk_audit_event_actor_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_event")),
        sa.UniqueConstraint("hash", name=op.f("uq_audit_event_hash")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        op.f("ix_audit_event_entity_entity_id"),
        "audit_event",
        ["entity", "entity_id"],
        unique=False,
    )
    _create_audit_guard()
    op.create_table(
        "consultation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("asked_by_user_id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.String(length=64), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('open', 'answered', 'closed')", name=op.f("ck_consultation_status")
        ),
        sa.ForeignKeyConstraint(
            ["asked_by_user_id"],
            ["app_user.id"],
            name=op.f("fk_consultation_asked_by_user_id_app_user"),
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit_kerja.id"], name=op.f("fk_consultation_unit_id_unit_kerja")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultation")),
    )
    op.create_index(op.f("ix_consultation_unit_id"), "consultation", ["unit_id"], unique=False)
    op.create_table(
        "hasil_input",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("ipak", sa.Numeric(precision=4, scale=2), nullable=True),
        sa.Column("ipkp", sa.Numeric(precision=4, scale=2), nullable=True),
        sa.Column("kinerja", sa.String(length=1), nullable=True),
        sa.Column("entered_by_user_id", sa.Integer(), nullable=False),
        sa.Column("entered_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kinerja IN ('A', 'B', 'C', 'D', 'E')", name=op.f("ck_hasil_input_kinerja")
        ),
        sa.ForeignKeyConstraint(
            ["entered_by_user_id"],
            ["app_user.id"],
            name=op.f("fk_hasil_input_entered_by_user_id_app_user"),
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit_kerja.id"], name=op.f("fk_hasil_input_unit_id_unit_kerja")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hasil_input")),
        sa.UniqueConstraint("unit_id", "year", name=op.f("uq_hasil_input_unit_id_year")),
    )
    op.create_table(
        "instansi_prerequisite",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("opini_bpk", sa.String(length=32), nullable=True),
        sa.Column("sakip", sa.String(length=8), nullable=True),
        sa.Column("indeks_rb", sa.String(length=16), nullable=True),
        sa.Column("spip_level", sa.Integer(), nullable=True),
        sa.Column("entered_by_user_id", sa.Integer(), nullable=False),
        sa.Column("entered_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["entered_by_user_id"],
            ["app_user.id"],
            name=op.f("fk_instansi_prerequisite_entered_by_user_id_app_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_instansi_prerequisite")),
        sa.UniqueConstraint("year", name=op.f("uq_instansi_prerequisite_year")),
    )
    op.create_table(
        "invite",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("created_by_user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("used_by_user_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "(role IN ('leader', 'staff')) = (unit_id IS NOT NULL)",
            name=op.f("ck_invite_unit_role"),
        ),
        sa.CheckConstraint(
            "role IN ('admin', 'leader', 'staff', 'tpi_member', 'tpi_secretary', 'tpi_chair')",
            name=op.f("ck_invite_role"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by_user_id"],
            ["app_user.id"],
            name=op.f("fk_invite_created_by_user_id_app_user"),
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit_kerja.id"], name=op.f("fk_invite_unit_id_unit_kerja")
        ),
        sa.ForeignKeyConstraint(
            ["used_by_user_id"], ["app_user.id"], name=op.f("fk_invite_used_by_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invite")),
        sa.UniqueConstraint("code", name=op.f("uq_invite_code")),
    )
    op.create_table(
        "pakta_signature",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("text_sha256", sa.String(length=64), nullable=False),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit_kerja.id"], name=op.f("fk_pakta_signature_unit_id_unit_kerja")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_pakta_signature_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pakta_signature")),
        sa.UniqueConstraint(
            "user_id", "text_sha256", name=op.f("uq_pakta_signature_user_id_text_sha256")
        ),
    )
    op.create_index(
        op.f("ix_pakta_signature_unit_id"), "pakta_signature", ["unit_id"], unique=False
    )
    op.create_table(
        "rencana_aksi",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.String(length=64), nullable=False),
        sa.Column("ra_item_id", sa.String(length=64), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("target_date", sa.Date(), nullable=True),
        sa.Column("pic_user_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('belum', 'proses', 'selesai')", name=op.f("ck_rencana_aksi_status")
        ),
        sa.ForeignKeyConstraint(
            ["pic_user_id"], ["app_user.id"], name=op.f("fk_rencana_aksi_pic_user_id_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit_kerja.id"], name=op.f("fk_rencana_aksi_unit_id_unit_kerja")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rencana_aksi")),
        sa.UniqueConstraint(
            "unit_id", "ra_item_id", name=op.f("uq_rencana_aksi_unit_id_ra_item_id")
        ),
    )
    op.create_table(
        "unit_prerequisite",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("tindak_lanjut_percent", sa.Numeric(precision=5, scale=2), nullable=True),
        sa.Column("lhkpn_percent", sa.Numeric(precision=5, scale=2), nullable=True),
        sa.Column("lhkasn_percent", sa.Numeric(precision=5, scale=2), nullable=True),
        sa.Column("sakip_internal", sa.String(length=8), nullable=True),
        sa.Column("core_service", sa.Boolean(), nullable=True),
        sa.Column("significant_impact", sa.Boolean(), nullable=True),
        sa.Column("holds_wbk", sa.Boolean(), nullable=True),
        sa.Column("entered_by_user_id", sa.Integer(), nullable=False),
        sa.Column("entered_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["entered_by_user_id"],
            ["app_user.id"],
            name=op.f("fk_unit_prerequisite_entered_by_user_id_app_user"),
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit_kerja.id"], name=op.f("fk_unit_prerequisite_unit_id_unit_kerja")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_prerequisite")),
        sa.UniqueConstraint("unit_id", "year", name=op.f("uq_unit_prerequisite_unit_id_year")),
    )
    op.create_table(
        "assessment_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("answer", sa.String(length=64), nullable=False),
        sa.Column("inputs", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("changed_by_user_id", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessment.id"],
            name=op.f("fk_assessment_history_assessment_id_assessment"),
        ),
        sa.ForeignKeyConstraint(
            ["changed_by_user_id"],
            ["app_user.id"],
            name=op.f("fk_assessment_history_changed_by_user_id_app_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_history")),
    )
    op.create_index(
        op.f("ix_assessment_history_assessment_id"),
        "assessment_history",
        ["assessment_id"],
        unique=False,
    )
    op.create_table(
        "consultation_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("author_user_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_user_id"],
            ["app_user.id"],
            name=op.f("fk_consultation_message_author_user_id_app_user"),
        ),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultation.id"],
            name=op.f("fk_consultation_message_consultation_id_consultation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultation_message")),
    )
    op.create_index(
        op.f("ix_consultation_message_consultation_id"),
        "consultation_message",
        ["consultation_id"],
        unique=False,
    )
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("action_item_id", sa.Integer(), nullable=True),
        sa.Column("question_id", sa.String(length=64), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("mime_type", sa.String(length=255), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("telegram_file_id", sa.String(length=255), nullable=False),
        sa.Column("telegram_file_unique_id", sa.String(length=64), nullable=False),
        sa.Column("caption", sa.String(length=1024), nullable=True),
        sa.Column("uploaded_by_user_id", sa.Integer(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("replaces_evidence_id", sa.Integer(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("deleted_by_user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["action_item_id"],
            ["rencana_aksi.id"],
            name=op.f("fk_evidence_action_item_id_rencana_aksi"),
        ),
        sa.ForeignKeyConstraint(
            ["deleted_by_user_id"],
            ["app_user.id"],
            name=op.f("fk_evidence_deleted_by_user_id_app_user"),
        ),
        sa.ForeignKeyConstraint(
            ["replaces_evidence_id"],
            ["evidence.id"],
            name=op.f("fk_evidence_replaces_evidence_id_evidence"),
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit_kerja.id"], name=op.f("fk_evidence_unit_id_unit_kerja")
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_user_id"],
            ["app_user.id"],
            name=op.f("fk_evidence_uploaded_by_user_id_app_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence")),
    )
    op.create_index(
        op.f("ix_evidence_action_item_id"), "evidence", ["action_item_id"], unique=False
    )
    op.create_index(op.f("ix_evidence_sha256"), "evidence", ["sha256"], unique=False)
    op.create_index(op.f("ix_evidence_unit_id"), "evidence", ["unit_id"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    if not _sqlite():
        op.drop_constraint(op.f(PENETAPAN_BY_FK), "unit_kerja", type_="foreignkey")
    op.drop_table("evidence")
    op.drop_table("consultation_message")
    op.drop_table("assessment_history")
    op.drop_table("unit_prerequisite")
    op.drop_table("rencana_aksi")
    op.drop_table("pakta_signature")
    op.drop_table("invite")
    op.drop_table("instansi_prerequisite")
    op.drop_table("hasil_input")
    op.drop_table("consultation")
    op.drop_table("audit_event")  # its triggers go with it
    if not _sqlite():
        op.execute("DROP FUNCTION audit_event_append_only()")
    op.drop_table("assessment")
    op.drop_table("app_user")
    op.drop_table("unit_kerja")
    op.drop_table("inbox_update")
