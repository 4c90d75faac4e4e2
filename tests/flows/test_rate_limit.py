"""PriorityRateLimiter: priorities, per-chat and overall limits, RetryAfter, eviction, PTB wiring.

The limiter is driven directly through process_request with fake callbacks that record the order
in which they actually run. Nothing asserts how long anything took: orderings and counts only.
Where a test needs requests to pile up deterministically it holds the limiter with pause().
"""

import asyncio
import datetime as dt
import logging
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from telegram.error import NetworkError, RetryAfter
from telegram.ext import ApplicationBuilder

from flows.rate_limit import LimiterClosed, Priority, PriorityRateLimiter, is_limited_method
from tests.botapi import BotApiDouble

Log = list[str]


def callback(log: Log, name: str, *, gate: asyncio.Event | None = None, floods: list[float] | None = None):
    """A fake Bot._do_post: records ``name`` when it runs; raises RetryAfter while ``floods`` last."""

    async def call(*args: Any, **kwargs: Any) -> dict[str, Any]:
        log.append(name)
        if gate is not None:
            await gate.wait()
            log.append(f"{name}:end")
        if floods:
            raise RetryAfter(dt.timedelta(seconds=floods.pop(0)))
        return {"message_id": len(log), "name": name}

    return call


def send(
    limiter: PriorityRateLimiter,
    call: Callable[..., Any],
    chat_id: int | str | None = None,
    priority: str | None = None,
    *,
    endpoint: str = "sendMessage",
    extra: dict[str, Any] | None = None,
) -> "asyncio.Task[Any]":
    """Starts one request through the limiter as PTB's ExtBot would."""
    data: dict[str, Any] = {"text": "my back burns", **(extra or {})}
    if chat_id is not None:
        data["chat_id"] = chat_id
    args = None if priority is None else {"priority": priority}
    return asyncio.create_task(limiter.process_request(call, (endpoint, data), {}, endpoint, data, args))


async def settle(condition: Callable[[], bool], *, turns: int = 200) -> None:
    """Lets the event loop run (without waiting on timers) until ``condition`` holds."""
    for _ in range(turns):
        if condition():
            return
        await asyncio.sleep(0)
    raise AssertionError("condition not reached")


async def turns(count: int = 20) -> None:
    for _ in range(count):
        await asyncio.sleep(0)


