"""Reminder planning: local wall-clock slots per person, DST-safe, idempotent over ranges."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.clock_times import WakingHours, local_occurrence
from coach.protocol import Episode, Phase, current_phase
from coach.reminders import Kind, ReminderSettings, Slot, is_awake, plan, slot_key, summary_slots

LONDON, NEW_YORK, SYDNEY = "Europe/London", "America/New_York", "Australia/Sydney"
DAYTIME = WakingHours(time(8), time(22))
NIGHT_SHIFT = WakingHours(time(22), time(6))
COLD_TIMES = ["09:00", "11:30", "14:00", "16:30", "19:00"]  # every 2.5 h from 1 h after waking; none after 21:30
HEAT_TIMES = ["10:20", "15:00", "19:40"]  # 1/6, 1/2 and 5/6 of 08:00-22:00
WATER_TIMES = ["08:30", "11:00", "13:30", "16:00", "18:30", "21:00"]

# Each zone's DST change: London springs forward on 29 March, New York on 8 March, Sydney falls back on 5 April.
DST_DAY = {LONDON: date(2026, 3, 29), NEW_YORK: date(2026, 3, 8), SYDNEY: date(2026, 4, 5)}


def always(phase: Phase):
    return lambda _moment: phase


def from_onset(onset: datetime):
    episode = Episode(onset_at=onset)
    return lambda moment: current_phase(episode, 0, moment)


def local_midnight(day: date, zone: str) -> datetime:
    return local_occurrence(datetime.combine(day, time()), time(), ZoneInfo(zone))


def dst_week(zone: str) -> tuple[datetime, datetime]:
    """Local midnight three days before the change to local midnight four days after it."""
    return local_midnight(DST_DAY[zone] - timedelta(days=3), zone), local_midnight(
        DST_DAY[zone] + timedelta(days=4), zone
    )


def by_date(slots: list[Slot], kind: Kind) -> dict[date, list[str]]:
    """Planned local times of one kind, by the local date in their key."""
    days: dict[date, list[str]] = {}
    for slot in slots:
        if slot.kind is kind:
            planned = datetime.fromisoformat(slot.local_key)
            days.setdefault(planned.date(), []).append(planned.strftime("%H:%M"))
    return days


def local_wall(slot: Slot, zone: str) -> datetime:
    return slot.due_at.astimezone(ZoneInfo(zone)).replace(tzinfo=None)


@pytest.mark.parametrize("zone", [LONDON, NEW_YORK, SYDNEY])
def test_a_checkin_every_day_at_the_same_local_minute_across_the_dst_change(zone):
    start, end = dst_week(zone)
    slots = plan(ReminderSettings(zone, time(9, 15), DAYTIME), always(Phase.COLD), start, end)
    checkins = [slot for slot in slots if slot.kind is Kind.CHECKIN]
    days = [DST_DAY[zone] + timedelta(days=n) for n in range(-3, 4)]
    assert [slot.local_key for slot in checkins] == [day.isoformat() for day in days]  # one a day, whatever its time
    assert all(local_wall(slot, zone).time() == time(9, 15) for slot in checkins)


@pytest.mark.parametrize("zone", [LONDON, NEW_YORK, SYDNEY])
def test_cold_every_two_and_a_half_hours_then_three_heat_sessions_from_the_moment_the_phase_turns(zone):
    dst_day = DST_DAY[zone]
    onset = local_occurrence(datetime.combine(dst_day - timedelta(days=2), time()), time(13), ZoneInfo(zone))
    slots = plan(ReminderSettings(zone, time(9), DAYTIME), from_onset(onset), onset, onset + timedelta(days=6))
    therapy = by_date(slots, Kind.THERAPY)
    # The 48 hours end at 14:00 local on the DST day (12:00 in Sydney, whose clocks went back).
    assert therapy == {
        dst_day - timedelta(days=2): ["14:00", "16:30", "19:00"],
        dst_day - timedelta(days=1): COLD_TIMES,
        dst_day: ["09:00", "11:30", "15:00", "19:40"],
        **{dst_day + timedelta(days=n): HEAT_TIMES for n in range(1, 4)},
        dst_day + timedelta(days=4): ["10:20"],  # the range ends at 13:00
    }
    for slot in slots:
        if slot.kind is Kind.THERAPY:
            assert local_wall(slot, zone).strftime("%H:%M") == slot.local_key[-5:]


@pytest.mark.parametrize("phase", [Phase.HEAT, Phase.MOIST_HEAT, Phase.CONTRAST])
def test_every_heat_phase_gets_three_sessions(phase):
    start, end = dst_week(LONDON)
    therapy = by_date(plan(ReminderSettings(LONDON, time(9), DAYTIME), always(phase), start, end), Kind.THERAPY)
    assert list(therapy.values()) == [HEAT_TIMES] * 7


def test_back_to_cold_on_the_heat_ladder_means_the_cold_cadence_again():
    start, end = dst_week(LONDON)
    episode = Episode(onset_at=start - timedelta(days=10))

    def stepped_down(moment: datetime) -> Phase:  # heat, moist heat and contrast all made it worse
        return current_phase(episode, 3, moment)

    therapy = by_date(plan(ReminderSettings(LONDON, time(9), DAYTIME), stepped_down, start, end), Kind.THERAPY)
    assert list(therapy.values()) == [COLD_TIMES] * 7


@pytest.mark.parametrize("zone", [LONDON, NEW_YORK, SYDNEY])
def test_water_and_stretches_every_day(zone):
    start, end = dst_week(zone)
    slots = plan(ReminderSettings(zone, time(9), DAYTIME), always(Phase.COLD), start, end)
    assert list(by_date(slots, Kind.WATER).values()) == [WATER_TIMES] * 7
    assert list(by_date(slots, Kind.STRETCH).values()) == [["11:00", "17:00"]] * 7


@pytest.mark.parametrize("zone", [LONDON, NEW_YORK, SYDNEY])
def test_nothing_but_the_checkin_outside_waking_hours(zone):
    start, end = dst_week(zone)
    person = ReminderSettings(zone, time(7), DAYTIME, stretch_times=(time(6), time(12), time(23)))
    slots = plan(person, from_onset(start + timedelta(days=1)), start, end)
    outside = {slot.kind for slot in slots if not DAYTIME.contains(local_wall(slot, zone).time())}
    assert outside == {Kind.CHECKIN}
    assert all(is_awake(person, slot.due_at) for slot in slots if slot.kind is not Kind.CHECKIN)


def test_a_time_in_the_spring_gap_moves_to_the_next_valid_minute():
    person = ReminderSettings(NEW_YORK, time(2, 30), DAYTIME)  # New York skips 02:00-03:00 on 8 March
    start, end = dst_week(NEW_YORK)
    checkins = [slot for slot in plan(person, always(Phase.COLD), start, end) if slot.kind is Kind.CHECKIN]
    gap = next(slot for slot in checkins if slot.local_key == "2026-03-08")
    assert local_wall(gap, NEW_YORK) == datetime(2026, 3, 8, 3, 0)
    assert all(local_wall(slot, NEW_YORK).time() == time(2, 30) for slot in checkins if slot is not gap)


def test_a_night_shift_slot_in_the_gap_moves_to_the_next_valid_minute():
    person = ReminderSettings(LONDON, time(21), NIGHT_SHIFT)  # London skips 01:00-02:00 on 29 March
    start, end = dst_week(LONDON)
    slots = plan(person, always(Phase.COLD), start, end)
    water = next(slot for slot in slots if slot.kind is Kind.WATER and slot.local_key == "2026-03-29T01:00")
    assert local_wall(water, LONDON) == datetime(2026, 3, 29, 2, 0)
    therapy = next(slot for slot in slots if slot.kind is Kind.THERAPY and slot.local_key == "2026-03-29T01:30")
    assert therapy.due_at == water.due_at  # both at 02:00 BST: the sender merges them


def test_a_slot_pushed_by_the_gap_past_the_end_of_the_window_is_dropped():
    late = WakingHours(time(20, 30), time(2, 30))  # on 7 March the window ends in New York's gap
    person = ReminderSettings(NEW_YORK, time(12), late, stretch_times=(time(2, 15),))
    start, end = dst_week(NEW_YORK)
    keys = {slot.local_key for slot in plan(person, always(Phase.COLD), start, end) if slot.kind is Kind.STRETCH}
    assert "2026-03-07T02:15" in keys and "2026-03-09T02:15" in keys
    assert "2026-03-08T02:15" not in keys  # would be 03:00, after waking hours


def test_a_repeated_hour_gives_one_slot():
    person = ReminderSettings(SYDNEY, time(2, 30), NIGHT_SHIFT)  # Sydney repeats 02:00-03:00 on 5 April
    start, end = dst_week(SYDNEY)
    slots = plan(person, always(Phase.HEAT), start, end)
    repeated = [slot for slot in slots if slot.kind is Kind.CHECKIN and slot.local_key == "2026-04-05"]
    assert repeated == [Slot(Kind.CHECKIN, "2026-04-05", datetime(2026, 4, 4, 15, 30, tzinfo=UTC))]  # first one, AEDT
    heat = [slot for slot in slots if slot.kind is Kind.THERAPY and slot.local_key == "2026-04-05T02:00"]
    assert [slot.due_at for slot in heat] == [datetime(2026, 4, 4, 15, 0, tzinfo=UTC)]


def test_disabled_kinds_produce_nothing():
    start, end = dst_week(LONDON)
    person = ReminderSettings(LONDON, time(9), DAYTIME, enabled=frozenset({Kind.CHECKIN, Kind.WATER}))
    assert {slot.kind for slot in plan(person, always(Phase.COLD), start, end)} == {Kind.CHECKIN, Kind.WATER}
    silent = ReminderSettings(LONDON, time(9), DAYTIME, enabled=frozenset())
    assert plan(silent, always(Phase.COLD), start, end) == []


def test_retimed_stretches_inside_waking_hours_only():
    start, end = dst_week(SYDNEY)
    person = ReminderSettings(SYDNEY, time(9), DAYTIME, stretch_times=(time(7), time(12, 30), time(21, 59), time(22)))
    assert (
        list(by_date(plan(person, always(Phase.COLD), start, end), Kind.STRETCH).values()) == [["12:30", "21:59"]] * 7
    )


def test_a_night_shift_window_belongs_to_the_date_it_starts_on():
    person = ReminderSettings(LONDON, time(21), NIGHT_SHIFT, stretch_times=(time(11), time(23), time(3)))
    zone = ZoneInfo(LONDON)
    start = local_occurrence(datetime(2026, 6, 1), time(21), zone)
    end = local_occurrence(datetime(2026, 6, 2), time(7), zone)
    cold = [(slot.kind, slot.local_key) for slot in plan(person, always(Phase.COLD), start, end)]
    assert cold == [
        (Kind.CHECKIN, "2026-06-01"),
        (Kind.WATER, "2026-06-01T22:30"),
        (Kind.STRETCH, "2026-06-01T23:00"),
        (Kind.THERAPY, "2026-06-01T23:00"),
        (Kind.WATER, "2026-06-02T01:00"),
        (Kind.THERAPY, "2026-06-02T01:30"),
        (Kind.STRETCH, "2026-06-02T03:00"),
        (Kind.WATER, "2026-06-02T03:30"),
        (Kind.THERAPY, "2026-06-02T04:00"),  # 05:30 would be in the last half hour
    ]
    heat = [slot.local_key for slot in plan(person, always(Phase.HEAT), start, end) if slot.kind is Kind.THERAPY]
    assert heat == ["2026-06-01T23:20", "2026-06-02T02:00", "2026-06-02T04:40"]


@pytest.mark.parametrize("zone", [LONDON, NEW_YORK, SYDNEY])
def test_planning_adjacent_ranges_equals_planning_the_whole(zone):
    start, end = dst_week(zone)
    person = ReminderSettings(zone, time(2, 30), NIGHT_SHIFT)
    phase_at = from_onset(start + timedelta(hours=30))
    whole = plan(person, phase_at, start, end)
    dst = local_midnight(DST_DAY[zone], zone)
    for cut in [
        start + timedelta(hours=7),
        dst + timedelta(hours=2),
        dst + timedelta(hours=2, minutes=30),
        end - timedelta(days=1),
    ]:
        assert plan(person, phase_at, start, cut) + plan(person, phase_at, cut, end) == whole


@pytest.mark.parametrize("zone", [LONDON, NEW_YORK, SYDNEY])
def test_local_keys_are_unique_per_kind(zone):
    start, end = dst_week(zone)
    for waking in (DAYTIME, NIGHT_SHIFT):
        slots = plan(ReminderSettings(zone, time(2, 30), waking), from_onset(start), start, end)
        assert len({(slot.kind, slot.local_key) for slot in slots}) == len(slots)


def test_slot_key_and_is_awake():
    assert slot_key(datetime(2026, 3, 29, 9, 5)) == "2026-03-29T09:05"
    night = ReminderSettings(SYDNEY, time(21), NIGHT_SHIFT)
    assert is_awake(night, datetime(2026, 6, 1, 15, 0, tzinfo=UTC))  # 01:00 in Sydney
    assert not is_awake(night, datetime(2026, 6, 1, 3, 0, tzinfo=UTC))  # 13:00 in Sydney


ZONES = [
    LONDON,
    NEW_YORK,
    SYDNEY,
    "Australia/Lord_Howe",
    "America/Santiago",
    "America/Havana",
    "Asia/Kathmandu",
    "Pacific/Chatham",
    "UTC",
]
MINUTES = st.integers(0, 24 * 60 - 1).map(lambda m: time(m // 60, m % 60))


def exists(naive: datetime, zone: ZoneInfo) -> bool:
    return naive.replace(tzinfo=zone).astimezone(UTC).astimezone(zone).replace(tzinfo=None) == naive


@settings(max_examples=150, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    first=st.dates(date(2025, 1, 1), date(2027, 12, 31)),
    days=st.integers(1, 4),
    waking=st.builds(WakingHours, MINUTES, MINUTES),
    checkin=MINUTES,
    stretches=st.lists(MINUTES, max_size=3).map(tuple),
    onset_hours=st.integers(-72, 96),
    cut_minutes=st.integers(0, 4 * 24 * 60),
)
def test_plans_hold_their_invariants(zone, first, days, waking, checkin, stretches, onset_hours, cut_minutes):
    person = ReminderSettings(zone, checkin, waking, stretch_times=stretches)
    tz = ZoneInfo(zone)
    start = local_midnight(first, zone)
    end = start + timedelta(days=days)
    phase_at = from_onset(start + timedelta(hours=onset_hours))
    slots = plan(person, phase_at, start, end)

    assert all(start <= slot.due_at < end and slot.due_at.tzinfo is not None for slot in slots)
    assert [slot.due_at for slot in slots] == sorted(slot.due_at for slot in slots)
    assert len({(slot.kind, slot.local_key) for slot in slots}) == len(slots)
    for slot in slots:
        planned = datetime.fromisoformat(slot.local_key)
        if slot.kind is Kind.CHECKIN:
            planned = datetime.combine(planned.date(), checkin)
        else:
            assert waking.contains(slot.due_at.astimezone(tz).time()) and waking.contains(planned.time())
        wall = local_wall(slot, zone)
        if exists(planned, tz):
            assert wall == planned
        else:  # gap-shifted: to the first valid minute after the planned one
            assert wall > planned and not exists(wall - timedelta(minutes=1), tz)
    cut = min(start + timedelta(minutes=cut_minutes), end)
    assert plan(person, phase_at, start, cut) + plan(person, phase_at, cut, end) == slots


def test_caregiver_summaries_daily_at_their_local_time_and_weekly_on_sundays_across_dst():
    start, end = dst_week(NEW_YORK)
    slots = summary_slots(NEW_YORK, time(20), daily=True, weekly=True, start=start, end=end)
    daily = [slot for slot in slots if slot.kind is Kind.CARE_DAILY]
    assert [local_wall(slot, NEW_YORK).strftime("%a %H:%M") for slot in daily] == [
        f"{day} 20:00" for day in ("Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed")
    ]
    [weekly] = [slot for slot in slots if slot.kind is Kind.CARE_WEEKLY]
    assert (weekly.local_key, local_wall(weekly, NEW_YORK).strftime("%a %H:%M")) == ("2026-03-08", "Sun 20:00")
    assert summary_slots(NEW_YORK, time(20), daily=False, weekly=False, start=start, end=end) == []
