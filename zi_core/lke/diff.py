"""What a new LKE version changes against the one in force: questions added, removed or
retexted, answer types, option values and weights; as data, and as lines for the command line."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from zi_core.lke.model import Lke, Question


class Kind(StrEnum):
    """What changed."""

    ADDED = "added"
    REMOVED = "removed"
    TEXT = "text"
    ANSWER_TYPE = "answer_type"
    OPTION_VALUE = "option_value"
    WEIGHT = "weight"


@dataclass(frozen=True)
class Change:
    """One change: the question (or indicator, half, Hasil item) it is about, the option key
    for an option value, and the values before and after where there are any."""

    kind: Kind
    item_id: str
    option: str | None = None
    before: Fraction | str | None = None
    after: Fraction | str | None = None


def _question_changes(old: Question, new: Question) -> list[Change]:
    found = []
    if old.text != new.text:
        found.append(Change(Kind.TEXT, new.id))
    if old.answer_type != new.answer_type:
        found.append(Change(Kind.ANSWER_TYPE, new.id, before=old.answer_type.value,
                            after=new.answer_type.value))
        return found
    before = {o.key: o.value for o in old.options}
    found += [Change(Kind.OPTION_VALUE, new.id, o.key, before[o.key], o.value)
              for o in new.options if o.key in before and before[o.key] != o.value]
    return found


def _weights(lke: Lke) -> dict[str, Fraction]:
    weights = {h.id: h.weight for h in lke.halves()}
    weights.update({i.id: i.weight for i in lke.indicators()})
    weights.update({g.id: g.weight for g in lke.hasil})
    weights.update({i.id: i.weight for g in lke.hasil for i in g.items})
    return weights


def changes(old: Lke, new: Lke) -> list[Change]:
    """Every change from `old` to `new`, in worksheet order within each kind."""
    old_q = {q.id: q for q in old.questions()}
    new_q = {q.id: q for q in new.questions()}
    found = [Change(Kind.ADDED, q_id) for q_id in new_q if q_id not in old_q]
    found += [Change(Kind.REMOVED, q_id) for q_id in old_q if q_id not in new_q]
    for q_id, question in new_q.items():
        if q_id in old_q:
            found += _question_changes(old_q[q_id], question)
    before, after = _weights(old), _weights(new)
    found += [Change(Kind.WEIGHT, key, before=before[key], after=weight)
              for key, weight in after.items() if key in before and before[key] != weight]
    return found


def _n(value: Fraction | str | None) -> str:
    return f"{float(value):g}" if isinstance(value, Fraction) else str(value)


def line(change: Change) -> str:
    """One change as the command line prints it."""
    if change.kind is Kind.ADDED:
        return f"+ {change.item_id}: pertanyaan baru"
    if change.kind is Kind.REMOVED:
        return f"- {change.item_id}: pertanyaan dihapus"
    if change.kind is Kind.TEXT:
        return f"~ {change.item_id}: teks diubah"
    if change.kind is Kind.ANSWER_TYPE:
        return f"~ {change.item_id}: jenis jawaban {change.before} → {change.after}"
    if change.kind is Kind.OPTION_VALUE:
        return (f"~ {change.item_id} opsi {change.option}: nilai {_n(change.before)} → "
                f"{_n(change.after)}")
    return f"~ {change.item_id}: bobot {_n(change.before)} → {_n(change.after)}"


def preview(old: Lke, new: Lke) -> str:
    """A heading naming both versions, then every change (or that nothing changed)."""
    body = [line(c) for c in changes(old, new)]
    body = body or ["(tidak ada perubahan pertanyaan, nilai opsi, atau bobot)"]
    return "\n".join([f"LKE {old.version} → {new.version}", *body])
