"""Planning a person's reminders: which kinds are due when (CLINICAL.md, "The self-care protocol").

Pure: `plan` turns settings, the phase over time and a UTC range into slots; the caller stores
them under (person, kind, local_key), so planning a range again changes nothing. Slots are laid
out in local wall-clock time per local date and converted with `local_occurrence`: a 09:00 slot
stays at 09:00 across DST, a time in a gap moves to the next valid minute, and a repeated hour
yields one slot. A check-in's key is its local date alone: one a day, whatever its time.

The timing rules of sending live here too: how long each kind stays worth sending, snoozing,
and the nudge after an unanswered check-in.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from coach.clock_times import WakingHours, local_occurrence
from coach.protocol import Phase

DAY_MINUTES = 24 * 60
EVERY = 150  # minutes between cold sessions, and between water reminders
COLD_FIRST = 60  # minutes after waking starts
COLD_NONE_IN_LAST = 30  # minutes before waking ends
WATER_FIRST = 30  # minutes after waking starts
HEAT_SIXTHS = (1, 3, 5)  # heat sessions at 1/6, 1/2 and 5/6 of the waking window
ROUND_TO = 5  # minutes

ANY_PHASE = frozenset(Phase)
COLD_PHASE = frozenset({Phase.COLD})
HEAT_PHASES = frozenset(phase for phase in Phase if phase.uses_heat)


class Kind(StrEnum):
    """What a reminder is about."""

    CHECKIN = "checkin"
    THERAPY = "therapy"
    STRETCH = "stretch"
    WATER = "water"
    NUDGE = "nudge"  # not planned: follows a check-in that is still unanswered
    CARE_DAILY = "care_daily"  # a caregiver's daily summary, at their local time
    CARE_WEEKLY = "care_weekly"  # a caregiver's weekly summary with a chart, on Sundays
    CARE_MISSED = "care_missed"  # a caregiver's alert about missed check-ins
    SCREENING = "screening"  # the offer to repeat the STarT Back questionnaire after two weeks


PLANNED_KINDS = (Kind.CHECKIN, Kind.THERAPY, Kind.STRETCH, Kind.WATER)  # each can be turned off
HORIZON = timedelta(hours=36)  # how far ahead reminders are written
REPLAN_WITHIN = timedelta(hours=12)  # plan again once less than this is left
NUDGE_AFTER = timedelta(hours=2)
SNOOZE = timedelta(minutes=30)
# After downtime, a reminder later than this is dropped (and recorded), not sent.
STILL_USEFUL = {
    Kind.CHECKIN: timedelta(hours=3),
    Kind.NUDGE: timedelta(hours=1),
    Kind.THERAPY: timedelta(hours=1),
    Kind.STRETCH: timedelta(hours=2),
    Kind.WATER: timedelta(hours=1),
    Kind.CARE_DAILY: timedelta(hours=3),
    Kind.CARE_WEEKLY: timedelta(hours=12),
    Kind.CARE_MISSED: timedelta(hours=12),
    Kind.SCREENING: timedelta(hours=12),
}
WEEKLY_ON = 6  # Sunday


def is_stale(kind: Kind, due_at: datetime, now: datetime) -> bool:
    """Whether a reminder is too late to be worth sending."""
    return now - due_at > STILL_USEFUL[kind]


@dataclass(frozen=True)
class ReminderSettings:
    """One person's reminder preferences."""

    zone: str  # IANA
    checkin_time: time
    waking: WakingHours  # may cross midnight (night shift)
    enabled: frozenset[Kind] = frozenset(PLANNED_KINDS)
    stretch_times: tuple[time, ...] = (time(11), time(17))


@dataclass(frozen=True)
class Slot:
    """One reminder to send; (person, kind, local_key) identifies it."""

    kind: Kind
    local_key: str  # the local date and wall-clock time as planned, before any gap shift
    due_at: datetime  # aware UTC


