"""Logging that never carries health data or the token.

Only the coach's own loggers follow LOG_LEVEL; they log ids and events. Libraries (PTB, httpx,
SQLAlchemy) log request URLs and update contents at INFO and DEBUG, so they stay at WARNING, and
the token and the webhook secret are redacted from every record that reaches the handler.
"""

import logging
import traceback

OWN_LOGGERS = ("coach", "flows", "storage")


class RedactSecrets(logging.Filter):
    """Replace the bot token (and its secret half) and the webhook secret wherever they appear."""

    def __init__(self, token: str | None, *others: str | None):
        super().__init__()
        self.secrets = [s for s in {token, (token or "").partition(":")[2], *others} if s]

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if any(secret in message for secret in self.secrets):
            for secret in self.secrets:
                message = message.replace(secret, "[secret]")
            record.msg, record.args = message, None
        return True


def configure(level: str, token: str | None, *secrets: str | None) -> None:
    """Send logs to stderr: own loggers at `level`, libraries at WARNING, secrets redacted."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactSecrets(token, *secrets))
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(logging.WARNING)
    for name in OWN_LOGGERS:
        logging.getLogger(name).setLevel(level)


def where(error: BaseException) -> str:
    """The exception's type and stack frames, without its message (which may quote data)."""
    frames = traceback.format_tb(error.__traceback__)
    return f"{type(error).__name__}\n{''.join(frames)}"
