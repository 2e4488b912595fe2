"""Typed settings from the environment (and a `.env` file), DESIGN.md section 7."""

from __future__ import annotations

from datetime import time
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from zoneinfo import ZoneInfo

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_API_URL = "https://api.telegram.org"


class SettingsError(ValueError):
    """A setting is missing or wrong; the message is one line for the operator."""


class Settings(BaseSettings):
    """Everything `zi-bot run` reads; the token stays a secret in logs and reprs."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8",
                                      extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_api_url: str = DEFAULT_API_URL
    database_url: str = "sqlite+aiosqlite:///./zi.db"
    evidence_dir: Path = Path("./evidence")
    tz: str = "Asia/Pontianak"
    weekly_summary_cron: str = "0 7 * * mon"
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    default_locale: str = "id"
    admin_chat_id: int | None = None
    callback_secret: SecretStr | None = Field(default=None)
    audit_key: SecretStr | None = None
    """AUDIT_KEY keys the audit chain and signs backups (HMAC-SHA256); unset: plain SHA-256."""
    invite_days: int = 7
    bot_username: str | None = None
    pakta_template: Path | None = None
    pakta_min_share: Decimal = Decimal("0.5")
    reminder_time: time = time(7, 30)
    pending_input_hours: int = 24
    summary_recipients: list[int] = []
    summary_pace_seconds: float = 1.05
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8080
    evidence_max_mb: int = 20
    """20 MB is what the public Bot API lets a bot download; raise it with a self-hosted one."""

    @field_validator("telegram_api_url")
    @classmethod
    def _strip_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @field_validator("default_locale")
    @classmethod
    def _known_locale(cls, value: str) -> str:
        if value not in ("id", "en"):
            raise ValueError("DEFAULT_LOCALE harus 'id' atau 'en'")
        return value

    @property
    def base_url(self) -> str:
        """Bot API method URL prefix (`…/bot`); the token is appended by the library."""
        return f"{self.telegram_api_url}/bot"

    @property
    def base_file_url(self) -> str:
        """File download URL prefix (`…/file/bot`)."""
        return f"{self.telegram_api_url}/file/bot"

    @property
    def self_hosted(self) -> bool:
        """A self-hosted Bot API server (or the emulator) lifts the 20 MB download limit."""
        return self.telegram_api_url != DEFAULT_API_URL

    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.tz)

    def token(self) -> str:
        """The bot token, or a clear error when it is missing."""
        if self.telegram_bot_token is None or not self.telegram_bot_token.get_secret_value():
            raise SettingsError("TELEGRAM_BOT_TOKEN belum diatur: isi variabel lingkungan "
                                "TELEGRAM_BOT_TOKEN (atau berkas .env) dengan token dari "
                                "@BotFather")
        return self.telegram_bot_token.get_secret_value()

    def signing_key(self) -> bytes:
        """Key for signing callback data: CALLBACK_SECRET, else derived from the token."""
        if self.callback_secret is not None:
            return self.callback_secret.get_secret_value().encode()
        return ("zi-callback:" + self.token()).encode()


    def chain_key(self) -> bytes | None:
        """The key of the audit chain and of backup manifests (AUDIT_KEY), or None.

        Not derived from the token like `signing_key`: a new token must not break the
        verification of everything recorded before it."""
        if self.audit_key is None or not self.audit_key.get_secret_value():
            return None
        return self.audit_key.get_secret_value().encode()


def load_settings(**overrides: object) -> Settings:
    """Read the settings; invalid values become one `SettingsError` line."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValueError as exc:
        raise SettingsError(f"pengaturan tidak sah: {exc}".splitlines()[0]) from exc
