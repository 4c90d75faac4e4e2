"""One long-polling instance per bot token.

Telegram answers a second `getUpdates` on the same token by ending the first with 409 Conflict,
so two `coach run` on one token take turns for ever, each meeting a Conflict every few seconds.
An instance that meets a Conflict before any of its polls came back stops with a clear message
(it is the second); one that had been polling logs the fight at most once a minute, without a
traceback, and goes on serving.
"""

import logging
import time
from collections.abc import Callable

from telegram.error import Conflict, TelegramError

from flows.telegram_http import AiohttpRequest

log = logging.getLogger(__name__)

SECOND_POLLER = (
    "Another instance is already polling Telegram with this bot token, so this one stops.\n"
    "Run one `coach run` per token; to run several instances, use `coach webhook` with PostgreSQL "
    '(README, "One instance or several").'
)
STILL_FIGHTING = (
    "Another instance started polling Telegram with this bot token: the two take turns and both "
    "answer late. Stop the other one (one `coach run` per token, or `coach webhook` for several)."
)
LOG_EVERY = 60.0  # seconds between two warnings about the same fight


class PollingRequest(AiohttpRequest):
    """The connection `getUpdates` alone goes through: it notes whether a poll ever came back."""

    __slots__ = ("answered",)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.answered = False

    async def do_request(self, url: str, method: str, *args, **kwargs) -> tuple[int, bytes]:
        status, body = await super().do_request(url, method, *args, **kwargs)
        if status == 200:
            self.answered = True
        return status, body


class OnePoller:
    """The updater's `error_callback`: tells a second poller from a running one meeting a newcomer."""

    def __init__(
        self, request: PollingRequest, on_second: Callable[[], None], now: Callable[[], float] = time.monotonic
    ):
        self._request, self._on_second, self._now = request, on_second, now
        self._warned_at: float | None = None
        self.second = False

    def __call__(self, error: TelegramError) -> None:
        if not isinstance(error, Conflict):
            log.warning("polling Telegram failed (%s: %s); trying again", type(error).__name__, error)
            return
        if not self._request.answered:
            if not self.second:
                self.second = True
                log.error(SECOND_POLLER)
                self._on_second()
            return
        now = self._now()
        if self._warned_at is None or now - self._warned_at >= LOG_EVERY:
            self._warned_at = now
            log.warning(STILL_FIGHTING)