@pytest.fixture(autouse=True)
def timedelta_retry_after(monkeypatch: pytest.MonkeyPatch) -> None:
    """PTB warns whenever RetryAfter.retry_after is read as an int (RetryAfter() itself does)."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@pytest.fixture
async def make() -> AsyncIterator[Callable[..., PriorityRateLimiter]]:
    """Builds limiters and shuts them down after the test (failing what still waits)."""
    made: list[PriorityRateLimiter] = []

    def build(**options: Any) -> PriorityRateLimiter:
        limiter = PriorityRateLimiter(**options)
        made.append(limiter)
        return limiter

    yield build
    for limiter in made:
        await limiter.shutdown()


async def finish(*tasks: "asyncio.Task[Any]") -> list[Any]:
    return await asyncio.gather(*tasks, return_exceptions=True)


# ------------------------------------------------------------------------------- priorities


async def test_urgent_then_interactive_overtake_fifty_queued_bulk(make) -> None:
    limiter = make(overall_per_second=5)
    log: Log = []
    limiter.pause()
    bulk = [send(limiter, callback(log, f"bulk{i}"), 100 + i, "bulk") for i in range(50)]
    await settle(lambda: limiter.queue_depth("bulk") == 50)
    interactive = send(limiter, callback(log, "interactive"), 1)  # no rate_limit_args: interactive
    urgent = send(limiter, callback(log, "urgent"), 2, "urgent")
    await settle(lambda: limiter.queue_depth("interactive") == 1 and limiter.queue_depth("urgent") == 1)
    limiter.resume()

    await asyncio.gather(urgent, interactive)

    assert log[:2] == ["urgent", "interactive"]
    assert all(name.startswith("bulk") for name in log[2:])
    stats = limiter.stats()
    assert stats.sent["urgent"] == stats.sent["interactive"] == 1
    assert stats.queued["bulk"] + stats.sent["bulk"] + stats.in_flight == 50
    await limiter.shutdown()
    results = await finish(*bulk)
    assert sum(isinstance(result, LimiterClosed) for result in results) == stats.queued["bulk"]


async def test_urgent_overtakes_twenty_thousand_queued_bulk(make) -> None:
    limiter = make()
    log: Log = []
    limiter.pause()
    bulk = [send(limiter, callback(log, "bulk"), 100 + i % 5000, "bulk") for i in range(20_000)]
    await settle(lambda: limiter.queue_depth("bulk") == 20_000, turns=50)
    urgent = send(limiter, callback(log, "urgent"), 1, "urgent")
    await settle(lambda: limiter.queue_depth("urgent") == 1)
    limiter.resume()
    await urgent
    assert log[0] == "urgent"
    await limiter.shutdown()
    await finish(*bulk)
    assert limiter.stats().dropped + limiter.stats().sent["bulk"] + limiter.stats().failed["bulk"] == 20_000


async def test_bulk_runs_when_nothing_else_waits(make) -> None:
    limiter = make(overall_per_second=50)
    log: Log = []
    tasks = [send(limiter, callback(log, f"bulk{i}"), 100 + i, "bulk") for i in range(5)]
    await asyncio.gather(*tasks)
    assert sorted(log) == [f"bulk{i}" for i in range(5)]
    assert limiter.stats().sent == {"urgent": 0, "interactive": 0, "bulk": 5}


async def test_within_a_priority_oldest_first_across_chats(make) -> None:
    limiter = make(overall_per_second=200)
    log: Log = []
    limiter.pause()
    tasks = [send(limiter, callback(log, f"m{i}"), 1000 + i) for i in range(10)]
    await settle(lambda: limiter.queue_depth("interactive") == 10)
    limiter.resume()
    await asyncio.gather(*tasks)
    assert log == [f"m{i}" for i in range(10)]


async def test_each_chat_keeps_fifo_order_within_a_priority(make) -> None:
    limiter = make(overall_per_second=500, per_chat_per_second=100)
    log: Log = []
    limiter.pause()
    tasks = []
    for i in range(5):
        tasks.append(send(limiter, callback(log, f"a{i}"), 1))
        tasks.append(send(limiter, callback(log, f"b{i}"), 2))
        tasks.append(send(limiter, callback(log, f"x{i}"), 1, "bulk"))
    await settle(lambda: limiter.queue_depth("interactive") == 10)
    limiter.resume()
    await asyncio.gather(*tasks)
    assert [n for n in log if n[0] == "a"] == [f"a{i}" for i in range(5)]
    assert [n for n in log if n[0] == "b"] == [f"b{i}" for i in range(5)]
    assert [n for n in log if n[0] == "x"] == [f"x{i}" for i in range(5)]
    chat_one = [n for n in log if n[0] in "ax"]
    assert chat_one == [f"a{i}" for i in range(5)] + [f"x{i}" for i in range(5)]  # bulk last


# ----------------------------------------------------------------------------- overall limit


async def queued_while_held(limiter: PriorityRateLimiter, log: Log, count: int) -> "list[asyncio.Task[Any]]":
    """`count` requests to as many chats, queued while the limiter is held, then released."""
    limiter.pause()
    tasks = [send(limiter, callback(log, f"m{i}"), 100 + i) for i in range(count)]
    await settle(lambda: limiter.queue_depth("interactive") == count)
    limiter.resume()
    return tasks


async def test_grants_running_late_are_made_up_for_at_once(make) -> None:
    """A queue that could not go for a while (here: held) gets a quarter second's worth at once."""
    limiter = make(overall_per_second=20, per_chat_per_second=None)
    log: Log = []
    tasks = await queued_while_held(limiter, log, 12)
    await turns(50)  # no timer can fire: only what may go at this very moment has run
    assert log == [f"m{i}" for i in range(6)]  # 0.25 s of 20/s, and the one due now
    await limiter.shutdown()
    await finish(*tasks)


