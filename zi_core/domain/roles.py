"""The six roles of DESIGN.md section 3 and what each may do.

Permissions are checked against the caller's current role in the database on every update;
this module only says which role holds which permission.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    LEADER = "leader"
    STAFF = "staff"
    TPI_MEMBER = "tpi_member"
    TPI_SECRETARY = "tpi_secretary"
    TPI_CHAIR = "tpi_chair"

    @property
    def has_unit(self) -> bool:
        """Unit roles belong to exactly one unit; the others to none."""
        return self in UNIT_ROLES

    @property
    def is_tpi(self) -> bool:
        return self in TPI_ROLES


# Tuples, not sets: their order is the order of the CHECK constraints in the schema.
UNIT_ROLES = (Role.LEADER, Role.STAFF)
TPI_ROLES = (Role.TPI_MEMBER, Role.TPI_SECRETARY, Role.TPI_CHAIR)


class Permission(StrEnum):
    MANAGE_USERS = "manage_users"
    MANAGE_UNITS = "manage_units"
    CREATE_INVITE = "create_invite"
    SIGN_PACT = "sign_pact"
    WORK_ACTION_PLAN = "work_action_plan"
    UPLOAD_EVIDENCE = "upload_evidence"
    ASK_TPI = "ask_tpi"
    LEAD_UNIT = "lead_unit"
    SCORE = "score"
    RECOMMEND = "recommend"
    ANSWER_CONSULTATION = "answer_consultation"
    ASSIGN_EVALUATORS = "assign_evaluators"
    FINALISE = "finalise"
    RECEIVE_SUMMARY = "receive_summary"
    DESIGNATE = "designate"
    SELF_ASSESS = "self_assess"
    INSTALL_LKE = "install_lke"


_UNIT_STAFF = {Permission.SIGN_PACT, Permission.WORK_ACTION_PLAN, Permission.UPLOAD_EVIDENCE,
               Permission.ASK_TPI, Permission.SELF_ASSESS}
_TPI = {Permission.SCORE, Permission.RECOMMEND, Permission.ANSWER_CONSULTATION}

PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset({Permission.MANAGE_USERS, Permission.MANAGE_UNITS,
                          Permission.CREATE_INVITE, Permission.DESIGNATE,
                          Permission.INSTALL_LKE}),
    Role.STAFF: frozenset(_UNIT_STAFF),
    Role.LEADER: frozenset(_UNIT_STAFF | {Permission.LEAD_UNIT}),
    Role.TPI_MEMBER: frozenset(_TPI),
    Role.TPI_SECRETARY: frozenset(_TPI | {Permission.ASSIGN_EVALUATORS, Permission.DESIGNATE}),
    Role.TPI_CHAIR: frozenset(_TPI | {Permission.ASSIGN_EVALUATORS, Permission.FINALISE,
                                      Permission.RECEIVE_SUMMARY, Permission.DESIGNATE}),
}


def may(role: Role | str | None, permission: Permission) -> bool:
    """Whether a role holds a permission (an unknown or missing role holds none)."""
    try:
        return permission in PERMISSIONS[Role(role)] if role else False
    except ValueError:
        return False


def parse_role(text: str) -> Role:
    """A role from its name, or ValueError naming the valid ones."""
    try:
        return Role(text.strip().lower())
    except ValueError as exc:
        names = ", ".join(r.value for r in Role)
        raise ValueError(f"peran tidak dikenal: {text!r} (pilih: {names})") from exc
