"""The reminder scheduler: plan rows ahead, send the due ones, and the buttons on them.

The database is the schedule (DESIGN.md). Each tick:
  plan   writes every active person's next 36 hours of reminders as rows, one per
         (person, kind, local slot), so planning again changes nothing;
  claim  takes due rows with a lease (SKIP LOCKED on PostgreSQL, so instances share the work)
         and prepares them: a check-in opens, reminders due together become one message,
         stale, paused, held or blocked ones are dropped with the reason (a batch at a time,
         in a few statements, while the previous batch is being sent);
  send   goes through the rate limiter at bulk priority, so replies and escalations pass
         first; then each row is marked sent, put back for a retry, or dropped as blocked.
A sender that dies mid-batch leaves rows "sending": its lease runs out and they are claimed
again, so nothing is lost and at most the in-flight messages repeat.
"""

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import groupby
from zoneinfo import ZoneInfo

from sqlalchemy.exc import DBAPIError
from telegram import Update
from telegram.error import Forbidden, NetworkError, RetryAfter

from coach import checkin as questions
from coach import protocol, wording
from coach.clock_times import WakingHours, parse_time
from coach.protocol import Phase
from coach.reminders import (
    HORIZON,
    NUDGE_AFTER,
    PLANNED_KINDS,
    REPLAN_WITHIN,
    SNOOZE,
    STILL_USEFUL,
    Kind,
    ReminderSettings,
    is_awake,
    is_stale,
    plan,
)
from flows import care_hold, caregivers, checkin, profile, screening
from flows.asking import answer_quietly, close, send_text
from flows.callbacks import Callback, decode
from flows.context import CoachContext
from flows.keyboards import markup
from flows.loop_lag import LoopLag
from flows.rate_limit import BULK, retry_seconds
from storage.models import CheckIn, Episode, Person, Reminder
from storage.repositories import UnitOfWork

log = logging.getLogger(__name__)

FLOW = "rem"
BATCH = 500  # reminders claimed per round, at most
BATCH_SECONDS = 0.5  # a round claims about this long's worth at the sending pace (`_Dispatch.pace`)
LOW_WATER_SECONDS = 0.25  # and the next round is claimed when this long's worth is left to send
# Messages in flight at once: enough to keep up with the rate limit over a round trip of about a
# tenth of a second, and no more. More only wait in the limiter and the HTTP pool, where they cost
# CPU, and requests that wait over a second for a connection fail (PTB's pool timeout).
SENDERS_MIN, SENDERS_MAX, ROUND_TRIP = 8, 100, 0.1
LEASE = timedelta(minutes=5)  # a claimed batch must be sent within this, or it is claimed again
RETRY_FIRST, RETRY_MOST = timedelta(seconds=30), timedelta(minutes=10)  # backoff after network faults
RECORD_EVERY, RECORD_SECONDS = 100, 0.5  # sent messages are recorded in groups this big, or this often
RECORD_RETRIES = (0.5, 1, 2, 4, 8)  # seconds between tries to record what went out, while the database is away
CARRY_OVER = max(STILL_USEFUL[kind] for kind in PLANNED_KINDS)  # after downtime, slots this far back are still planned
ALREADY_DONE_WITHIN = timedelta(hours=12)  # a check-in done this long before the daily one stands in for it
DONE, SNOOZED, SKIP_TODAY = "done", "snooze", "skip"


def reminder_settings(person: Person) -> ReminderSettings:
    """The person's reminder preferences as the planner reads them."""
    return ReminderSettings(
        zone=person.timezone,
        checkin_time=person.checkin_time,
        waking=WakingHours(person.wake_start, person.wake_end),
        enabled=frozenset(kind for kind in PLANNED_KINDS if kind not in person.reminders_off),
        stretch_times=tuple(parse_time(at) for at in person.stretch_times.split(",") if at),
    )


def _phase_at(episode: Episode | None, heat_worse: int) -> Callable[[datetime], Phase]:
    if episode is None:
        return lambda _moment: Phase.COLD
    facts = profile.episode_facts(episode)
    return lambda moment: protocol.current_phase(facts, heat_worse, moment)


