"""Settings from the environment or a `.env` file (documented in `.env.example`)."""

import re

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")


class Settings(BaseSettings):
    """What an operator configures."""

    # Errors never echo what was typed: it may be the token or the webhook secret.
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", hide_input_in_errors=True
    )

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str | None = Field(
        default=None, description="Bot API base URL, e.g. http://127.0.0.1:8081/bot (the token is appended)"
    )
    database_url: str | None = Field(default=None, description="default: SQLite file under ./data/")
    tick_seconds: float = Field(default=20.0, gt=0, description="how often due check-ins are looked for")
    per_chat_messages_per_second: float = Field(
        default=1.0, gt=0, description="Telegram's per-chat pace (short bursts of 3 allowed)"
    )
    messages_per_second: float = Field(
        default=30.0, gt=0, description="Telegram's overall pace for the bot (up to 1000 with paid broadcasts)"
    )
    log_level: str = "INFO"
    webhook_secret_token: SecretStr | None = Field(
        default=None, description="required by `coach webhook`; Telegram sends it in every request"
    )
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = Field(default=8080, ge=0, le=65535, description="0: any free port")
    webhook_path: str = Field(default="/telegram", pattern=r"^/")
    webhook_url: str | None = Field(
        default=None, description="public URL; when set, this instance registers it with setWebhook"
    )

    @field_validator("database_url")
    @classmethod
    def _supported_database(cls, value: str | None) -> str | None:
        """SQLite, or PostgreSQL through asyncpg: the pool asks asyncpg whether a connection is
        still open (`storage.database`), so another driver would fail at the first unit of work."""
        if value is None:
            return value
        try:
            url = make_url(value)
        except ArgumentError:
            raise ValueError("is not a database URL") from None
        if url.get_backend_name() == "postgresql" and url.drivername != "postgresql+asyncpg":
            raise ValueError("PostgreSQL is reached through asyncpg: postgresql+asyncpg://user@host/database")
        if url.get_backend_name() not in ("sqlite", "postgresql"):
            raise ValueError("must be sqlite:///path/to/file.db or postgresql+asyncpg://user@host/database")
        return value

    @field_validator("webhook_secret_token")
    @classmethod
    def _telegram_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _SECRET_TOKEN.fullmatch(value.get_secret_value()):
            raise ValueError("must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return value