def slot_key(moment_local: datetime) -> str:
    """'2026-03-29T09:00'."""
    return moment_local.strftime("%Y-%m-%dT%H:%M")


def is_awake(settings: ReminderSettings, moment: datetime) -> bool:
    """Whether an aware moment falls inside the person's waking window, locally."""
    return settings.waking.contains(moment.astimezone(ZoneInfo(settings.zone)).time())


def plan(
    settings: ReminderSettings, phase_at: Callable[[datetime], Phase], start: datetime, end: datetime
) -> list[Slot]:
    """Every enabled slot with start <= due_at < end, sorted by due_at then kind.

    A therapy slot is kept when `phase_at(due_at)` is the phase it was laid out for, so the
    cadence switches from cold to heat the moment the phase turns.
    """
    zone = ZoneInfo(settings.zone)
    # Two days back: a window may cross midnight, and a gap may push a time past it.
    day, last = start.astimezone(zone).date() - timedelta(days=2), end.astimezone(zone).date()
    slots: set[Slot] = set()  # a set: one slot per (kind, local_key)
    while day <= last:
        for kind, planned, phases in _wall_clock_slots(settings, day):
            if kind not in settings.enabled:
                continue
            due_at = local_occurrence(planned, planned.time(), zone)
            if not start <= due_at < end:
                continue
            if kind is not Kind.CHECKIN and not is_awake(settings, due_at):
                continue  # a gap pushed it past the end of the window
            if phases is ANY_PHASE or phase_at(due_at) in phases:
                key = planned.date().isoformat() if kind is Kind.CHECKIN else slot_key(planned)
                slots.add(Slot(kind, key, due_at))
        day += timedelta(days=1)
    return sorted(slots, key=lambda slot: (slot.due_at, slot.kind, slot.local_key))


def summary_slots(zone: str, at: time, *, daily: bool, weekly: bool, start: datetime, end: datetime) -> list[Slot]:
    """A caregiver's daily summaries and Sunday's weekly one, at their local time, keyed by local date."""
    tz = ZoneInfo(zone)
    day, last = start.astimezone(tz).date() - timedelta(days=1), end.astimezone(tz).date()
    slots = []
    while day <= last:
        due_at = local_occurrence(datetime.combine(day, at), at, tz)
        if start <= due_at < end:
            slots += [Slot(Kind.CARE_DAILY, day.isoformat(), due_at)] if daily else []
            slots += [Slot(Kind.CARE_WEEKLY, day.isoformat(), due_at)] if weekly and day.weekday() == WEEKLY_ON else []
        day += timedelta(days=1)
    return slots


def _wall_clock_slots(settings: ReminderSettings, day: date) -> Iterator[tuple[Kind, datetime, frozenset[Phase]]]:
    """The local date's check-in, and what falls in the waking window that starts on it."""
    yield Kind.CHECKIN, datetime.combine(day, settings.checkin_time), ANY_PHASE
    waking = settings.waking
    opens = datetime.combine(day, waking.start)
    length = _minutes_after(waking.start, waking.end)
    heat = (ROUND_TO * round(length * sixths / 6 / ROUND_TO) for sixths in HEAT_SIXTHS)
    stretches = (_minutes_after(waking.start, at) for at in settings.stretch_times)
    for kind, offsets, phases in (
        (Kind.THERAPY, range(COLD_FIRST, length - COLD_NONE_IN_LAST, EVERY), COLD_PHASE),
        (Kind.THERAPY, heat, HEAT_PHASES),
        (Kind.STRETCH, stretches, ANY_PHASE),
        (Kind.WATER, range(WATER_FIRST, length, EVERY), ANY_PHASE),
    ):
        for offset in offsets:
            if offset < length:
                yield kind, opens + timedelta(minutes=offset), phases


def _minutes_after(start: time, later: time) -> int:
    """Wall-clock minutes from `start` to the next `later` (0 when equal)."""
    return (later.hour * 60 + later.minute - start.hour * 60 - start.minute) % DAY_MINUTES