async def test_catching_up_never_exceeds_the_limit_in_one_second(make) -> None:
    limiter = make(overall_per_second=10, per_chat_per_second=None, overall_catch_up=5.0)
    log: Log = []
    tasks = await queued_while_held(limiter, log, 30)
    await turns(50)
    assert log == [f"m{i}" for i in range(10)]  # 5 s of catching up allowed, but 10 a second at most
    await limiter.shutdown()
    await finish(*tasks)


async def test_when_the_one_second_window_reopens_requests_go_at_the_pace_not_in_a_burst(make) -> None:
    """A burst that fills the window must not come back a second later, when its grants leave the
    window: a backlog would then go out in bursts once a second, and replies slow in each one."""
    limiter = make(overall_per_second=50, per_chat_per_second=None, overall_catch_up=5.0)
    log: Log = []
    tasks = await queued_while_held(limiter, log, 120)
    await turns(50)
    assert len(log) == 50  # the catch-up, up to the window
    while len(log) == 50:
        await asyncio.sleep(0.01)  # about a second: the window reopens
    await turns(50)  # no timer can fire: only what may go at this very moment has run
    assert len(log) < 60  # a request or a few at 50 a second, not the window's 50 again
    await limiter.shutdown()
    await finish(*tasks)


# ------------------------------------------------------------------------------ chat limits


async def test_two_messages_to_one_chat_run_one_after_the_other(make) -> None:
    limiter = make(overall_per_second=None, per_chat_per_second=1)
    log: Log = []
    gate = asyncio.Event()
    first = send(limiter, callback(log, "first", gate=gate), 7)
    second = send(limiter, callback(log, "second"), 7)
    other = send(limiter, callback(log, "other chat"), 8)
    await settle(lambda: "other chat" in log and "first" in log)
    assert "second" not in log  # the chat has a request in flight
    gate.set()
    await first
    await turns()
    assert "second" not in log and limiter.queue_depth("interactive") == 1  # the chat's slot is used
    await asyncio.gather(second, other)
    assert log.index("first") < log.index("first:end") < log.index("second")


async def test_urgent_may_exceed_the_chat_limit_once(make) -> None:
    limiter = make(overall_per_second=None, per_chat_per_second=1)
    log: Log = []
    await send(limiter, callback(log, "urgent1"), 7, "urgent")
    second = send(limiter, callback(log, "urgent2"), 7, "urgent")
    await settle(lambda: "urgent2" in log)  # at once, no timer needed: not a second later
    await second
    third = send(limiter, callback(log, "urgent3"), 7, "urgent")
    interactive = send(limiter, callback(log, "reply"), 7)
    await turns()
    assert log == ["urgent1", "urgent2"]  # the overdraft is used up
    assert limiter.queue_depth("urgent") == 1 and limiter.queue_depth("interactive") == 1
    await limiter.shutdown()
    assert all(isinstance(r, LimiterClosed) for r in await finish(third, interactive))


async def test_a_per_chat_burst_lets_a_few_messages_go_back_to_back(make) -> None:
    limiter = make(overall_per_second=None, per_chat_per_second=1, per_chat_burst=3)
    log: Log = []
    tasks = [send(limiter, callback(log, f"m{i}"), 7) for i in range(4)]
    await settle(lambda: len(log) == 3)  # no timer needed for the first three
    await turns()
    assert log == ["m0", "m1", "m2"] and limiter.queue_depth("interactive") == 1
    await limiter.shutdown()
    await finish(*tasks)


