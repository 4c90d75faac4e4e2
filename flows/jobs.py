"""The repeating tick: send due check-ins and tell people when cold turns to heat.

The database is the schedule: each person's next check-in time is a column, and the tick
claims what is due by moving it on before sending, so a restart neither loses nor repeats it.
"""

import logging
from collections.abc import Awaitable
from dataclasses import dataclass
from datetime import timedelta

from telegram.error import Forbidden, NetworkError, RetryAfter

from coach import wording
from coach.protocol import COLD_PERIOD
from flows import care_hold, checkin, profile
from flows.context import CoachContext
from flows.rate_limit import BULK, retry_seconds
from storage.models import CheckIn, Episode, Person

log = logging.getLogger(__name__)

# A check-in more than this late (the bot was down) is skipped, not sent hours late.
STALE_AFTER = timedelta(hours=3)
RETRY_DELAY = timedelta(seconds=30)


async def tick(context: CoachContext) -> None:
    """One pass over everything that is due now."""
    await send_due_checkins(context)
    await announce_heat(context)


async def send_due_checkins(context: CoachContext) -> None:
    """Start the check-in of everyone whose time has come; unanswered older ones count as missed."""
    now = context.now()
    async with context.db.unit() as uow:
        due = await uow.people.due_for_checkin(now)
    started, follow_ups = [], []
    for person in due:
        async with context.db.unit() as uow:
            if not await uow.people.claim_checkin(person.id, person.next_checkin_at, profile.next_checkin_after(person, now)):
                continue  # another tick or instance took it
            missed = await uow.checkins.mark_missed(person.id, started_before=person.next_checkin_at)
            if missed:
                log.info("checkin missed person=%s count=%s", person.id, missed)
            if now - person.next_checkin_at > STALE_AFTER:
                log.info("checkin skipped as stale person=%s", person.id)
            elif person.care_hold_since is None:
                started.append((person, await checkin.begin(uow, person, now)))
            elif now - person.care_hold_since >= care_hold.ASK_AFTER:
                follow_ups.append(person)
    for person, open_checkin in started:
        sent = await _reach(context, person, checkin.ask_current(context, person, open_checkin, intro=wording.CHECKIN_INTRO))
        if isinstance(sent, RetryLater):
            await _retry_checkin(context, person, open_checkin, sent.delay)
    for person in follow_ups:
        sent = await _reach(context, person, care_hold.ask_how_they_are(context, person))
        if isinstance(sent, RetryLater):
            await _retry_checkin(context, person, None, sent.delay)


async def announce_heat(context: CoachContext) -> None:
    """Tell each person once, when their 48 hours of cold are over, that heat starts now."""
    now = context.now()
    async with context.db.unit() as uow:
        ended = await uow.episodes.cold_phase_ended(now, COLD_PERIOD)
        messages = []
        for episode, person in ended:
            episode.announced_phase = "heat"
            plan = await profile.plan_at(uow, episode, now)
            messages.append((person, episode.id, wording.phase_change_message(plan)))
    for person, episode_id, text in messages:
        sent = await _reach(context, person, context.bot.send_message(person.chat_id, text, rate_limit_args=BULK))
        if isinstance(sent, RetryLater):
            async with context.db.unit() as uow:
                episode = await uow.session.get(Episode, episode_id)
                episode.announced_phase = "cold"  # the next tick tells them again


@dataclass(frozen=True)
class RetryLater:
    """Telegram or the network could not take the message now."""

    delay: timedelta


async def _reach(context: CoachContext, person: Person, sending: Awaitable) -> RetryLater | None:
    """Send. A person who blocked the bot gets no more check-ins until they write again;
    a flood limit or a network fault means: try again later."""
    try:
        await sending
    except Forbidden:
        log.info("person blocked the bot person=%s", person.id)
        async with context.db.unit() as uow:
            stored = await uow.session.get(Person, person.id)
            stored.blocked_at = context.now()
    except RetryAfter as error:
        return RetryLater(max(timedelta(seconds=retry_seconds(error)), RETRY_DELAY))
    except NetworkError:  # includes TimedOut and the limiter shutting down
        return RetryLater(RETRY_DELAY)
    return None


async def _retry_checkin(context: CoachContext, person: Person, unsent: CheckIn | None, delay: timedelta) -> None:
    """Put an undelivered check-in (or follow-up) back on the schedule, as if never started."""
    log.info("checkin delivery deferred person=%s seconds=%s", person.id, int(delay.total_seconds()))
    async with context.db.unit() as uow:
        stored = await uow.session.get(Person, person.id)
        stored.next_checkin_at = context.now() + delay
        if unsent is not None:
            await uow.session.delete(await uow.session.get(CheckIn, unsent.id))
            await uow.conversations.end(person.id)
