"""A person's facts as the coach sees them: today's plan, their schedule, their settings answers."""

from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import Update

from coach import protocol, wording
from coach.clock_times import WakingHours, format_time, next_occurrence, parse_time, parse_times, parse_waking_hours
from coach.protocol import DayPlan
from coach.reminders import PLANNED_KINDS
from coach.timezones import canonical_zone, zone_from_text
from storage.models import Episode, Person
from storage.repositories import UnitOfWork


def episode_facts(episode: Episode) -> protocol.Episode:
    """The stored episode as the protocol's plain facts."""
    return protocol.Episode(onset_at=episode.onset_at, cause=protocol.Cause(episode.cause), chronic=episode.chronic)


async def plan_at(uow: UnitOfWork, episode: Episode, when: datetime) -> DayPlan:
    """The plan for the day containing `when`, from the episode and every heat report so far."""
    heat_worse = await uow.checkins.heat_worse_count(episode.id)
    return protocol.plan_for(episode_facts(episode), heat_worse, when)


def next_checkin_after(person: Person, now: datetime) -> datetime:
    """The person's next daily check-in strictly after `now`, in their zone."""
    return next_occurrence(now, person.checkin_time, ZoneInfo(person.timezone))


async def replan(uow: UnitOfWork, person: Person, now: datetime) -> None:
    """Settings, pause or phase changed: forget the unsent planned reminders; the next tick plans afresh from now."""
    await uow.reminders.forget_planned(person.id, PLANNED_KINDS)
    person.planned_until = now


def local_when(person: Person, moment: datetime) -> str:
    """'Sat 09:00' in the person's zone."""
    return moment.astimezone(ZoneInfo(person.timezone or "UTC")).strftime("%a %H:%M")


def settings_summary(person: Person) -> dict[str, str]:
    """The person's settings as shown in /settings."""
    return {
        "zone": person.timezone or "not set",
        "time": format_time(person.checkin_time) if person.checkin_time else "not set",
        "wake": str(WakingHours(person.wake_start, person.wake_end)),
        "stretch": " and ".join(person.stretch_times.split(",")),
        "reminders": wording.reminders_on(kind for kind in PLANNED_KINDS if kind not in person.reminders_off),
    }


def interpret(key: str, text: str) -> tuple[str | None, str]:
    """A typed or tapped answer to a settings question: (value to store, what to say) or (None, why not)."""
    if key == "tz":
        zone = canonical_zone(text)
        if zone is not None:
            return zone, wording.ZONE_SET.format(zone=zone)
        answer = zone_from_text(text)
        if answer.zone:
            return answer.zone, wording.ZONE_SET.format(zone=f"{answer.zone} ({answer.place})")
        return None, wording.ZONE_SEVERAL.format(place=answer.place) if answer.several_zones else wording.ZONE_UNKNOWN
    if key == "time":
        moment = parse_time(text)
        return (
            (format_time(moment), f"Check-in time: {format_time(moment)}.") if moment else (None, wording.TIME_UNKNOWN)
        )
    if key == "wake":
        hours = parse_waking_hours(text)
        return (
            (f"{format_time(hours.start)}-{format_time(hours.end)}", f"Waking hours: {hours}.")
            if hours
            else (None, wording.WAKE_UNKNOWN)
        )
    if key == "stretch":
        moments = parse_times(text)
        if moments is None:
            return None, wording.STRETCH_TIMES_UNKNOWN
        value = ",".join(format_time(moment) for moment in moments)
        return value, wording.STRETCH_TIMES_SET.format(times=" and ".join(value.split(",")))
    raise ValueError(f"not a settings question: {key}")


async def apply(uow: UnitOfWork, person: Person, key: str, value: str, now: datetime) -> None:
    """Store an interpreted settings answer and recompute the schedule."""
    if key == "tz":
        person.timezone = value
    elif key == "time":
        person.checkin_time = parse_time(value)
    elif key == "wake":
        start, end = value.split("-")
        person.wake_start, person.wake_end = parse_time(start), parse_time(end)
    elif key == "stretch":
        person.stretch_times = value
    await replan(uow, person, now)


def require_onboarded(uow: UnitOfWork, update: Update, person: Person | None) -> bool:
    """Whether the person has finished set-up; if not, tell them what to do first, once `uow`
    has committed."""
    if person is not None and person.onboarded_at is not None:
        return True
    uow.on_commit(update.effective_message.reply_text(wording.CHECKIN_NEED_SETUP if person else wording.CONSENT_NEEDED))
    return False
