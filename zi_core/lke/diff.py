"""What a new LKE version changes against the one in force, as lines an admin can read."""

from __future__ import annotations

from fractions import Fraction

from zi_core.lke.model import Lke, Question


def _n(value: Fraction) -> str:
    return f"{float(value):g}"


def _question_changes(old: Question, new: Question) -> list[str]:
    lines = []
    if old.text != new.text:
        lines.append(f"~ {new.id}: teks diubah")
    if old.answer_type != new.answer_type:
        lines.append(f"~ {new.id}: jenis jawaban {old.answer_type.value} → "
                     f"{new.answer_type.value}")
        return lines
    before = {o.key: o.value for o in old.options}
    for option in new.options:
        if option.key in before and before[option.key] != option.value:
            lines.append(f"~ {new.id} opsi {option.key}: nilai {_n(before[option.key])} → "
                         f"{_n(option.value)}")
    return lines


def _weights(lke: Lke) -> dict[str, Fraction]:
    weights = {h.id: h.weight for h in lke.halves()}
    weights.update({i.id: i.weight for i in lke.indicators()})
    weights.update({g.id: g.weight for g in lke.hasil})
    weights.update({i.id: i.weight for g in lke.hasil for i in g.items})
    return weights


def changes(old: Lke, new: Lke) -> list[str]:
    """Questions added, removed or retexted, option values and weights changed."""
    old_q = {q.id: q for q in old.questions()}
    new_q = {q.id: q for q in new.questions()}
    lines = [f"+ {q_id}: pertanyaan baru" for q_id in new_q if q_id not in old_q]
    lines += [f"- {q_id}: pertanyaan dihapus" for q_id in old_q if q_id not in new_q]
    for q_id, question in new_q.items():
        if q_id in old_q:
            lines += _question_changes(old_q[q_id], question)
    before, after = _weights(old), _weights(new)
    lines += [f"~ {key}: bobot {_n(before[key])} → {_n(weight)}"
              for key, weight in after.items() if key in before and before[key] != weight]
    return lines


def preview(old: Lke, new: Lke) -> str:
    """A heading naming both versions, then every change (or that nothing changed)."""
    lines = changes(old, new)
    body = lines or ["(tidak ada perubahan pertanyaan, nilai opsi, atau bobot)"]
    return "\n".join([f"LKE {old.version} → {new.version}", *body])