async def plan_ahead(context: CoachContext, batch: int = 500) -> None:
    """Write the next reminders of everyone whose written-ahead schedule runs out soon."""
    now = context.now()
    while True:
        async with context.db.unit() as uow:
            people = await uow.people.to_plan(now + REPLAN_WITHIN, batch)
            episodes = await uow.episodes.current_for(person.id for person in people)
            worse = await uow.checkins.heat_worse_counts(episode.id for episode in episodes.values())
            planned = []
            for person in people:
                episode = episodes.get(person.id)
                start = max(person.planned_until or person.onboarded_at, now - CARRY_OVER)
                phase_at = _phase_at(episode, worse.get(episode.id, 0) if episode else 0)
                slots = plan(reminder_settings(person), phase_at, start, now + HORIZON)
                planned += ((person.id, slot.kind, slot.local_key, slot.due_at) for slot in slots)
                person.planned_until = now + HORIZON
            await uow.reminders.plan_many(planned)
            links = await caregivers.plan_summaries(uow, now, batch)
        if len(people) < batch and links < batch:
            return


@dataclass
class Outgoing:
    """One message to one person, and the reminder rows it delivers."""

    person: Person
    rows: list[Reminder]
    send: Callable[[], Awaitable[int]]  # sends it; the message id
    opened: CheckIn | None = None  # the check-in this message opened
    to_caregiver: bool = False  # sent to someone the person shares with, not to the person


@dataclass(frozen=True)
class RetryLater:
    """Telegram or the network could not take the message now."""

    delay: timedelta


async def dispatch(context: CoachContext, budget_seconds: float | None = None) -> int:
    """Send what is due, for at most about `budget_seconds`; returns messages sent.

    Three parts run at once: a claimer takes due rows in batches and turns them into messages, a
    few senders take the messages from the queue it fills (the rate limiter paces them), and this
    coroutine records results in small groups as they come in: if the process dies, only what went
    out since the last record repeats. The claimer keeps about half a second's worth of messages
    queued, so the senders never wait for the database and leases stay short; towards the end of
    the budget it claims only what can still go out by then, so a tick ends before the next is due.
    While the event loop runs far behind, the senders wait (`flows.loop_lag`): replies and
    seek-care advice get the CPU first, as they get Telegram's capacity first.
    """
    budget = budget_seconds if budget_seconds is not None else context.services.settings.tick_seconds
    return await _Dispatch(context, time.monotonic() + budget).run()


