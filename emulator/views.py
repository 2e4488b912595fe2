"""Read-only views the driver hands to tests: chat messages and transcript entries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from emulator.objects import inline_rows
from emulator.records import ChatEvent, StoredMessage


def button_rows(data: dict[str, Any] | None) -> list[list[str]]:
    """Labels of the inline keyboard in a Message JSON, row by row."""
    markup = (data or {}).get("reply_markup")
    return [[str(button.get("text", "")) for button in row] for row in inline_rows(markup)]


def _document_name(data: dict[str, Any] | None) -> str | None:
    document = (data or {}).get("document")
    return document.get("file_name") if isinstance(document, dict) else None


@dataclass(frozen=True)
class ChatMessage:
    """A message as it stands now (edits applied), with the texts it had before."""

    message_id: int
    who: str  # "user" | "bot"
    text: str  # text, or caption for documents/photos ("" if none)
    buttons: list[list[str]]
    document_name: str | None
    has_photo: bool
    edits: list[str]
    deleted: bool
    raw: dict[str, Any] = field(repr=False)

    @property
    def labels(self) -> list[str]:
        """All button labels, flattened."""
        return [label for row in self.buttons for label in row]

    @property
    def entities(self) -> list[dict[str, Any]]:
        """Entities of the text (or caption)."""
        return list(self.raw.get("entities") or self.raw.get("caption_entities") or [])

    @classmethod
    def of(cls, stored: StoredMessage) -> ChatMessage:
        """Snapshot of a stored message."""
        data = stored.data
        return cls(
            message_id=stored.message_id,
            who="bot" if stored.from_bot else "user",
            text=str(data.get("text", data.get("caption", ""))),
            buttons=button_rows(data),
            document_name=_document_name(data),
            has_photo="photo" in data,
            edits=[str(old.get("text", old.get("caption", ""))) for old in stored.history],
            deleted=stored.deleted,
            raw=data,
        )


@dataclass(frozen=True)
class TranscriptEntry:
    """One line of a chat transcript: a message, an edit, a deletion, a press or an answer."""

    who: str  # "user" | "bot"
    kind: str  # "message" | "edit" | "delete" | "press" | "answer"
    message_id: int | None
    text: str
    buttons: list[list[str]]
    document_name: str | None
    detail: dict[str, Any]

    @classmethod
    def of(cls, event: ChatEvent) -> TranscriptEntry:
        """Entry for one chat event."""
        data = event.snapshot or {}
        if event.kind == "press":
            text = str(event.detail.get("label") or event.detail.get("data"))
        elif event.kind == "answer":
            text = str(event.detail.get("text") or "")
        else:
            text = str(data.get("text", data.get("caption", "")))
        return cls(
            who=event.who,
            kind=event.kind,
            message_id=event.message_id,
            text=text,
            buttons=button_rows(data),
            document_name=_document_name(data),
            detail=dict(event.detail),
        )

    def __str__(self) -> str:
        line = f"{self.who:>4} {self.kind:<7} #{self.message_id}: {self.text}"
        if self.document_name:
            line += f" [file {self.document_name}]"
        if self.buttons:
            line += " " + " / ".join("[" + " | ".join(row) + "]" for row in self.buttons)
        if self.kind == "answer" and self.detail.get("show_alert"):
            line += " (alert)"
        return line
