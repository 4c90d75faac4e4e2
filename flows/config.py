"""Settings from the environment or a `.env` file (documented in `.env.example`)."""

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """What an operator configures."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str | None = Field(
        default=None, description="Bot API base URL, e.g. http://127.0.0.1:8081/bot (the token is appended)"
    )
    database_url: str | None = Field(default=None, description="default: SQLite file under ./data/")
    tick_seconds: float = Field(default=20.0, gt=0, description="how often due check-ins are looked for")
    per_chat_messages_per_second: float = Field(default=1.0, gt=0, description="Telegram's per-chat pace (short bursts of 3 allowed)")
    messages_per_second: float = Field(default=30.0, gt=0, description="Telegram's overall pace for the bot (up to 1000 with paid broadcasts)")
    log_level: str = "INFO"
