"""Nomor Induk Pegawai: 18 digits — birth date, appointment month, sex, serial number."""

from __future__ import annotations

from datetime import date


class NipInvalid(ValueError):
    """The text is not a valid NIP; `reason` says why, for the user's message."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def normalise_nip(text: str) -> str:
    """The 18-digit NIP from text as people write it (`19700703 199903 1 007`)."""
    digits = "".join(text.split())
    if not (digits.isascii() and digits.isdigit()):
        raise NipInvalid("not_digits")
    if len(digits) != 18:
        raise NipInvalid("length")
    try:
        born = date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError as exc:
        raise NipInvalid("birth_date") from exc
    appointed_year, appointed_month = int(digits[8:12]), int(digits[12:14])
    if not 1 <= appointed_month <= 12 or appointed_year < born.year + 15:
        raise NipInvalid("appointment")
    if digits[14] not in "12":
        raise NipInvalid("sex")
    return digits