class _Dispatch:
    def __init__(self, context: CoachContext, deadline: float):
        self.context, self.deadline = context, deadline
        self.outbox: asyncio.Queue[Outgoing | None] = asyncio.Queue()
        self.results: asyncio.Queue[tuple[Outgoing, object] | None] = asyncio.Queue()
        self.low = asyncio.Event()  # the queue is down to its low-water mark: time to claim more
        self.first_taken: float | None = None
        self.taken = 0
        self.lag = LoopLag()

    def pace(self) -> float:
        """Messages a second the senders take them at, once that is known; until then Telegram's
        pace for the bot, which reminders never exceed."""
        elapsed = time.monotonic() - self.first_taken if self.first_taken is not None else 0.0
        if self.taken >= 10 and elapsed > 0.05:
            return self.taken / elapsed
        return self.context.services.settings.messages_per_second

    def low_water(self) -> int:
        return int(self.pace() * LOW_WATER_SECONDS)

    async def run(self) -> int:
        count = max(SENDERS_MIN, min(SENDERS_MAX, int(self.context.services.settings.messages_per_second * ROUND_TRIP)))
        senders = [asyncio.ensure_future(self.send()) for _ in range(count)]
        feeder = asyncio.ensure_future(self.feed(senders))
        finished, sent, recorded_at = [], 0, time.monotonic()
        try:
            async with self.lag.watching():
                while (result := await self.results.get()) is not None:
                    finished.append(result)
                    if len(finished) >= RECORD_EVERY or time.monotonic() - recorded_at >= RECORD_SECONDS:
                        sent += await _record(self.context, finished)
                        finished, recorded_at = [], time.monotonic()
            if self.lag.over_for >= 1:
                log.info("reminders held back seconds=%.1f: the event loop was behind", self.lag.over_for)
            if finished:
                sent += await _record(self.context, finished)
            await feeder  # a claim that failed fails the dispatch, once what went out before it is recorded
            return sent
        finally:
            feeder.cancel()
            for task in senders:
                task.cancel()

    async def feed(self, senders: list[asyncio.Future]) -> None:
        try:
            await self.claim()
        finally:
            for _ in senders:
                self.outbox.put_nowait(None)
            await asyncio.gather(*senders, return_exceptions=True)
            self.results.put_nowait(None)

    async def claim(self) -> None:
        # Half a second's worth a round, from the first: a tick that began with a full batch (500
        # check-ins prepared in one unit of work) held the event loop for a tenth of a second or more.
        size = self.round_size()
        while True:
            claimed, outgoing = await _claim(self.context, size)
            for item in outgoing:
                self.outbox.put_nowait(item)
            if len(claimed) < size:
                return  # nothing more is due
            while self.outbox.qsize() > self.low_water():
                self.low.clear()
                await self.low.wait()
            left = self.pace() * (self.deadline - time.monotonic()) - self.outbox.qsize()
            size = min(self.round_size(), int(left))  # no more than can go out within the budget
            if size <= 0 or time.monotonic() >= self.deadline:
                return

    def round_size(self) -> int:
        return min(BATCH, max(10, int(self.pace() * BATCH_SECONDS)))

    async def send(self) -> None:
        while (item := await self.outbox.get()) is not None:
            if self.first_taken is None:
                self.first_taken = time.monotonic()
            self.taken += 1
            if self.outbox.qsize() <= self.low_water():
                self.low.set()
            await self.lag.calm()
            self.results.put_nowait(await _deliver(item))


async def _claim(context: CoachContext, size: int) -> tuple[list[Reminder], list[Outgoing]]:
    """Claim up to `size` due rows and turn them into messages, in one short transaction."""
    now = context.now()
    async with context.db.unit() as uow:
        claimed = list(await uow.reminders.claim(now, now + LEASE, size))
        return claimed, await _prepare(context, uow, claimed, now)


async def _prepare(
    context: CoachContext, uow: UnitOfWork, claimed: Iterable[Reminder], now: datetime
) -> list[Outgoing]:
    """Turn claimed rows into messages; drop (with the reason) the ones that must not be sent."""
    claimed = list(claimed)
    people = await uow.people.by_ids(row.person_id for row in claimed)
    episodes = await uow.episodes.current_for(people.keys())
    worse = await uow.checkins.heat_worse_counts(episode.id for episode in episodes.values())
    reasons = {row.id: _why_not(people[row.person_id], row, now) for row in claimed if row.person_id in people}
    checkins = await _CheckIns.read(
        uow, [row for row in claimed if row.kind in _CHECKIN_KINDS and reasons.get(row.id) is None], episodes, worse
    )
    outgoing, dropped = [], {}
    for person_id, rows in groupby(claimed, key=lambda row: row.person_id):
        person = people.get(person_id)
        if person is None:
            continue  # erased meanwhile; the cascade took the rows
        together = []
        for row in rows:
            reason = reasons[row.id]
            if reason is None and row.kind in _CHECKIN_KINDS:
                item = _CHECKIN_KINDS[row.kind](context, checkins, person, row, now)
                reason = item if isinstance(item, str) else None
                if reason is None:
                    outgoing.append(item)
            elif reason is None and row.kind in _ALONE:
                item = await _ALONE[row.kind](context, uow, person, row, now)
                reason = item if isinstance(item, str) else None
                if reason is None:
                    outgoing.append(item)
            elif reason is None:
                together.append(row)
            if reason is not None:
                dropped.setdefault(reason, []).append(row.id)
        if together:
            episode = episodes.get(person_id)
            day_plan = (
                protocol.plan_for(profile.episode_facts(episode), worse.get(episode.id, 0), now) if episode else None
            )
            outgoing.append(_together(context, person, together, day_plan))
    await checkins.write(uow, now)
    for reason, ids in dropped.items():
        log.info("reminders dropped reason=%s count=%s", reason, len(ids))
        await uow.reminders.set(ids, status="dropped", reason=reason)
    return outgoing


