"""Local times: parsing what people type, and DST-safe next occurrences."""

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from coach.clock_times import WakingHours, next_occurrence, parse_time, parse_waking_hours

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("9", time(9)),
        ("09:30", time(9, 30)),
        ("9.30", time(9, 30)),
        ("21h15", time(21, 15)),
        ("9pm", time(21)),
        ("12am", time(0)),
        (" 7:05 ", time(7, 5)),
    ],
)
def test_times_people_type(typed, expected):
    assert parse_time(typed) == expected


@pytest.mark.parametrize("typed", ["", "25:00", "9:75", "noon", "13pm", "half past"])
def test_not_times(typed):
    assert parse_time(typed) is None


def test_waking_hours_ranges():
    assert parse_waking_hours("07:30-22:30") == WakingHours(time(7, 30), time(22, 30))
    assert parse_waking_hours("7am to 11pm") == WakingHours(time(7), time(23))
    assert parse_waking_hours("22:00-06:00") == WakingHours(time(22), time(6))  # night shift
    assert parse_waking_hours("09:00-10:00") is None  # under 6 hours
    assert parse_waking_hours("whenever") is None


def test_waking_hours_may_cross_midnight():
    night = WakingHours(time(22), time(6))
    assert night.contains(time(23)) and night.contains(time(2)) and not night.contains(time(12))


def test_next_occurrence_is_later_today_or_tomorrow():
    now = datetime(2026, 6, 1, 7, 0, tzinfo=UTC)  # 08:00 in London (BST)
    assert next_occurrence(now, time(9), LONDON) == datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
    assert next_occurrence(now, time(7), LONDON) == datetime(2026, 6, 2, 6, 0, tzinfo=UTC)


def test_a_0900_checkin_stays_at_0900_local_across_the_spring_change():
    before = datetime(2026, 3, 28, 9, 30, tzinfo=UTC)  # Saturday; clocks go forward on Sunday 29 March
    sunday = next_occurrence(before, time(9), LONDON)
    monday = next_occurrence(sunday, time(9), LONDON)
    assert sunday.astimezone(LONDON).time() == time(9) and sunday == datetime(2026, 3, 29, 8, 0, tzinfo=UTC)
    assert monday.astimezone(LONDON).time() == time(9)


def test_a_time_inside_the_gap_moves_to_the_next_valid_minute():
    before = datetime(2026, 3, 8, 5, 0, tzinfo=UTC)  # New York springs forward at 02:00 on 8 March
    moved = next_occurrence(before, time(2, 30), NEW_YORK)
    assert moved.astimezone(NEW_YORK).replace(tzinfo=None) == datetime(2026, 3, 8, 3, 0)


def test_a_repeated_hour_is_used_once():
    before = datetime(2026, 10, 25, 0, 0, tzinfo=UTC)  # London falls back at 02:00 BST on 25 October
    first = next_occurrence(before, time(1, 30), LONDON)
    second = next_occurrence(first, time(1, 30), LONDON)
    assert first == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert second.date() == datetime(2026, 10, 26).date()
