"""A priority-aware rate limiter for python-telegram-bot.

Plug it in with ``ApplicationBuilder().rate_limiter(PriorityRateLimiter())`` and choose a priority
per call with ``await bot.send_message(chat_id, text, rate_limit_args={"priority": "bulk"})``
(a bare ``rate_limit_args="bulk"`` works too). Only ``ExtBot`` methods take ``rate_limit_args``;
the shortcuts (``message.reply_text``, ``query.edit_message_text``, ...) cannot pass it, so they
run at the default priority, ``"interactive"``.

Priorities, highest first:

``"urgent"``
    Escalations (seek-care messages). May exceed a chat's per-chat limit by one message, so a
    second urgent message to a chat goes as soon as the first is answered by Telegram instead
    of waiting for the chat's next slot.
``"interactive"`` (the default)
    Replies to a person's own message or button press.
``"bulk"``
    Scheduled reminders. Bulk only gets capacity that urgent and interactive requests are not
    using, and is never retried here: a ``RetryAfter`` is re-raised so that the scheduler, which
    owns the reminder row, can reschedule it.

Within a priority, requests are granted oldest first among the chats that may send now; within
one chat and priority the order is strictly FIFO.

What is limited (the methods are the Bot API endpoint names PTB passes in):

* Methods that put or change a message in a chat (``send*`` except ``sendChatAction``,
  ``forward*``, ``copy*``, ``editMessage*``, ``stop*``) count toward the overall limit and, when
  they name a ``chat_id``, toward that chat's limit. Edits count like sends, at interactive
  priority unless told otherwise. A media group counts as one message. Edits of inline messages
  (``inline_message_id``, no chat) count toward the overall limit only.
* Everything else goes straight through, unqueued and unpaused: ``answerCallbackQuery`` and the
  other ``answer*`` methods (a button spinner must stop at once), ``getMe``, ``setMyCommands``,
  ``getFile``, ``deleteMessage``, ``sendChatAction``, ... These are not messages, are rare,
  and waiting behind a queue would only hurt. (PTB itself never passes ``getUpdates`` to a
  limiter.)

Limits are enforced with GCRA (a token bucket kept as one timestamp): at most
``per_chat_per_second`` per chat (after an optional burst of ``per_chat_burst``), in groups and
channels (negative ids, ``@usernames``) also at most ``group_per_minute`` a minute, and overall
at most ``overall_per_second`` in any one-second window. The overall pace may make up
``overall_catch_up`` seconds of grants that came late (a busy event loop would otherwise lower
the rate), and the one-second window is kept exactly, with the last second's grant times (waiting
for that window earns no catch-up, so a full queue goes out at an even pace, not in bursts). A chat
also has at most one request in flight, so its messages arrive in the order they were granted. A
message already granted (even bulk) counts toward its chat's limit.

``RetryAfter`` (HTTP 429) from Telegram pauses the request's chat for ``retry_after`` seconds
(plus ``retry_after_margin``); urgent and interactive requests are then retried up to
``max_retries`` times before the error is re-raised. A 429 for a request without a chat, or
429s from ``flood_escalation_chats`` different chats within a second, are taken as bot-wide:
then every limited request waits (Telegram does not say which kind a 429 is, so this is a
heuristic). Bulk RetryAfter still pauses its chat, so the chat's other messages wait too.

Control: ``enabled=False`` turns everything off (straight calls, no retries). :meth:`~PriorityRateLimiter.pause` /
:meth:`~PriorityRateLimiter.resume` hold and release all limited requests by hand (maintenance, deterministic tests).
:meth:`~PriorityRateLimiter.shutdown` (PTB calls it from ``Application.shutdown``) fails whatever still waits with
:class:`LimiterClosed`, a ``NetworkError``: the message was not sent.

Efficiency: per chat, a deque per priority; across chats, one heap per priority of the chats that
may send now (keyed by the age of their oldest request) and one heap of chats waiting for their
next slot. Every operation is O(log n), stale heap entries are dropped lazily, and a single
``loop.call_at`` timer wakes the limiter exactly when the next grant or eviction is due (no
polling). A chat's state is evicted once it has nothing queued or in flight and its limits have
fully recovered.

Observability: :meth:`PriorityRateLimiter.stats` returns counters; the log only ever shows the
endpoint, the priority and durations, never a chat id or message content.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import heapq
import itertools
import logging
import math
import warnings
from collections import deque
from collections.abc import Callable, Coroutine, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypedDict

from telegram.error import NetworkError, RetryAfter
from telegram.ext import BaseRateLimiter

__all__ = [
    "LimiterClosed",
    "Priority",
    "PriorityRateLimiter",
    "RateLimitArgs",
    "RateLimiterStats",
    "is_limited_method",
]

log = logging.getLogger(__name__)

JSONResult = bool | dict[str, Any] | list[dict[str, Any]]


class Priority(StrEnum):
    """How soon a request must go out; compare equal to the plain strings."""

    URGENT = "urgent"
    INTERACTIVE = "interactive"
    BULK = "bulk"


class RateLimitArgs(TypedDict, total=False):
    """What ``rate_limit_args`` may carry (all optional)."""

    priority: Priority | str
    #: For urgent and interactive requests: overrides the limiter's ``max_retries``.
    max_retries: int


# What callers pass as `rate_limit_args` for seek-care messages and for scheduled reminders.
URGENT: RateLimitArgs = {"priority": Priority.URGENT}
BULK: RateLimitArgs = {"priority": Priority.BULK}


class LimiterClosed(NetworkError):
    """The limiter was shut down before the request was sent; it was not sent."""

    def __init__(self, message: str = "the rate limiter was shut down before the request was sent") -> None:
        super().__init__(message)


@dataclass(frozen=True)
class RateLimiterStats:
    """A snapshot of the limiter's counters, keyed by priority name where per priority."""

    #: Requests whose call succeeded.
    sent: Mapping[str, int]
    #: Requests waiting for their turn now.
    queued: Mapping[str, int]
    #: RetryAfter (429) errors seen.
    flood_errors: Mapping[str, int]
    #: Requests that failed with another error (or were cancelled while in flight).
    failed: Mapping[str, int]
    #: Requests granted and not finished yet.
    in_flight: int
    #: Retries made after a RetryAfter.
    retries: int
    #: Requests given up while waiting: their caller was cancelled, or the limiter shut down.
    dropped: int
    #: Requests of methods that are never limited (answerCallbackQuery, getMe, ...).
    passed_through: int
    #: Chats whose state is kept now (queued, in flight, or limits not yet recovered).
    tracked_chats: int
    #: Seconds left of a bot-wide pause after a 429, 0 when none.
    global_pause_remaining: float
    #: True while paused by :meth:`PriorityRateLimiter.pause`.
    held: bool


