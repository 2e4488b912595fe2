"""The read side: each function opens its own short reading transaction on a unit of work and
returns plain values (DTOs or a dataclass a view takes whole). Handlers read through these,
never through the repositories."""

from zi_core.queries import bukti, konsultasi, pakta, people, units

__all__ = ["bukti", "konsultasi", "pakta", "people", "units"]