def _why_not(person: Person, row: Reminder, now: datetime) -> str | None:
    """Why a due reminder must not be sent now, or None if it may."""
    kind = Kind(row.kind)
    if kind in CARE_KINDS:  # for a caregiver: the person's pause or block does not stop it
        return "stale" if is_stale(kind, row.due_at, now) else None
    if person.blocked_at is not None:
        return "blocked"
    if person.paused_at is not None or person.onboarded_at is None:
        return "paused"
    if is_stale(kind, row.due_at, now):
        return "stale"
    if kind is not Kind.CHECKIN and person.care_hold_since is not None:
        return "hold"
    if kind in PLANNED_KINDS and kind in person.reminders_off:
        return "off"
    if kind is not Kind.CHECKIN and not is_awake(reminder_settings(person), now):
        return "asleep"
    return None


@dataclass
class _CheckIns:
    """The check-ins and nudges of one claimed batch: what they need is read in two queries and
    what they change is written in a few statements, instead of several queries per person."""

    episodes: dict[int, Episode]
    worse: dict[int, int]
    unfinished: dict[int, list[CheckIn]]  # each person's open check-ins, oldest first
    last_done: dict[int, datetime]  # when each person last finished a check-in
    begun: list[CheckIn] = field(default_factory=list)
    nudges: list[tuple[int, str, str, datetime]] = field(default_factory=list)
    missed: dict[int, Person] = field(default_factory=dict)

    @classmethod
    async def read(
        cls, uow: UnitOfWork, rows: list[Reminder], episodes: dict[int, Episode], worse: dict[int, int]
    ) -> "_CheckIns":
        asking = {row.person_id for row in rows if row.kind == Kind.CHECKIN}
        unfinished = await uow.checkins.open_of({row.person_id for row in rows}) if rows else {}
        last_done = await uow.checkins.last_completed(asking) if asking else {}
        return cls(episodes, worse, unfinished, last_done)

    def open_for(self, person_id: int) -> CheckIn | None:
        unfinished = self.unfinished.get(person_id)
        return unfinished[-1] if unfinished else None

    def mark_missed(self, person: Person, started_before: datetime) -> None:
        unfinished = self.unfinished.get(person.id, [])
        missed = [opened for opened in unfinished if opened.started_at < started_before]
        if missed:
            for opened in missed:
                opened.status = "missed"
            self.unfinished[person.id] = [opened for opened in unfinished if opened.status == "open"]
            self.missed[person.id] = person
            log.info("checkin missed person=%s count=%s", person.id, len(missed))

    def begin(self, person: Person, now: datetime) -> CheckIn:
        """As `checkin.begin`: a new check-in with today's phase; stored (and made the person's
        conversation) by `write`."""
        episode = self.episodes[person.id]
        phase = protocol.plan_for(profile.episode_facts(episode), self.worse.get(episode.id, 0), now).phase
        opened = CheckIn(
            person_id=person.id,
            episode_id=episode.id,
            phase=phase,
            step=questions.PAIN.key,
            started_at=now,
            red_flags=[],
        )
        self.begun.append(opened)
        self.unfinished.setdefault(person.id, []).append(opened)
        return opened

    async def write(self, uow: UnitOfWork, now: datetime) -> None:
        if self.begun:
            await uow.checkins.add_many(self.begun)  # one statement for them all; gives them their ids
            await uow.conversations.set_many(
                (opened.person_id, checkin.FLOW, opened.step, now, opened.id) for opened in self.begun
            )
        await uow.reminders.plan_many(self.nudges)
        for person in self.missed.values():
            await caregivers.note_missed(uow, person, now)