_ORDER = (Priority.URGENT, Priority.INTERACTIVE, Priority.BULK)
_URGENT, _INTERACTIVE, _BULK = range(3)
_RANK: dict[str, int] = {
    priority.value: rank for rank, priority in enumerate(_ORDER)
}  # Priority members hash as their str

# Grants may happen this much before their computed time: guards against timers that fire a
# hair early (clock resolution), which could otherwise re-arm the same timer over and over.
_EPS = 1e-4
_ESCALATION_WINDOW = 1.0  # seconds within which 429s from different chats count together

_MESSAGE_PREFIXES = ("send", "forward", "copy", "editmessage", "stop")
_NOT_MESSAGES = frozenset({"sendchataction"})

# Request states.
_QUEUED, _GRANTED, _DROPPED = range(3)

ChatKey = int | str | None


def is_limited_method(endpoint: str) -> bool:
    """Whether the limiter queues this Bot API method (see the module docstring)."""
    name = endpoint.lower()
    return name.startswith(_MESSAGE_PREFIXES) and name not in _NOT_MESSAGES


def _chat_key(chat_id: object) -> tuple[ChatKey, bool]:
    """The chat's key and whether it is a group or channel (which have a per-minute limit too)."""
    if chat_id is None or isinstance(chat_id, bool):
        return None, False
    if isinstance(chat_id, int):
        return chat_id, chat_id < 0
    text = str(chat_id).strip()
    try:
        number = int(text)
    except ValueError:
        return text.lower(), True  # "@username": only channels and supergroups have those
    return number, number < 0


