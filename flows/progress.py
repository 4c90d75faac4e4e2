"""/progress: the person's pain chart for this episode and a plain reading of it.

The same days feed the caregivers' weekly chart (`flows.caregivers`).
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from telegram import InputFile, Update

from coach import protocol, wording
from coach.charts import progress_chart
from coach.progress import CheckIn as Day
from coach.progress import DayPoint, pain_scores, progress_reading
from flows import profile
from flows.context import CoachContext
from storage.models import Episode, Person
from storage.repositories import UnitOfWork

_DAY_STATUS = {"done": Day.ANSWERED, "missed": Day.MISSED}


async def episode_days(
    uow: UnitOfWork, person: Person, episode: Episode, now: datetime, last: int | None = None
) -> list[DayPoint]:
    """One point per local day of the episode up to today (or its `last` days): the day's pain,
    whether its check-in was answered or missed, and the phase that day."""
    zone = ZoneInfo(person.timezone or "UTC")
    checkins = await uow.checkins.of_episode(episode.id)
    first, today = episode.onset_at.astimezone(zone).date(), now.astimezone(zone).date()
    if last is not None:
        first = max(first, today - timedelta(days=last - 1))
    facts = profile.episode_facts(episode)
    days = []
    for offset in range((today - first).days + 1):
        day = first + timedelta(days=offset)
        noon = datetime.combine(day, time(12), zone)
        of_day = [c for c in checkins if c.started_at.astimezone(zone).date() == day]
        worse_so_far = sum(
            1 for c in checkins if c.heat_effect == "worse" and c.started_at.astimezone(zone).date() < day
        )
        pains = [c.pain for c in of_day if c.pain is not None]
        statuses = {_DAY_STATUS.get(c.status) for c in of_day} - {None}
        status = Day.ANSWERED if Day.ANSWERED in statuses else Day.MISSED if statuses else Day.NOT_DUE
        days.append(
            DayPoint(day, pains[-1] if pains else None, status, protocol.current_phase(facts, worse_so_far, noon))
        )
    return days


def chart_file(days: list[DayPoint], title: str, name: str = "progress.png") -> InputFile:
    """The chart as a PNG upload."""
    return InputFile(progress_chart(days, title=title), filename=name)


async def progress_command(update: Update, context: CoachContext) -> None:
    """/progress: the chart, and what the pain scores say."""
    now = context.now()
    async with context.db.unit() as uow:
        person = await uow.people.by_telegram_id(update.effective_user.id)
        if not profile.require_onboarded(uow, update, person):
            return
        episode = await uow.episodes.current(person.id)
        days = await episode_days(uow, person, episode, now)
    start: date = episode.onset_at.astimezone(ZoneInfo(person.timezone)).date()
    reading = progress_reading(pain_scores(days), start, now.astimezone(ZoneInfo(person.timezone)).date())
    await context.bot.send_photo(person.chat_id, chart_file(days, wording.chart_title()), caption=reading.text)
