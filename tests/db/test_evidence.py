"""Evidence rows and the evidence service: attach, replace, delete — idempotent, authorised,
audited in the same transaction."""

from __future__ import annotations

import asyncio
import hashlib
import json

import pytest
from sqlalchemy import select

from tests.db.helpers import add_unit, add_user
from zi_core.db.models import ActionItem, AuditEvent
from zi_core.db.repositories import audit, evaluations, users
from zi_core.db.repositories import evidence as repo
from zi_core.domain.bukti import EvidenceDTO
from zi_core.domain.roles import Role
from zi_core.domain.statuses import EvaluationStatus
from zi_core.services.evidence import (
    EvidenceDenied,
    add_evidence,
    delete_evidence,
    replace_evidence,
)

QUESTION = "P.1.i.a"


def upload(content: bytes, name: str = "bukti.pdf", size: int | None = None) -> dict:
    """The file fields of an upload of `content`, as the bot passes them after `put`."""
    sha = hashlib.sha256(content).hexdigest()
    return {"sha256": sha, "file_name": name, "mime_type": "application/pdf",
            "size": len(content) if size is None else size,
            "telegram_file_id": f"BQACAgUAAxkBAAI{sha[:20]}",
            "telegram_file_unique_id": f"AgAD{sha[:12]}"}


async def add_item(factory, unit_id: int) -> int:
    """Commit one rencana aksi item of the unit."""
    async with factory() as session, session.begin():
        row = ActionItem(unit_id=unit_id, indicator_id="P.1.i", text="Sosialisasi pakta")
        session.add(row)
        await session.flush()
        return row.id


async def run(factory, service, **kwargs) -> EvidenceDTO:
    async with factory() as session, session.begin():
        return await service(session, **kwargs)


async def denial(factory, service, **kwargs) -> str:
    with pytest.raises(EvidenceDenied) as caught:
        await run(factory, service, **kwargs)
    return caught.value.reason


async def events(factory, action: str | None = None) -> list[tuple[str, str | None, dict]]:
    """(action, entity_id, payload) of every audit event, oldest first; the chain verifies."""
    async with factory() as session:
        rows = await session.scalars(select(AuditEvent).order_by(AuditEvent.seq))
        found = [(e.action, e.entity_id, json.loads(e.payload)) for e in rows
                 if action is None or e.action == action]
        assert (await audit.verify(session)).ok
    return found


@pytest.fixture
async def world(session_factory):
    unit = await add_unit(session_factory, "DINKES")
    other_unit = await add_unit(session_factory, "DISDIK")
    return {
        "unit": unit,
        "other_unit": other_unit,
        "leader": await add_user(session_factory, Role.LEADER, unit.id),
        "staff": await add_user(session_factory, Role.STAFF, unit.id),
        "colleague": await add_user(session_factory, Role.STAFF, unit.id),
        "outsider": await add_user(session_factory, Role.STAFF, other_unit.id),
        "tpi": await add_user(session_factory, Role.TPI_MEMBER),
        "item": await add_item(session_factory, unit.id),
        "other_item": await add_item(session_factory, other_unit.id),
    }


async def test_a_file_attached_to_an_item_is_listed_and_audited_with_its_sha256(
    session_factory, world
):
    file = upload(b"%PDF-1.4 notulen", size=2**33)  # sizes are BIGINT

    added = await run(session_factory, add_evidence, actor=world["staff"],
                      unit_id=world["unit"].id, action_item_id=world["item"],
                      caption="Notulen rapat", **file)

    async with session_factory() as session:
        listed = await repo.list_for_item(session, world["item"])
        fetched = await repo.get(session, added.id)
    assert listed == [added] and fetched == added
    assert added.sha256 == file["sha256"] and added.size == 2**33
    assert added.uploaded_by_user_id == world["staff"].id and not added.deleted
    assert added.uploaded_at.tzinfo is not None
    [(action, entity_id, payload)] = await events(session_factory)
    assert (action, entity_id) == ("evidence.added", str(added.id))
    assert payload["sha256"] == file["sha256"] and payload["action_item_id"] == world["item"]


async def test_the_same_file_delivered_twice_is_one_row_and_one_event(session_factory, world):
    file = upload(b"%PDF-1.4 sk tim")
    target = {"actor": world["staff"], "unit_id": world["unit"].id,
              "action_item_id": world["item"]}

    first = await run(session_factory, add_evidence, **target, **file)
    again = await run(session_factory, add_evidence, **target, **file)
    by_leader = await run(session_factory, add_evidence, **{**target, "actor": world["leader"]},
                          **file)
    on_question = await run(session_factory, add_evidence, actor=world["staff"],
                            unit_id=world["unit"].id, question_id=QUESTION, **file)

    assert again == first and by_leader == first
    assert on_question.id != first.id  # the same content on another target is its own row
    assert [e[0] for e in await events(session_factory)] == ["evidence.added"] * 2