def retry_seconds(error: RetryAfter) -> float:
    """RetryAfter's wait in seconds, without PTB's deprecation warning for ``retry_after``."""
    value: object = getattr(error, "_retry_after", None)
    if not isinstance(value, dt.timedelta):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value = error.retry_after
    seconds = value.total_seconds() if isinstance(value, dt.timedelta) else float(value)  # type: ignore[arg-type]
    return max(seconds, 0.0)


class _Request:
    __slots__ = ("future", "seq", "state")

    def __init__(self, seq: int, future: asyncio.Future[None]) -> None:
        self.seq = seq
        self.future = future
        self.state = _QUEUED


class _Chat:
    """What the limiter knows about one chat (or, with key None, about chat-less requests)."""

    __slots__ = ("epoch", "group", "group_tat", "inflight", "key", "limited", "paused_until", "queues", "tat")

    def __init__(self, key: ChatKey, group: bool) -> None:
        self.key = key
        self.group = group
        self.limited = key is not None  # chat-less requests: overall limit only, no serialization
        self.tat = -math.inf  # GCRA "theoretical arrival time" of the per-chat limit
        self.group_tat = -math.inf  # ... and of the per-minute group limit
        self.paused_until = -math.inf
        self.inflight = False
        self.epoch = 0  # heap entries carrying another epoch are stale
        self.queues: list[deque[_Request] | None] = [None, None, None]

    def idle_since(self) -> float:
        """When all of the chat's limits have recovered (its state may go then, if unused)."""
        return max(self.tat, self.group_tat, self.paused_until)