async def test_groups_share_the_chat_limit_for_string_and_int_ids(make) -> None:
    limiter = make(overall_per_second=100, per_chat_per_second=1)
    log: Log = []
    await send(limiter, callback(log, "int"), -100123)
    same = send(limiter, callback(log, "str"), "-100123")
    await turns()
    assert log == ["int"] and limiter.queue_depth("interactive") == 1
    await limiter.shutdown()
    await finish(same)


# ------------------------------------------------------------------------------- RetryAfter


async def test_retry_after_for_interactive_is_retried_and_succeeds(make) -> None:
    limiter = make(overall_per_second=100, per_chat_per_second=100, retry_after_margin=0)
    log: Log = []
    result = await send(limiter, callback(log, "reply", floods=[0.05]), 7)
    assert result["name"] == "reply"
    assert log == ["reply", "reply"]
    stats = limiter.stats()
    assert stats.retries == 1 and stats.flood_errors["interactive"] == 1 and stats.sent["interactive"] == 1


async def test_retry_after_for_bulk_is_reraised_without_retry(make) -> None:
    limiter = make(overall_per_second=100, retry_after_margin=0)
    log: Log = []
    with pytest.raises(RetryAfter):
        await send(limiter, callback(log, "reminder", floods=[0.05]), 7, "bulk")
    assert log == ["reminder"]
    stats = limiter.stats()
    assert stats.retries == 0 and stats.flood_errors["bulk"] == 1 and stats.sent["bulk"] == 0


async def test_retry_after_gives_up_after_max_retries(make) -> None:
    limiter = make(overall_per_second=100, per_chat_per_second=100, retry_after_margin=0, max_retries=2)
    log: Log = []
    with pytest.raises(RetryAfter):
        await send(limiter, callback(log, "reply", floods=[0.01, 0.01, 0.01, 0.01]), 7, "urgent")
    assert log == ["reply"] * 3
    assert limiter.stats().retries == 2


async def test_a_request_waiting_for_its_retry_fails_at_shutdown(make) -> None:
    limiter = make(overall_per_second=100)
    log: Log = []
    waiting = send(limiter, callback(log, "reply", floods=[30]), 7)
    await settle(lambda: limiter.stats().flood_errors["interactive"] == 1)
    await turns()
    assert limiter.queue_depth("interactive") == 1 and limiter.stats().retries == 1
    await limiter.shutdown()
    with pytest.raises(LimiterClosed):
        await waiting
    assert log == ["reply"]


async def test_retry_after_pauses_only_that_chat(make) -> None:
    limiter = make(overall_per_second=100, per_chat_per_second=100)
    log: Log = []
    with pytest.raises(RetryAfter):
        await send(limiter, callback(log, "reminder", floods=[30]), 7, "bulk")
    same_chat = send(limiter, callback(log, "reply to 7"), 7, "urgent")
    other_chat = await send(limiter, callback(log, "reply to 8"), 8)
    assert other_chat["name"] == "reply to 8"
    await turns()
    assert log == ["reminder", "reply to 8"]
    stats = limiter.stats()
    assert stats.queued["urgent"] == 1 and stats.global_pause_remaining == 0
    await limiter.shutdown()
    assert isinstance((await finish(same_chat))[0], LimiterClosed)


async def test_floods_in_several_chats_pause_everything(make) -> None:
    limiter = make(overall_per_second=100, per_chat_per_second=100, flood_escalation_chats=2)
    log: Log = []
    for chat in (1, 2):
        with pytest.raises(RetryAfter):
            await send(limiter, callback(log, f"reminder{chat}", floods=[30]), chat, "bulk")
    assert limiter.stats().global_pause_remaining > 0
    waiting = send(limiter, callback(log, "reply"), 3)
    await turns()
    assert "reply" not in log and limiter.queue_depth("interactive") == 1
    await limiter.shutdown()
    await finish(waiting)


