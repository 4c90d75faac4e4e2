"""Updates of different people are handled at the same time; one person's, one at a time, in order.

PTB's default handles every update in turn, so one person's reply waiting for Telegram's per-chat
pace (or a slow query) would hold up everyone else, including someone reporting an emergency.

There is no cap on how many people's updates are handled at once. A handler spends most of its
life waiting for Telegram's pace in the rate limiter; with PTB's usual cap (256), replies that
ask for more than the overall limit (100 taps a second against 30 messages a second) fill every
slot, and an emergency report then waits seconds for one. Nothing is saved by a cap: PTB makes a
task for every update anyway, and the database queues its own work (one writer on SQLite, the
pool on PostgreSQL).
"""

import asyncio
import sys
from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.ext import BaseUpdateProcessor


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Concurrent across chats, sequential within a chat (arrival order), except that updates for
    which `jumps_queue` is true (an emergency report) do not wait for the chat's earlier ones."""

    def __init__(self, *, jumps_queue: Callable[[object], bool] = lambda _: False):
        super().__init__(max_concurrent_updates=sys.maxsize)  # no cap: see the module's docstring
        self._jumps_queue = jumps_queue
        self._chats: dict[int, tuple[asyncio.Lock, list[int]]] = {}  # lock, [updates holding or waiting]

    async def do_process_update(self, update: object, coroutine: Awaitable) -> None:
        key = _chat_of(update)
        if key is None or self._jumps_queue(update):
            await coroutine
            return
        lock, users = self._chats.setdefault(key, (asyncio.Lock(), [0]))
        users[0] += 1
        try:
            async with lock:
                await coroutine
        finally:
            users[0] -= 1
            if users[0] == 0:
                del self._chats[key]  # no state kept for quiet chats

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""


def _chat_of(update: object) -> int | None:
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    return update.effective_user.id if update.effective_user is not None else None
