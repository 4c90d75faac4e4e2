"""Reminder journeys with a controllable clock: local times across DST, buttons, nudges, settings.

The bot runs with its own tick slowed right down; each step sets the clock to the next moment a
reminder is due and runs one tick, then reads what arrived, as a person would, in local time.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from storage.models import CheckIn, Reminder
from tests.e2e.conftest import live_until, onboard, run_tick
from tests.e2e.people import Person, complete_checkin, stored

QUIET = {"tick_seconds": 3600}  # one tick at start; the test runs the rest
CHECKIN, NUDGE = "Time for your check-in", "gentle nudge"
HEAT, COLD = "Time for heat", "Time for a cold session"
WATER, STRETCH = "glass of water", "gentle stretches"

# A heat-phase day with the default settings: check-in 09:00, awake 08:00-22:00, stretches 11:00 and 17:00.
HEAT_DAY = [
    ("08:30", [WATER]),
    ("09:00", [CHECKIN]),
    ("10:20", [HEAT]),
    ("11:00", [NUDGE]),
    ("11:00", [WATER, STRETCH]),  # due together: one message
    ("13:30", [WATER]),
    ("15:00", [HEAT]),
    ("16:00", [WATER]),
    ("17:00", [STRETCH]),
    ("18:30", [WATER]),
    ("19:40", [HEAT]),
    ("21:00", [WATER]),
]
DST_DAY = {"London": date(2026, 3, 29), "New York": date(2026, 3, 8), "Sydney": date(2026, 4, 5)}
ZONES = {"London": "Europe/London", "New York": "America/New_York", "Sydney": "Australia/Sydney"}


def as_day(arrived: list[tuple[datetime, str]], zone: str, day: date) -> list[tuple[str, list[str]]]:
    """One local day's messages as (local time, which of the known reminder texts each holds)."""
    known = [CHECKIN, NUDGE, HEAT, COLD, WATER, STRETCH]
    local = [(moment.astimezone(ZoneInfo(zone)), text) for moment, text in arrived]
    return sorted(
        (moment.strftime("%H:%M"), [k for k in known if k.lower() in text.lower()])
        for moment, text in local
        if moment.date() == day
    )


@pytest.mark.parametrize("place", ["London", "New York", "Sydney"])
async def test_a_week_of_reminders_at_the_right_local_minute_across_the_dst_change(
    start_bot, api, clock, database_url, place
):
    zone = ZoneInfo(ZONES[place])
    first = DST_DAY[place] - timedelta(days=3)
    clock.set(datetime.combine(first, time(7), zone))
    person = Person(api, 3001, "Robin")
    async with start_bot(**QUIET) as application:
        await onboard(person, onset="More than 2 weeks", zone=place, at="09:00")  # heat from day one
        arrived = await live_until(
            application, clock, person, database_url, datetime.combine(first + timedelta(days=7), time(7), zone)
        )
    for n in range(7):
        day = first + timedelta(days=n)
        assert as_day(arrived, ZONES[place], day) == sorted((at, kinds) for at, kinds in HEAT_DAY), day
    checkins = await stored(database_url, CheckIn, person.id)
    assert [c.status for c in checkins] == ["missed"] * 6 + ["open"]  # never answered: each counted missed by the next


async def test_done_snooze_and_skip_today(start_bot, alex, clock, database_url):
    async with start_bot(**QUIET) as application:
        await onboard(alex, onset="last 24 hours")  # cold: sessions at 09:00, 11:30, 14:00, ...
        await live_until(application, clock, alex, database_url, clock.now().replace(hour=8, minute=31))
        await alex.expect(WATER)
        await alex.tap("Done")
        await alex.api.wait_for(alex.id, "Well done")  # the buttons give way to the answer
        [water] = [
            r for r in await stored(database_url, Reminder, alex.id) if r.kind == "water" and r.status != "pending"
        ]
        assert (water.status, water.answered_at) == ("done", clock.now())  # stored as adherence, with when

        arrived = await live_until(application, clock, alex, database_url, clock.now().replace(hour=9, minute=1))
        assert [text for _, text in arrived if COLD in text]
        await alex.tap("Snooze 30 min")
        await alex.api.wait_for(alex.id, "remind you again at 09:31")  # pressed at 09:01
        arrived = await live_until(application, clock, alex, database_url, clock.now().replace(hour=9, minute=30))
        assert not [text for _, text in arrived if COLD in text]
        arrived = await live_until(application, clock, alex, database_url, clock.now().replace(hour=9, minute=32))
        assert [moment.strftime("%H:%M") for moment, text in arrived if COLD in text] == ["09:31"]
        await alex.tap("Skip today")
        await alex.api.wait_for(alex.id, "no more sessions today")
        rest_of_day = await live_until(application, clock, alex, database_url, clock.now().replace(hour=23))
        assert not [text for _, text in rest_of_day if COLD in text]
        assert len([text for _, text in rest_of_day if WATER in text]) == 5  # water carries on
        tomorrow = await live_until(application, clock, alex, database_url, clock.now() + timedelta(hours=11))
        assert [moment.strftime("%H:%M") for moment, text in tomorrow if COLD in text] == ["09:00"]  # sessions are back
    skipped = [r for r in await stored(database_url, Reminder, alex.id) if r.status == "skipped"]
    assert [r.local_key[-5:] for r in skipped] == ["09:00", "11:30", "14:00", "16:30", "19:00"]