async def test_a_flood_without_a_chat_pauses_everything(make) -> None:
    limiter = make(overall_per_second=100)
    log: Log = []
    inline = {"inline_message_id": "abc"}
    with pytest.raises(RetryAfter):
        await send(limiter, callback(log, "edit", floods=[30]), None, "bulk", endpoint="editMessageText", extra=inline)
    waiting = send(limiter, callback(log, "reply"), 3, "urgent")
    await turns()
    assert log == ["edit"] and limiter.queue_depth("urgent") == 1
    await limiter.shutdown()
    await finish(waiting)


# ------------------------------------------------------------------------------ which methods


def test_only_message_methods_are_limited() -> None:
    limited = ["sendMessage", "sendPhoto", "sendMediaGroup", "copyMessage", "forwardMessage"]
    limited += ["editMessageText", "editMessageReplyMarkup", "stopPoll"]
    unlimited = ["getUpdates", "answerCallbackQuery", "answerInlineQuery", "getMe", "setMyCommands"]
    unlimited += ["sendChatAction", "deleteMessage", "getFile", "getChat"]
    assert all(is_limited_method(name) for name in limited)
    assert not any(is_limited_method(name) for name in unlimited)


async def test_callback_answers_and_get_me_pass_a_held_limiter(make) -> None:
    limiter = make()
    log: Log = []
    limiter.pause()
    await send(limiter, callback(log, "answer"), endpoint="answerCallbackQuery", extra={"callback_query_id": "1"})
    await send(limiter, callback(log, "me"), endpoint="getMe")
    edit = send(limiter, callback(log, "edit"), 7, endpoint="editMessageText", extra={"message_id": 1})
    inline = send(limiter, callback(log, "inline"), endpoint="editMessageText", extra={"inline_message_id": "x"})
    reminder = send(limiter, callback(log, "reminder"), 7, "bulk")
    await settle(lambda: limiter.queue_depth("interactive") == 2 and limiter.queue_depth("bulk") == 1)
    assert log == ["answer", "me"] and limiter.stats().passed_through == 2
    limiter.resume()
    await asyncio.gather(edit, inline)
    assert log[2:4] in (["edit", "inline"], ["inline", "edit"])
    await limiter.shutdown()
    await finish(reminder)


# ------------------------------------------------------------------------- off, cancel, close


async def test_disabled_limiter_calls_straight_through(make) -> None:
    limiter = make(enabled=False, overall_per_second=1, per_chat_per_second=1)
    log: Log = []
    gate = asyncio.Event()
    tasks = [send(limiter, callback(log, f"m{i}", gate=gate), 7) for i in range(20)]
    await settle(lambda: len(log) == 20)  # all 20 to one chat run at once
    gate.set()
    await asyncio.gather(*tasks)
    with pytest.raises(RetryAfter):
        await send(limiter, callback(log, "flooded", floods=[0.01]), 7, "urgent")
    assert log.count("flooded") == 1  # not retried
    stats = limiter.stats()
    assert stats.sent == {"urgent": 0, "interactive": 0, "bulk": 0} and stats.tracked_chats == 0


async def test_cancelled_waiters_are_dropped(make) -> None:
    limiter = make(overall_per_second=100, per_chat_per_second=100)
    log: Log = []
    limiter.pause()
    tasks = [send(limiter, callback(log, f"m{i}"), 7, "bulk") for i in range(4)]
    await settle(lambda: limiter.queue_depth("bulk") == 4)
    tasks[0].cancel()
    tasks[2].cancel()
    await turns()
    assert limiter.queue_depth("bulk") == 2
    limiter.resume()
    await asyncio.gather(tasks[1], tasks[3])
    assert log == ["m1", "m3"]
    assert limiter.stats().dropped == 2 and limiter.stats().queued["bulk"] == 0


async def test_shutdown_fails_waiting_requests_as_network_errors(make) -> None:
    limiter = make()
    limiter.pause()
    waiting = send(limiter, callback([], "never"), 7)
    await settle(lambda: limiter.queue_depth("interactive") == 1)
    await limiter.shutdown()
    with pytest.raises(NetworkError):  # LimiterClosed: callers treat it as "not sent, try later"
        await waiting
    with pytest.raises(LimiterClosed):
        await send(limiter, callback([], "late"), 7)
    await limiter.initialize()
    limiter.resume()
    assert (await send(limiter, callback([], "again"), 7))["name"] == "again"