def _checkin(
    context: CoachContext, checkins: _CheckIns, person: Person, row: Reminder, now: datetime
) -> Outgoing | str:
    """The daily check-in opens (older unanswered ones count as missed), and a nudge is planned;
    under a care hold the next day's "how are you?" goes instead."""
    if person.care_hold_since is not None:
        if now - person.care_hold_since < care_hold.ASK_AFTER:
            return "hold"
        return Outgoing(person, [row], lambda: care_hold.ask_how_they_are(context, person))
    done = checkins.last_done.get(person.id)
    if done is not None and done >= row.due_at - ALREADY_DONE_WITHIN:
        return "answered"  # they checked in by themselves earlier today
    checkins.mark_missed(person, started_before=row.due_at)
    opened = checkins.open_for(person.id) or checkins.begin(person, now)
    checkins.nudges.append((person.id, Kind.NUDGE, row.local_key, now + NUDGE_AFTER))
    send = lambda: checkin.ask_current(context, person, opened, intro=wording.CHECKIN_INTRO, rate_limit_args=BULK)  # noqa: E731
    return Outgoing(person, [row], send, opened=opened)


def _nudge(context: CoachContext, checkins: _CheckIns, person: Person, row: Reminder, now: datetime) -> Outgoing | str:
    """One gentle nudge for a check-in still unanswered two hours on."""
    opened = checkins.open_for(person.id)
    if opened is None or opened.started_at > row.due_at - NUDGE_AFTER:
        return "answered"
    send = lambda: checkin.ask_current(context, person, opened, intro=wording.CHECKIN_NUDGE, rate_limit_args=BULK)  # noqa: E731
    return Outgoing(person, [row], send)


_CHECKIN_KINDS = {Kind.CHECKIN: _checkin, Kind.NUDGE: _nudge}  # prepared together for the whole batch


async def _for_caregiver(
    context: CoachContext, uow: UnitOfWork, person: Person, row: Reminder, now: datetime
) -> Outgoing | str:
    """A caregiver's summary or missed check-in alert."""
    reason, send = await caregivers.summary(context, uow, person, row, now)
    return reason or Outgoing(person, [row], send, to_caregiver=True)


async def _screen_again(
    context: CoachContext, uow: UnitOfWork, person: Person, row: Reminder, now: datetime
) -> Outgoing | str:
    """Two weeks after the first questionnaire, the offer to do it again."""
    if len(await uow.screenings.completed(person.id)) > 1:
        return "answered"
    return Outgoing(person, [row], lambda: screening.offer(context, person, wording.START_BACK_AGAIN, bulk=True))


CARE_KINDS = (Kind.CARE_DAILY, Kind.CARE_WEEKLY, Kind.CARE_MISSED)
_ALONE = {Kind.SCREENING: _screen_again} | dict.fromkeys(CARE_KINDS, _for_caregiver)  # each a message of its own


def _together(
    context: CoachContext, person: Person, rows: list[Reminder], day_plan: protocol.DayPlan | None
) -> Outgoing:
    """Sessions, stretches and water due at once: one message, with Done and Snooze (and Skip today)."""
    group = rows[0].id
    for row in rows:
        row.group_id = group
    kinds = [Kind(row.kind) for row in rows]
    choices = [(DONE, wording.REMINDER_DONE), (SNOOZED, wording.REMINDER_SNOOZE)]
    if Kind.THERAPY in kinds:
        choices.append((SKIP_TODAY, wording.REMINDER_SKIP_TODAY))
    keyboard = markup([[(label, Callback(FLOW, group, "r", value).encode()) for value, label in choices]])
    text = wording.reminder_message(kinds, day_plan)
    return Outgoing(
        person, rows, lambda: send_text(context.bot, person.chat_id, text, reply_markup=keyboard, rate_limit_args=BULK)
    )


async def _deliver(item: Outgoing) -> tuple[Outgoing, int | RetryLater | Forbidden]:
    """Send one message; a fault becomes a value, so one person's failure never stops the batch."""
    try:
        return item, await item.send()
    except Forbidden as error:
        return item, error
    except RetryAfter as error:
        return item, RetryLater(timedelta(seconds=retry_seconds(error) + 1))
    except NetworkError:  # includes timeouts and the limiter shutting down
        return item, RetryLater(_backoff(item.rows[0].attempts))
    except Exception as error:  # noqa: BLE001 - a bug in one message must not lose the batch's other rows
        log.error("reminder send failed person=%s: %s", item.person.id, type(error).__name__)
        return item, RetryLater(_backoff(item.rows[0].attempts))