class PriorityRateLimiter(BaseRateLimiter[RateLimitArgs | str]):
    """Throttles message-sending Bot API calls by priority, per chat and overall.

    Args:
        overall_per_second: Grants per second for the whole bot (Telegram: about 30). None: no
            overall limit.
        per_chat_per_second: Grants per second per chat (Telegram: about 1). None: no per-chat
            limit (and no per-chat ordering or state at all).
        per_chat_burst: How many messages a chat may get back to back before the per-chat rate
            applies (Telegram tolerates short bursts; 1 means strictly one per interval).
        group_per_minute: Grants per minute per group or channel (Telegram: about 20), on top of
            the per-chat limit. None: none.
        urgent_overdraft: How many urgent messages may go to a chat ahead of its limits.
        max_retries: Retries after a RetryAfter for urgent and interactive requests.
        retry_after_margin: Seconds added to Telegram's retry_after.
        flood_escalation_chats: This many chats getting a 429 within a second pause everything.
            None: a 429 only ever pauses its own chat (or everything, for a chat-less request).
        enabled: False turns limiting off: every call goes straight through, nothing is retried.
        overall_catch_up: Seconds of overall pace that grants running late may make up, always
            within ``overall_per_second`` in any one second.
    """

    __slots__ = (
        "_chat_interval",
        "_chat_tolerance",
        "_chats",
        "_closed",
        "_dropped",
        "_enabled",
        "_epochs",
        "_escalation_chats",
        "_failed",
        "_flood_errors",
        "_global_pause_until",
        "_group_interval",
        "_held",
        "_idle",
        "_in_flight",
        "_loop",
        "_margin",
        "_max_retries",
        "_otat",
        "_overall_cap",
        "_overall_interval",
        "_overall_tolerance",
        "_overall_window",
        "_passed_through",
        "_queued",
        "_ready",
        "_recent_floods",
        "_retries",
        "_sent",
        "_seqs",
        "_timer",
        "_timer_when",
        "_urgent_overdraft",
        "_waiting",
    )

    def __init__(
        self,
        *,
        overall_per_second: float | None = 30.0,
        per_chat_per_second: float | None = 1.0,
        per_chat_burst: int = 1,
        group_per_minute: float | None = 20.0,
        urgent_overdraft: int = 1,
        max_retries: int = 2,
        retry_after_margin: float = 0.1,
        flood_escalation_chats: int | None = 3,
        enabled: bool = True,
        overall_catch_up: float = 0.25,
    ) -> None:
        for name, rate in (
            ("overall_per_second", overall_per_second),
            ("per_chat_per_second", per_chat_per_second),
            ("group_per_minute", group_per_minute),
        ):
            if rate is not None and not rate > 0:
                raise ValueError(f"{name} must be positive or None, not {rate!r}")
        if per_chat_burst < 1:
            raise ValueError("per_chat_burst must be at least 1")
        if urgent_overdraft < 0 or max_retries < 0 or retry_after_margin < 0 or overall_catch_up < 0:
            raise ValueError(
                "urgent_overdraft, max_retries, retry_after_margin and overall_catch_up must not be negative"
            )
        if flood_escalation_chats is not None and flood_escalation_chats < 1:
            raise ValueError("flood_escalation_chats must be at least 1 or None")
        self._enabled = enabled
        self._overall_interval = 1.0 / overall_per_second if overall_per_second else 0.0
        self._overall_tolerance = overall_catch_up if overall_per_second else 0.0
        self._overall_cap = max(1, math.floor(overall_per_second + 1e-9)) if overall_per_second else 0
        self._chat_interval = 1.0 / per_chat_per_second if per_chat_per_second else 0.0
        self._chat_tolerance = (per_chat_burst - 1) * self._chat_interval
        self._group_interval = 60.0 / group_per_minute if group_per_minute and per_chat_per_second else 0.0
        self._urgent_overdraft = urgent_overdraft
        self._max_retries = max_retries
        self._margin = retry_after_margin
        self._escalation_chats = flood_escalation_chats
        self._closed = False
        self._held = False
        self._sent = [0, 0, 0]
        self._flood_errors = [0, 0, 0]
        self._failed = [0, 0, 0]
        self._retries = 0
        self._dropped = 0
        self._passed_through = 0
        self._in_flight = 0
        self._seqs = itertools.count()
        self._epochs = itertools.count(1)
        self._reset(None)

    def _reset(self, loop: asyncio.AbstractEventLoop | None) -> None:
        """Forgets all scheduling state (not the counters); binds to ``loop``."""
        self._loop = loop
        self._chats: dict[ChatKey, _Chat] = {}
        self._queued = [0, 0, 0]
        self._ready: list[list[tuple[int, ChatKey, int]]] = [[], [], []]  # (seq, key, epoch)
        self._waiting: list[tuple[float, int, int, ChatKey, int]] = []  # (at, rank, seq, key, epoch)
        self._idle: list[tuple[float, int, ChatKey]] = []  # (at, unique, key)
        self._otat = -math.inf
        self._overall_window: deque[float] = deque()  # grant times in the last second, oldest first
        self._global_pause_until = -math.inf
        self._recent_floods: deque[tuple[float, ChatKey]] = deque()
        self._timer: asyncio.TimerHandle | None = None
        self._timer_when = math.inf

    # ------------------------------------------------------------------------------ public

    @property
    def enabled(self) -> bool:
        """False when limiting is off (every call goes straight through)."""
        return self._enabled

    async def initialize(self) -> None:
        """Makes the limiter usable again after :meth:`shutdown`."""
        self._closed = False

    async def shutdown(self) -> None:
        """Fails every waiting request with :class:`LimiterClosed` and stops the timer."""
        self._closed = True
        if self._timer is not None:
            self._timer.cancel()
        for chat in self._chats.values():
            for queue in chat.queues:
                for request in queue or ():
                    if request.state == _QUEUED:
                        request.state = _DROPPED
                        self._dropped += 1
                        if not request.future.done():
                            request.future.set_exception(LimiterClosed())
        self._reset(self._loop)

    def pause(self) -> None:
        """Holds every limited request (queued and new) until :meth:`resume`; a manual switch,
        independent of pauses after a 429."""
        self._held = True

    def resume(self) -> None:
        """Ends :meth:`pause`."""
        self._held = False
        if self._loop is not None and not self._closed:
            self._pump()

    def queue_depth(self, priority: Priority | str) -> int:
        """How many requests of that priority wait now."""
        return self._queued[_RANK[Priority(priority).value]]

    def stats(self) -> RateLimiterStats:
        """The counters now."""

        def per_priority(values: list[int]) -> dict[str, int]:
            return {priority.value: values[rank] for rank, priority in enumerate(_ORDER)}

        now = self._loop.time() if self._loop is not None else 0.0
        return RateLimiterStats(
            sent=per_priority(self._sent),
            queued=per_priority(self._queued),
            flood_errors=per_priority(self._flood_errors),
            failed=per_priority(self._failed),
            in_flight=self._in_flight,
            retries=self._retries,
            dropped=self._dropped,
            passed_through=self._passed_through,
            tracked_chats=len(self._chats),
            global_pause_remaining=max(0.0, self._global_pause_until - now) if self._loop else 0.0,
            held=self._held,
        )

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSONResult]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: RateLimitArgs | str | None,
    ) -> JSONResult:
        """Waits for the request's turn, calls ``callback`` and returns its result.

        See the module docstring for priorities, limits and RetryAfter handling.
        """
        if not self._enabled:
            return await callback(*args, **kwargs)
        rank, max_retries = self._parse(rate_limit_args)
        if not is_limited_method(endpoint):
            self._passed_through += 1
            return await callback(*args, **kwargs)
        if self._chat_interval:
            key, group = _chat_key(data.get("chat_id"))
        else:
            key, group = None, False
        self._bind_loop()
        if rank == _BULK:
            max_retries = 0
        seq = next(self._seqs)
        attempt = 0
        while True:
            if self._closed:  # also when shut down while this request waited to be retried
                raise LimiterClosed()
            request = self._enqueue(key, group, rank, seq, retry=attempt > 0)
            await self._wait(request, key, rank)
            flood: RetryAfter | None = None
            try:
                result = await callback(*args, **kwargs)
            except RetryAfter as error:
                flood = error
                self._on_flood(key, rank, endpoint, error)  # pause before the chat is freed
            except BaseException:
                self._failed[rank] += 1
                raise
            finally:
                self._finish(key)
            if flood is None:
                self._sent[rank] += 1
                return result
            if attempt >= max_retries:
                raise flood
            attempt += 1
            self._retries += 1

    # ---------------------------------------------------------------------------- requests

    def _parse(self, rate_limit_args: RateLimitArgs | str | None) -> tuple[int, int]:
        """(priority rank, max retries) from the call's rate_limit_args."""
        priority: object = Priority.INTERACTIVE
        retries: object = self._max_retries
        if isinstance(rate_limit_args, str):
            priority = rate_limit_args
        elif isinstance(rate_limit_args, Mapping):
            priority = rate_limit_args.get("priority", Priority.INTERACTIVE)
            retries = rate_limit_args.get("max_retries", self._max_retries)
        elif rate_limit_args is not None:
            raise TypeError(f"rate_limit_args must be a dict or a priority name, not {type(rate_limit_args).__name__}")
        rank = _RANK.get(priority) if isinstance(priority, str) else None
        if rank is None:
            choices = ", ".join(repr(p.value) for p in _ORDER)
            raise ValueError(f"unknown priority {priority!r}; use one of {choices}")
        if not isinstance(retries, int) or isinstance(retries, bool) or retries < 0:
            raise ValueError(f"max_retries must be a non-negative int, not {retries!r}")
        return rank, retries

    def _bind_loop(self) -> None:
        loop = asyncio.get_running_loop()
        if self._loop is loop:
            return
        if self._loop is not None and (self._in_flight or any(self._queued)):
            raise RuntimeError("this PriorityRateLimiter is in use on another event loop")
        self._reset(loop)

    def _enqueue(self, key: ChatKey, group: bool, rank: int, seq: int, *, retry: bool) -> _Request:
        assert self._loop is not None
        chat = self._chats.get(key)
        if chat is None:
            chat = self._chats[key] = _Chat(key, group)
        request = _Request(seq, self._loop.create_future())
        queue = chat.queues[rank]
        if queue is None:
            queue = chat.queues[rank] = deque()
        if retry:  # back to its place by age, normally the front
            index = 0
            while index < len(queue) and queue[index].seq < seq:
                index += 1
            queue.insert(index, request)
        else:
            queue.append(request)
        self._queued[rank] += 1
        if queue[0] is request:
            self._refile(chat, self._loop.time())
        self._pump()
        return request

    async def _wait(self, request: _Request, key: ChatKey, rank: int) -> None:
        try:
            await request.future
        except asyncio.CancelledError:
            if request.state == _GRANTED:  # granted, then cancelled before it could run
                self._failed[rank] += 1
                self._finish(key)
            elif request.state == _QUEUED:
                self._drop(request, key, rank)
            raise

    def _drop(self, request: _Request, key: ChatKey, rank: int) -> None:
        """A waiting request's caller went away: forget it (lazily, unless it is first in line)."""
        request.state = _DROPPED
        self._queued[rank] -= 1
        self._dropped += 1
        chat = self._chats.get(key)
        queue = chat.queues[rank] if chat is not None else None
        if chat is not None and queue and queue[0] is request and self._loop is not None:
            self._refile(chat, self._loop.time())
            self._pump()

    def _finish(self, key: ChatKey) -> None:
        """A granted request's call is over: free its chat for the next one."""
        self._in_flight -= 1
        chat = self._chats.get(key)
        if chat is not None and chat.inflight and self._loop is not None:
            chat.inflight = False
            self._refile(chat, self._loop.time())
            self._pump()

    def _on_flood(self, key: ChatKey, rank: int, endpoint: str, error: RetryAfter) -> None:
        """Telegram said 429: pause the chat, or everything when the flood is not the chat's."""
        assert self._loop is not None
        now = self._loop.time()
        seconds = retry_seconds(error) + self._margin
        until = now + seconds
        self._flood_errors[rank] += 1
        chat = self._chats.get(key) if key is not None else None
        bot_wide = chat is None
        if chat is not None:
            chat.paused_until = max(chat.paused_until, until)
            if self._escalation_chats is not None:
                recent = self._recent_floods
                recent.append((now, key))
                while recent and recent[0][0] < now - _ESCALATION_WINDOW:
                    recent.popleft()
                bot_wide = len({chat_key for _, chat_key in recent}) >= self._escalation_chats
        if bot_wide:
            self._global_pause_until = max(self._global_pause_until, until)
        log.warning(
            "Telegram flood control on %s (%s priority): pausing %s for %.1f s",
            endpoint,
            _ORDER[rank].value,
            "all sending" if bot_wide else "that chat",
            seconds,
        )

    # --------------------------------------------------------------------------- scheduling

    def _ready_at(self, chat: _Chat, rank: int) -> float:
        """When the chat may send a request of that priority (ignoring in-flight and overall)."""
        at = chat.paused_until
        if chat.limited:
            overdraft = self._urgent_overdraft if rank == _URGENT else 0
            slot = chat.tat - self._chat_tolerance - overdraft * self._chat_interval
            if slot > at:
                at = slot
            if chat.group and self._group_interval:
                slot = chat.group_tat - overdraft * self._group_interval
                if slot > at:
                    at = slot
        return at

    def _refile(self, chat: _Chat, now: float) -> None:
        """Re-enters the chat's first request of each priority into the ready or waiting heap.

        Bumping the epoch makes every earlier heap entry for this chat stale.
        """
        chat.epoch = next(self._epochs)
        if chat.inflight:
            return  # refiled when its call is over
        empty = True
        for rank in range(3):
            queue = chat.queues[rank]
            if queue is None:
                continue
            while queue and queue[0].state != _QUEUED:
                queue.popleft()
            if not queue:
                chat.queues[rank] = None
                continue
            empty = False
            at = self._ready_at(chat, rank)
            if at <= now + _EPS:
                heapq.heappush(self._ready[rank], (queue[0].seq, chat.key, chat.epoch))
            else:
                heapq.heappush(self._waiting, (at, rank, queue[0].seq, chat.key, chat.epoch))
        if empty:
            heapq.heappush(self._idle, (chat.idle_since(), next(self._epochs), chat.key))

    def _valid(self, key: ChatKey, epoch: int) -> _Chat | None:
        chat = self._chats.get(key)
        return chat if chat is not None and chat.epoch == epoch else None

    def _promote(self, now: float) -> None:
        """Moves chats whose slot has come from the waiting heap to the ready heaps."""
        waiting = self._waiting
        while waiting and waiting[0][0] <= now + _EPS:
            _, rank, seq, key, epoch = heapq.heappop(waiting)
            if self._valid(key, epoch) is not None:
                heapq.heappush(self._ready[rank], (seq, key, epoch))

    def _next_waiting(self) -> float | None:
        waiting = self._waiting
        while waiting:
            at, _, _, key, epoch = waiting[0]
            if self._valid(key, epoch) is not None:
                return at
            heapq.heappop(waiting)
        return None

    def _pick(self) -> tuple[int, _Chat] | None:
        """The highest-priority, oldest request that may go now: (rank, its chat)."""
        for rank, ready in enumerate(self._ready):
            while ready:
                _, key, epoch = ready[0]
                chat = self._valid(key, epoch)
                if chat is not None:
                    return rank, chat
                heapq.heappop(ready)
        return None

    def _grant(self, rank: int, chat: _Chat, now: float) -> None:
        heapq.heappop(self._ready[rank])
        queue = chat.queues[rank]
        assert queue
        request = queue.popleft()
        if request.future.done():  # its caller was cancelled a moment ago
            if request.state == _QUEUED:
                request.state = _DROPPED
                self._queued[rank] -= 1
                self._dropped += 1
            self._refile(chat, now)
            return
        request.state = _GRANTED
        self._queued[rank] -= 1
        self._in_flight += 1
        if self._overall_interval:
            self._otat = max(self._otat, now) + self._overall_interval
            self._overall_window.append(now)
        if chat.limited:
            chat.tat = max(chat.tat, now) + self._chat_interval
            if chat.group and self._group_interval:
                chat.group_tat = max(chat.group_tat, now) + self._group_interval
            chat.inflight = True
        request.future.set_result(None)
        self._refile(chat, now)

    def _evict(self, now: float) -> None:
        """Forgets chats that have nothing queued or in flight and whose limits have recovered."""
        idle = self._idle
        while idle and idle[0][0] <= now + _EPS:
            _, _, key = heapq.heappop(idle)
            chat = self._chats.get(key)
            if chat is None or chat.inflight or any(chat.queues):
                continue  # gone already, or busy again: it is re-entered when idle again
            since = chat.idle_since()
            if since <= now + _EPS:
                del self._chats[key]
            else:
                heapq.heappush(idle, (since, next(self._epochs), key))

    def _pump(self) -> None:
        """Grants every request that may go now, then arms the timer for the next moment."""
        if self._closed or self._loop is None:
            return
        now = self._loop.time()
        self._evict(now)
        wake: float | None = None
        while not self._held:
            if now + _EPS < self._global_pause_until:
                if any(self._queued):
                    wake = self._global_pause_until
                break
            self._promote(now)
            picked = self._pick()
            if picked is None:
                wake = self._next_waiting()
                break
            if self._overall_interval and (wait := self._overall_wait(now)) is not None:
                wake = wait
                break
            self._grant(*picked, now)
        if self._idle and (wake is None or self._idle[0][0] < wake):
            wake = max(self._idle[0][0], now)
        self._arm(wake)

    def _overall_wait(self, now: float) -> float | None:
        """When the overall limit lets the next grant go, or None if it may go now.

        Waiting for the one-second window is not running late, so it earns no catch-up: when the
        window reopens, grants go at the pace. Otherwise the catch-up let a burst through as it
        reopened, that burst filled the next second's window early, and sending came in bursts
        once a second for as long as the queue stayed full (with replies slowed in each burst).
        """
        window = self._overall_window
        while window and window[0] <= now - 1.0 + _EPS:
            window.popleft()
        if len(window) >= self._overall_cap:
            reopens = window[0] + 1.0
            self._otat = max(self._otat, reopens + self._overall_tolerance)
            return reopens
        at = self._otat - self._overall_tolerance
        return at if at > now + _EPS else None

    def _arm(self, when: float | None) -> None:
        if when is None:
            return  # an armed timer may fire for nothing; that is harmless
        if self._timer is not None and not self._timer.cancelled() and self._timer_when <= when:
            return  # fires earlier and re-arms
        if self._timer is not None:
            self._timer.cancel()
        assert self._loop is not None
        self._timer = self._loop.call_at(when, self._on_timer)
        self._timer_when = when

    def _on_timer(self) -> None:
        self._timer = None
        self._timer_when = math.inf
        self._pump()