async def test_concurrent_deliveries_of_one_file_make_exactly_one_row(session_factory, world):
    file = upload(b"%PDF-1.4 foto kegiatan")

    results = await asyncio.gather(*(
        run(session_factory, add_evidence, actor=world["staff"], unit_id=world["unit"].id,
            question_id=QUESTION, **file)
        for _ in range(6)
    ))

    assert len({r.id for r in results}) == 1
    assert len(await events(session_factory, "evidence.added")) == 1


async def test_lists_and_counts_show_current_files_per_item_and_question(session_factory, world):
    unit_id = world["unit"].id
    staff = world["staff"]
    for n in range(3):
        await run(session_factory, add_evidence, actor=staff, unit_id=unit_id,
                  action_item_id=world["item"], **upload(b"item %d" % n))
    for question, content in (("P.1.i.a", b"q1"), ("P.1.i.a", b"q2"), ("P.2.i.b", b"q3")):
        await run(session_factory, add_evidence, actor=staff, unit_id=unit_id,
                  question_id=question, **upload(content))
    await run(session_factory, add_evidence, actor=world["outsider"],
              unit_id=world["other_unit"].id, question_id="P.1.i.a", **upload(b"elsewhere"))

    async with session_factory() as session:
        by_item = await repo.count_by_item(session, unit_id)
        by_question = await repo.count_by_question(session, unit_id)
        for_question = await repo.list_for_question(session, unit_id, "P.1.i.a")
        for_unit = await repo.list_for_unit(session, unit_id)

    assert by_item == {world["item"]: 3}
    assert by_question == {"P.1.i.a": 2, "P.2.i.b": 1}
    assert [e.sha256 for e in for_question] == [upload(b"q1")["sha256"], upload(b"q2")["sha256"]]
    assert len(for_unit) == 6 and {e.unit_id for e in for_unit} == {unit_id}


async def test_a_replacement_becomes_current_and_the_old_file_stays_as_history(
    session_factory, world
):
    old = await run(session_factory, add_evidence, actor=world["staff"],
                    unit_id=world["unit"].id, action_item_id=world["item"],
                    **upload(b"draft", "laporan.pdf"))

    new = await run(session_factory, replace_evidence, actor=world["staff"], old_id=old.id,
                    **upload(b"final", "laporan final.pdf"))
    replayed = await run(session_factory, replace_evidence, actor=world["staff"], old_id=old.id,
                         **upload(b"final", "laporan final.pdf"))

    async with session_factory() as session:
        current = await repo.list_for_item(session, world["item"])
        history = await repo.list_for_item(session, world["item"], include_history=True)
        counts = await repo.count_by_item(session, world["unit"].id)
        old_now = await repo.get(session, old.id)
    assert new.replaces_evidence_id == old.id and new.action_item_id == world["item"]
    assert replayed == new
    assert current == [new] and history == [old, new] and counts == {world["item"]: 1}
    assert old_now == old  # untouched: not deleted, only superseded
    [(_, entity_id, payload)] = await events(session_factory, "evidence.replaced")
    assert entity_id == str(new.id)
    assert payload["sha256"] == new.sha256
    assert payload["before"] == {"id": old.id, "sha256": old.sha256}


async def test_a_superseded_revision_can_be_neither_replaced_again_nor_deleted(
    session_factory, world
):
    old = await run(session_factory, add_evidence, actor=world["staff"],
                    unit_id=world["unit"].id, question_id=QUESTION, **upload(b"v1"))
    await run(session_factory, replace_evidence, actor=world["staff"], old_id=old.id,
              **upload(b"v2"))

    assert await denial(session_factory, replace_evidence, actor=world["staff"], old_id=old.id,
                        **upload(b"v3")) == "gone"
    assert await denial(session_factory, delete_evidence, actor=world["staff"],
                        evidence_id=old.id) == "gone"


async def test_replacing_with_identical_content_changes_nothing(session_factory, world):
    old = await run(session_factory, add_evidence, actor=world["staff"],
                    unit_id=world["unit"].id, question_id=QUESTION, **upload(b"same"))

    same = await run(session_factory, replace_evidence, actor=world["staff"], old_id=old.id,
                     **upload(b"same", "renamed.pdf"))

    assert same == old and await events(session_factory, "evidence.replaced") == []


async def test_the_uploader_may_delete_and_deleting_twice_is_a_no_op(session_factory, world):
    added = await run(session_factory, add_evidence, actor=world["staff"],
                      unit_id=world["unit"].id, action_item_id=world["item"],
                      **upload(b"salah kirim"))

    deleted = await run(session_factory, delete_evidence, actor=world["staff"],
                        evidence_id=added.id)
    again = await run(session_factory, delete_evidence, actor=world["staff"],
                      evidence_id=added.id)

    async with session_factory() as session:
        current = await repo.list_for_item(session, world["item"])
        history = await repo.list_for_item(session, world["item"], include_history=True)
        counts = await repo.count_by_item(session, world["unit"].id)
    assert deleted.deleted and deleted.deleted_by_user_id == world["staff"].id
    assert again == deleted
    assert current == [] and history == [deleted] and counts == {}
    [(_, entity_id, payload)] = await events(session_factory, "evidence.deleted")
    assert entity_id == str(added.id) and payload["sha256"] == added.sha256