def _backoff(attempts: int) -> timedelta:
    return min(RETRY_FIRST * 2 ** max(attempts - 1, 0), RETRY_MOST)


async def _record(context: CoachContext, finished: list[tuple[Outgoing, object]]) -> int:
    """Settle messages that went out. If the database is away for a moment (restarted,
    connections cut), try again for a while rather than let the lease run out and send them twice."""
    for pause in (*RECORD_RETRIES, None):
        try:
            async with context.db.unit() as uow:
                return await _settle(uow, finished, context.now())
        except DBAPIError as error:
            if pause is None:
                raise
            log.warning("recording sent reminders failed (%s); trying again in %ss", type(error.orig).__name__, pause)
            await asyncio.sleep(pause)
    raise AssertionError("unreachable")


async def _settle(uow: UnitOfWork, finished: list[tuple[Outgoing, object]], now: datetime) -> int:
    """Record what happened to each message (all that went out in one statement); returns how many went out."""
    sent, delivered = 0, []
    for item, result in finished:
        ids = [row.id for row in item.rows]
        if isinstance(result, RetryLater):
            log.info("reminder deferred person=%s seconds=%s", item.person.id, int(result.delay.total_seconds()))
            await uow.reminders.set(ids, status="pending", available_at=now + result.delay)
        elif isinstance(result, Forbidden) and item.to_caregiver:
            log.info("a caregiver of person=%s blocked the bot", item.person.id)
            await uow.reminders.set(ids, status="dropped", reason="caregiver_blocked")
        elif isinstance(result, Forbidden):
            log.info("person blocked the bot person=%s", item.person.id)
            await uow.reminders.set(ids, status="dropped", reason="blocked")
            await uow.people.mark_blocked(item.person.id, now)
            if item.opened is not None:
                await checkin.discard(uow, item.opened)
        else:
            sent += 1  # result is the message id
            delivered += ((row_id, result, item.rows[0].group_id) for row_id in ids)
    await uow.reminders.mark_sent(delivered, now)
    return sent


async def on_button(update: Update, context: CoachContext) -> None:
    """Done, Snooze 30 min or Skip today on a reminder message."""
    query = update.callback_query
    callback = decode(query.data)
    now = context.now()
    async with context.db.unit() as uow:
        person = await uow.people.by_telegram_id(update.effective_user.id)
        rows = await uow.reminders.sent_group(callback.ref, person.id) if person and callback else []
        live = [row for row in rows if row.status in ("sending", "sent")]
        if not live or callback.value not in (DONE, SNOOZED, SKIP_TODAY):
            uow.on_commit(query.answer(wording.REMINDER_ALREADY if rows else wording.BUTTON_EXPIRED))
            return
        reply = await _respond(uow, person, live, callback.value, now)
    await answer_quietly(query)
    await close(query, reply)


async def _respond(uow: UnitOfWork, person: Person, rows: list[Reminder], choice: str, now: datetime) -> str:
    """Store the answer to a reminder; returns what to show in place of the buttons."""
    ids = [row.id for row in rows]
    if choice == DONE:
        await uow.reminders.set(ids, status="done", answered_at=now)
        return wording.REMINDER_DONE_REPLY
    if choice == SNOOZED:
        later = now + SNOOZE
        await uow.reminders.set(
            ids, status="pending", due_at=later, available_at=later, group_id=None, sent_at=None, message_id=None
        )
        return wording.REMINDER_SNOOZED.format(when=later.astimezone(ZoneInfo(person.timezone)).strftime("%H:%M"))
    sessions = [row for row in rows if row.kind == Kind.THERAPY]
    today = now.astimezone(ZoneInfo(person.timezone)).date().isoformat()
    later = await uow.reminders.pending_of_kind(person.id, Kind.THERAPY, today)
    await uow.reminders.set([row.id for row in sessions + list(later)], status="skipped", answered_at=now)
    return wording.REMINDER_SKIPPED
