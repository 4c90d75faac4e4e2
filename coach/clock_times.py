"""Local clock times: parsing what people type, and the next occurrence in a time zone.

DST is handled here: a time inside a gap moves to the next valid minute, a repeated hour
is used once (its first occurrence).
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

_TIME = re.compile(r"^\s*([01]?\d|2[0-3])[:.h ]?([0-5]\d)?\s*(am|pm)?\s*$", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*(?:,|;|&|\band\b)\s*|\s+(?=\d)", re.IGNORECASE)
_RANGE = re.compile(r"^\s*(.+?)\s*(?:-|–|—|to|until)\s*(.+?)\s*$", re.IGNORECASE)


def parse_time(text: str) -> time | None:
    """'9', '09:30', '9.30', '9pm', '21h00' -> a time; anything else -> None."""
    match = _TIME.match(text)
    if not match:
        return None
    hour, minute, meridiem = int(match[1]), int(match[2] or 0), (match[3] or "").lower()
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    return time(hour, minute)


def parse_times(text: str, most: int = 2) -> list[time] | None:
    """'10:30, 18:00', '9am and 6pm' or '12' -> up to `most` distinct times, sorted; else None."""
    parts = [part for part in _SEPARATORS.split(text.strip()) if part]
    found = [parse_time(part) for part in parts]
    moments = [moment for moment in found if moment is not None]
    if not 1 <= len(found) <= most or len(moments) < len(found):
        return None
    return sorted(set(moments))


@dataclass(frozen=True)
class WakingHours:
    """The part of the day reminders may be sent in."""

    start: time
    end: time

    def contains(self, moment: time) -> bool:
        """Whether a local time lies inside the window (windows may cross midnight)."""
        if self.start <= self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end

    def __str__(self) -> str:
        return f"{format_time(self.start)}–{format_time(self.end)}"


DEFAULT_WAKING_HOURS = WakingHours(time(8), time(22))


def parse_waking_hours(text: str) -> WakingHours | None:
    """'08:00-22:00', '7 to 23', '7am - 10pm' -> waking hours of at least 6 hours, else None."""
    match = _RANGE.match(text)
    if not match:
        return None
    start, end = parse_time(match[1]), parse_time(match[2])
    if start is None or end is None:
        return None
    hours = WakingHours(start, end)
    minutes = (end.hour * 60 + end.minute - start.hour * 60 - start.minute) % (24 * 60)
    return hours if minutes >= 6 * 60 else None


def format_time(moment: time) -> str:
    """'09:05'."""
    return moment.strftime("%H:%M")


def local_occurrence(day: datetime, at: time, zone: ZoneInfo) -> datetime:
    """The UTC instant of local time `at` on the local date of `day`, DST-safe."""
    naive = datetime.combine(day.date(), at)
    candidate = naive.replace(tzinfo=zone, fold=0)
    # A time that does not exist (spring-forward gap) does not survive the round trip.
    while candidate.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
        naive += timedelta(minutes=1)
        candidate = naive.replace(tzinfo=zone, fold=0)
    return candidate.astimezone(UTC)


def next_occurrence(now: datetime, at: time, zone: ZoneInfo) -> datetime:
    """The first UTC instant strictly after `now` when local clocks in `zone` show `at`."""
    local_today = now.astimezone(zone)
    for days in range(3):
        candidate = local_occurrence(local_today + timedelta(days=days), at, zone)
        if candidate > now:
            return candidate
    raise AssertionError("unreachable: a local time recurs within two days")