async def test_a_deleted_file_uploaded_again_is_a_new_row(session_factory, world):
    target = {"actor": world["staff"], "unit_id": world["unit"].id, "question_id": QUESTION}
    first = await run(session_factory, add_evidence, **target, **upload(b"kembali"))
    await run(session_factory, delete_evidence, actor=world["staff"], evidence_id=first.id)

    second = await run(session_factory, add_evidence, **target, **upload(b"kembali"))

    assert second.id != first.id and not second.deleted


async def test_the_leader_may_delete_and_replace_a_staff_members_file(session_factory, world):
    files = []
    for content in (b"one", b"two"):
        files.append(await run(session_factory, add_evidence, actor=world["staff"],
                               unit_id=world["unit"].id, question_id=QUESTION,
                               **upload(content)))

    deleted = await run(session_factory, delete_evidence, actor=world["leader"],
                        evidence_id=files[0].id)
    replaced = await run(session_factory, replace_evidence, actor=world["leader"],
                         old_id=files[1].id, **upload(b"three"))

    assert deleted.deleted_by_user_id == world["leader"].id
    assert replaced.uploaded_by_user_id == world["leader"].id


async def test_another_staff_member_may_not_delete_or_replace(session_factory, world):
    added = await run(session_factory, add_evidence, actor=world["staff"],
                      unit_id=world["unit"].id, action_item_id=world["item"], **upload(b"mine"))

    assert await denial(session_factory, delete_evidence, actor=world["colleague"],
                        evidence_id=added.id) == "not_owner"
    assert await denial(session_factory, replace_evidence, actor=world["colleague"],
                        old_id=added.id, **upload(b"theirs")) == "not_owner"
    async with session_factory() as session:
        assert await repo.list_for_item(session, world["item"]) == [added]
    assert [e[0] for e in await events(session_factory)] == ["evidence.added"]


async def test_once_finalised_nothing_changes(session_factory, world):
    added = await run(session_factory, add_evidence, actor=world["staff"],
                      unit_id=world["unit"].id, action_item_id=world["item"], **upload(b"a"))
    async with session_factory() as session, session.begin():
        await evaluations.lock(session, world["unit"].id, exclusive=True)
        await evaluations.set_status(session, world["unit"].id, EvaluationStatus.FINAL,
                                     by_user_id=world["leader"].id)

    reasons = [
        await denial(session_factory, delete_evidence, actor=world["staff"],
                     evidence_id=added.id),
        await denial(session_factory, delete_evidence, actor=world["leader"],
                     evidence_id=added.id),
        await denial(session_factory, replace_evidence, actor=world["staff"], old_id=added.id,
                     **upload(b"b")),
        await denial(session_factory, add_evidence, actor=world["staff"],
                     unit_id=world["unit"].id, action_item_id=world["item"], **upload(b"c")),
    ]

    assert reasons == ["locked"] * 4
    async with session_factory() as session:
        assert await repo.list_for_unit(session, world["unit"].id) == [added]


async def test_only_active_members_of_the_unit_may_attach(session_factory, world):
    async with session_factory() as session, session.begin():
        gone = await users.deactivate(session, world["colleague"].id)
    file = upload(b"x")
    target = {"unit_id": world["unit"].id, "action_item_id": world["item"]}

    reasons = [await denial(session_factory, add_evidence, actor=actor, **target, **file)
               for actor in (world["outsider"], world["tpi"], gone)]

    # The actor is taken as its caller read it for this request (the bot's gate reads the
    # caller on every update): an upload reads the user once.
    assert reasons == ["not_member"] * 3


async def test_an_outsider_may_not_delete_another_units_file(session_factory, world):
    added = await run(session_factory, add_evidence, actor=world["staff"],
                      unit_id=world["unit"].id, question_id=QUESTION, **upload(b"x"))

    for actor in (world["outsider"], world["tpi"]):
        assert await denial(session_factory, delete_evidence, actor=actor,
                            evidence_id=added.id) == "not_member"


@pytest.mark.parametrize(
    "target",
    [{}, {"question_id": QUESTION, "action_item_id": "item"}, {"action_item_id": "other_item"},
     {"action_item_id": 999_999}, {"question_id": ""}, {"question_id": "Q" * 65}],
    ids=["neither", "both", "item-of-another-unit", "no-such-item", "empty-question",
         "question-too-long"],
)
async def test_a_file_goes_to_exactly_one_target_of_the_actors_unit(
    session_factory, world, target
):
    target = {key: world[value] if isinstance(value, str) and value in world else value
              for key, value in target.items()}

    assert await denial(session_factory, add_evidence, actor=world["staff"],
                        unit_id=world["unit"].id, **target, **upload(b"x")) == "target"


@pytest.mark.parametrize(
    "change",
    [{"sha256": "../" * 21 + "x"}, {"sha256": "A" * 64}, {"size": 0}, {"file_name": ""},
     {"caption": "x" * 1025}],
)
async def test_unchecked_file_fields_are_programming_errors(session_factory, world, change):
    with pytest.raises(ValueError):
        await run(session_factory, add_evidence, actor=world["staff"],
                  unit_id=world["unit"].id, question_id=QUESTION,
                  **{**upload(b"x"), **change})
