"""The repeating tick: send due check-ins and tell people when cold turns to heat.

The database is the schedule: each person's next check-in time is a column, and the tick
claims what is due by moving it on before sending, so a restart neither loses nor repeats it.
"""

import logging
from datetime import timedelta
from zoneinfo import ZoneInfo

from telegram.error import Forbidden

from coach import wording
from coach.clock_times import next_occurrence
from coach.protocol import COLD_PERIOD
from flows import checkin, profile
from flows.context import CoachContext
from storage.models import Person

log = logging.getLogger(__name__)

# A check-in more than this late (the bot was down) is skipped, not sent hours late.
STALE_AFTER = timedelta(hours=3)


async def tick(context: CoachContext) -> None:
    """One pass over everything that is due now."""
    await send_due_checkins(context)
    await announce_heat(context)


async def send_due_checkins(context: CoachContext) -> None:
    """Start the check-in of everyone whose time has come; unanswered older ones count as missed."""
    now = context.now()
    async with context.db.unit() as uow:
        due = await uow.people.due_for_checkin(now)
    started = []
    for person in due:
        async with context.db.unit() as uow:
            next_at = next_occurrence(now, person.checkin_time, ZoneInfo(person.timezone))
            if not await uow.people.claim_checkin(person.id, person.next_checkin_at, next_at):
                continue  # another tick or instance took it
            missed = await uow.checkins.mark_missed(person.id)
            if missed:
                log.info("checkin missed person=%s count=%s", person.id, missed)
            if now - person.next_checkin_at <= STALE_AFTER:
                started.append((person, await checkin.begin(uow, person, now)))
            else:
                log.info("checkin skipped as stale person=%s", person.id)
    for person, open_checkin in started:
        try:
            await checkin.ask_current(context, person, open_checkin, intro=wording.CHECKIN_INTRO)
        except Forbidden:
            await _blocked(context, person.id)


async def announce_heat(context: CoachContext) -> None:
    """Tell each person once, when their 48 hours of cold are over, that heat starts now."""
    now = context.now()
    async with context.db.unit() as uow:
        ended = await uow.episodes.cold_phase_ended(now, COLD_PERIOD)
        messages = []
        for episode, person in ended:
            episode.announced_phase = "heat"
            plan = await profile.plan_at(uow, episode, now)
            messages.append((person, wording.phase_change_message(plan)))
    for person, text in messages:
        try:
            await context.bot.send_message(person.chat_id, text)
        except Forbidden:
            await _blocked(context, person.id)


async def _blocked(context: CoachContext, person_id: int) -> None:
    """The person blocked the bot: stop their check-ins until they write again."""
    log.info("person blocked the bot person=%s", person_id)
    async with context.db.unit() as uow:
        person = await uow.session.get(Person, person_id)
        person.blocked_at = context.now()
