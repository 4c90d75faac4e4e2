"""The repeating tick: plan and send reminders, and tell people when cold turns to heat."""

import logging
from datetime import UTC, datetime

from telegram.error import Forbidden, NetworkError, RetryAfter

from coach import wording
from coach.protocol import COLD_PERIOD
from flows import profile, reminders
from flows.context import CoachContext
from flows.rate_limit import BULK
from storage.models import Episode

log = logging.getLogger(__name__)

# Ticks that may run at once. The next tick starts on time while this one's last messages, their
# record and the heat announcements finish, so a backlog goes out without a pause between ticks and
# one slow send holds back nobody's reminders for long. With one at a time, the scheduler skipped a
# tick that fell due while the last still ran, so a tick stopped claiming a second early: sending
# paused for a second in every twenty, 5% of Telegram's rate.
TICKS_AT_ONCE = 2


async def tick(context: CoachContext) -> None:
    """One pass over everything that is due now."""
    await reminders.plan_ahead(context)
    await reminders.dispatch(context, budget_seconds=_until_next_tick(context))
    await announce_heat(context)


def _until_next_tick(context: CoachContext) -> float | None:
    """How long this tick may keep claiming reminders: until the next one is due, which carries on."""
    job = context.job
    if job is None or job.next_t is None:
        return None
    return max(0.0, (job.next_t - datetime.now(UTC)).total_seconds())


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
        try:
            await context.bot.send_message(person.chat_id, text, rate_limit_args=BULK)
        except Forbidden:
            async with context.db.unit() as uow:
                await uow.people.mark_blocked(person.id, now)
        except (RetryAfter, NetworkError):  # NetworkError includes timeouts
            log.info("heat announcement deferred person=%s", person.id)
            async with context.db.unit() as uow:
                episode = await uow.session.get(Episode, episode_id)
                episode.announced_phase = "cold"  # the next tick tells them again