async def test_a_second_press_on_an_answered_reminder_changes_nothing(start_bot, alex, clock, api, database_url):
    async with start_bot(**QUIET) as application:
        await onboard(alex)
        await live_until(application, clock, alex, database_url, clock.now().replace(hour=8, minute=31))
        reminder = await alex.expect(WATER)
        api.press_button(alex.id, reminder, "Done")
        api.press_button(alex.id, reminder, "Snooze")  # pressed before the first press was handled
        await api.wait_for(alex.id, "Well done")
        await api.idle()
    assert [answer.get("text") for answer in api.answered_callbacks[-2:]] == [None, "Already noted, thank you."]
    [water] = [
        r
        for r in await stored(database_url, Reminder, alex.id)
        if r.kind == "water" and r.local_key == "2026-03-02T08:30"
    ]
    assert water.status == "done"


async def test_an_unanswered_checkin_gets_one_nudge_then_counts_as_missed(start_bot, alex, clock, database_url):
    async with start_bot(**QUIET) as application:
        await onboard(alex)
        arrived = await live_until(
            application, clock, alex, database_url, clock.now() + timedelta(days=1, hours=2, minutes=1)
        )
        checkins = [moment.strftime("%a %H:%M") for moment, text in arrived if CHECKIN in text]
        nudges = [moment.strftime("%a %H:%M") for moment, text in arrived if NUDGE in text]
        assert checkins == ["Mon 09:00", "Tue 09:00"]
        assert nudges == ["Mon 11:00"]  # one; Tuesday's is not due yet
        nudge = next(text for _, text in arrived if NUDGE in text)
        assert "How strong is the pain" in nudge  # the question it is waiting on, ready to tap
        assert [c.status for c in await stored(database_url, CheckIn, alex.id)] == ["missed", "open"]

        await complete_checkin(alex)
        await alex.expect("today's check-in done")
        later = await live_until(application, clock, alex, database_url, clock.now() + timedelta(hours=3))
        assert not [text for _, text in later if NUDGE in text]  # answered: no nudge
    assert [c.status for c in await stored(database_url, CheckIn, alex.id)] == ["missed", "done"]


async def test_turning_reminders_off_and_moving_them(start_bot, alex, clock, database_url):
    async with start_bot(**QUIET) as application:
        await onboard(alex)
        await alex.send("/settings")
        await alex.answer("Your settings", "Which reminders")
        await alex.answer("Tap a reminder to turn it on or off", "Water")
        await alex.api.wait_for(alex.id, predicate=lambda m: any("⬜ Water" in t for t, _ in alex.api.buttons(m)))
        await alex.tap("Back")
        await alex.answer("Your settings", "Stretch times")
        await alex.expect("stretch reminders")
        await alex.send("10:15, 19:45")
        await alex.expect("Stretch reminders at 10:15 and 19:45")
        await alex.send("/settings")
        summary = await alex.expect("Your settings")
        assert "Reminders on: daily check-in, cold/heat sessions, stretches" in summary["text"]
        arrived = await live_until(application, clock, alex, database_url, clock.now() + timedelta(days=1))
    assert not [text for _, text in arrived if WATER in text]
    assert [moment.strftime("%H:%M") for moment, text in arrived if STRETCH in text] == ["10:15", "19:45"]


async def test_a_new_time_zone_moves_the_checkin_to_nine_there(start_bot, alex, clock, database_url):
    async with start_bot(**QUIET) as application:
        await onboard(alex, zone="London", at="09:00")
        await alex.send("/settings")
        await alex.answer("Your settings", "Time zone")
        await alex.answer("Which time zone", "New York")
        await alex.expect("Your next check-in is")
        arrived = await live_until(application, clock, alex, database_url, clock.now() + timedelta(days=2))
    checkins = [
        moment.astimezone(ZoneInfo("America/New_York")).strftime("%a %H:%M")
        for moment, text in arrived
        if CHECKIN in text
    ]
    assert checkins == ["Mon 09:00", "Tue 09:00"]
    assert all(moment.astimezone(ZoneInfo("America/New_York")).hour >= 8 for moment, _ in arrived)


async def test_reminders_falling_due_while_paused_are_dropped_not_saved_up(start_bot, alex, clock, database_url):
    async with start_bot(**QUIET) as application:
        await onboard(alex)
        await alex.send("/pause")
        await alex.expect("Paused")
        during = await live_until(application, clock, alex, database_url, clock.now() + timedelta(days=1))
        await alex.send("/resume")
        await alex.expect("Welcome back")
        await run_tick(application)
        after = await live_until(application, clock, alex, database_url, clock.now() + timedelta(hours=2, minutes=1))
    assert during == []
    assert [moment.strftime("%H:%M") for moment, _ in after] == ["08:30", "09:00", "09:00"]  # from now on only


async def test_a_due_reminder_goes_out_on_the_bots_own_tick(bot, alex, clock):
    await onboard(alex)
    clock.set(clock.now().replace(hour=8, minute=30))
    await alex.expect(WATER, timeout=10)


def test_the_default_tick_sends_within_a_minute_of_the_due_time():
    from flows.config import Settings

    assert Settings(_env_file=None).tick_seconds <= 30  # plus the time to send: well under 60 s