async def test_rate_limit_args_are_checked(make) -> None:
    limiter = make()
    with pytest.raises(ValueError, match="unknown priority"):
        await send(limiter, callback([], "x"), 7, "whenever")
    assert await limiter.process_request(callback([], "x"), (), {}, "sendMessage", {"chat_id": 7}, "bulk")
    assert await limiter.process_request(
        callback([], "y"), (), {}, "sendMessage", {"chat_id": 8}, {"priority": Priority.URGENT}
    )
    assert limiter.stats().sent == {"urgent": 1, "interactive": 0, "bulk": 1}


# --------------------------------------------------------------------------------- eviction


async def test_idle_chat_state_is_evicted(make) -> None:
    limiter = make(overall_per_second=None, per_chat_per_second=2)
    log: Log = []
    await asyncio.gather(*(send(limiter, callback(log, f"m{chat}"), chat) for chat in range(10)))
    with pytest.raises(RetryAfter):
        await send(limiter, callback(log, "flooded", floods=[30]), 99, "bulk")
    assert limiter.stats().tracked_chats == 11
    await asyncio.sleep(0.8)  # longer than a chat's 0.5 s slot: the eviction timer ran before this
    assert limiter.stats().tracked_chats == 1  # only the chat paused for 30 s is kept


# ----------------------------------------------------------------------------------- logging


async def test_logs_name_the_method_but_no_chat_or_content(make, caplog: pytest.LogCaptureFixture) -> None:
    limiter = make(retry_after_margin=0)
    caplog.set_level(logging.DEBUG, logger="flows.rate_limit")
    with pytest.raises(RetryAfter):
        await send(limiter, callback([], "x", floods=[0.01]), 424242, "bulk")
    assert "sendMessage" in caplog.text and "bulk" in caplog.text
    assert "424242" not in caplog.text and "burns" not in caplog.text


# ------------------------------------------------------------------------ through real PTB


class SpyLimiter(PriorityRateLimiter):
    """Records what PTB hands to the limiter."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.seen: list[tuple[str, Any]] = []

    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args):  # type: ignore[no-untyped-def]
        self.seen.append((endpoint, rate_limit_args))
        return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)


async def test_rate_limit_args_reach_the_limiter_through_ptb(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    limiter = SpyLimiter(per_chat_per_second=100)
    async with BotApiDouble(token="123:abc") as api:
        api.add_user(1001)
        app = (
            ApplicationBuilder()
            .token("123:abc")
            .base_url(api.base_url)
            .base_file_url(api.base_file_url)
            .rate_limiter(limiter)
            .build()
        )
        async with app:  # initialize() calls getMe through the limiter, unlimited
            message = await app.bot.send_message(1001, "reminder", rate_limit_args={"priority": "bulk"})
            assert message.text == "reminder"
            await app.bot.send_message(1001, "reply")
            await app.bot.send_message(1001, "see a doctor", rate_limit_args="urgent")

            api.fail_next("sendMessage", status=429, description="Too Many Requests: retry after 1", retry_after=1)
            with pytest.raises(RetryAfter):
                await app.bot.send_message(1001, "later", rate_limit_args={"priority": "bulk"})
            assert [call.status for call in api.calls_to("sendMessage")] == [200, 200, 200, 429]

            assert ("getMe", None) in limiter.seen
            assert [args for endpoint, args in limiter.seen if endpoint == "sendMessage"] == [
                {"priority": "bulk"},
                None,
                "urgent",
                {"priority": "bulk"},
            ]
            stats = limiter.stats()
            assert stats.sent == {"urgent": 1, "interactive": 1, "bulk": 1}
            assert stats.flood_errors["bulk"] == 1 and stats.retries == 0 and stats.passed_through >= 1
