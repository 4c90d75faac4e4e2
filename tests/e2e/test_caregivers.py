"""Caregivers: two people on the Bot API double, over several simulated days.

Alex (London) is coached and invites Sam (New York), who never set up coaching themselves.
"""

import asyncio
import re
import struct
import time as wall
from contextlib import asynccontextmanager
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text as sql

from storage.database import Database
from storage.models import CaregiverInvite, CaregiverLink, Escalation, Reminder
from tests.e2e.conftest import onboard, step_until
from tests.e2e.people import Person, complete_checkin, stored
from tests.e2e.scheduling import eventually

QUIET = {"tick_seconds": 3600}
NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture
def sam(api) -> Person:
    return Person(api, 2002, "Sam")


async def invite(alex: Person, *, untick: tuple[str, ...] = (), missed_after: str | None = "2") -> str:
    """Alex invites someone; returns the link from the invitation message."""
    await alex.send("/caregiver")
    await alex.answer("You can invite a partner", "Invite someone")
    await alex.expect("What should the person you invite receive?")
    for label in untick:
        await alex.tap(label)
        await alex.api.wait_for(
            alex.id, predicate=lambda m, label=label: not any(label in t and "✅" in t for t, _ in alex.api.buttons(m))
        )
    await alex.tap("Done")
    if missed_after:
        await alex.answer("After how many missed check-ins", missed_after)
    invitation = await alex.expect("Here is your invitation")
    return re.search(r"https://t\.me/\S+", invitation["text"])[0]


async def accept(sam: Person, link: str, *, at: str | None = "20:00") -> None:
    """Sam opens the link, accepts, and picks New York and (for daily summaries) a time."""
    payload = link.split("start=")[1]
    await sam.send(f"/start {payload}")
    await sam.answer("invites you to see how their back is doing", "Accept")
    await sam.expect("You're now connected with")
    if at:
        await sam.answer("Which time zone are you in?", "New York")
        await sam.answer("What time would you like the daily summary", at)
        await sam.expect("All set")


async def test_invite_accept_and_daily_summaries_at_the_caregivers_local_time(
    start_bot, api, alex, sam, clock, database_url
):
    async with start_bot(**QUIET) as application:
        await onboard(alex)
        link = await invite(alex, untick=("A weekly summary",))
        assert link.startswith("https://t.me/coach_test_bot?start=c_")
        await accept(sam, link)
        await alex.expect("Sam accepted your invitation")

        await alex.send("/checkin")
        await alex.expect("How strong is the pain")
        await complete_checkin(alex, pain="6", trend="Worse")
        await alex.expect("today's check-in done")
        tuesday_checkin = clock.now().replace(hour=9, minute=1) + timedelta(days=1)
        day_one = await step_until(application, clock, database_url, tuesday_checkin, alex, sam)
        # Tuesday's check-in arrived at 09:00 London; this time with a note
        await complete_checkin(
            alex, trend="Better", sessions="3", stretches="2", note="my sister's wedding is stressing me out"
        )
        await alex.expect("today's check-in done")
        day_two = await step_until(application, clock, database_url, clock.now() + timedelta(days=2), alex, sam)

    summaries = [
        (moment, m["text"]) for moment, m in day_one[sam.id] + day_two[sam.id] if "Alex's back" in m.get("text", "")
    ]
    assert [moment.astimezone(NEW_YORK).strftime("%a %H:%M") for moment, _ in summaries] == [
        "Mon 20:00",
        "Tue 20:00",
        "Wed 20:00",
    ]
    monday, tuesday, wednesday = (text for _, text in summaries)
    assert "day 1" in monday and "Pain: 6/10" in monday and "worse" in monday and "Check-in: answered" in monday
    assert "Pain: 4/10, down from 6 yesterday" in tuesday and "better" in tuesday
    assert "Check-in: not answered yet today" in wednesday
    for text in (monday, tuesday, wednesday):
        assert "wedding" not in text and "note" not in text.lower()  # a note never reaches a caregiver
        assert "None of these" not in text  # nor the red-flag checklist
    assert not [m for _, m in day_one[sam.id] + day_two[sam.id] if "week" in m.get("caption", "")]  # weekly not chosen


async def test_weekly_summary_is_a_chart(start_bot, api, alex, sam, clock, database_url):
    async with start_bot(**QUIET) as application:
        await onboard(alex)
        await accept(sam, await invite(alex))
        await step_until(application, clock, database_url, clock.now() + timedelta(days=7), alex, sam)
    [weekly] = [upload for upload in api.uploaded(sam.id) if upload.method == "sendPhoto"]
    assert "Alex's week" in weekly.caption and "Check-ins answered: 0 of 5" in weekly.caption  # Sunday's is still open
    width, height = png_size(weekly.data)
    assert (width, height) == (800, 450)


def png_size(data: bytes) -> tuple[int, int]:
    """Decode a PNG's signature and header: its width and height."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR" and length == 13
    return struct.unpack(">II", data[16:24])


async def test_two_missed_checkins_alert_the_caregiver_once(start_bot, api, alex, sam, clock, database_url):
    async with start_bot(**QUIET) as application:
        await onboard(alex)
        await accept(sam, await invite(alex, untick=("A daily summary", "A weekly summary"), missed_after="2"), at=None)
        arrived = await step_until(application, clock, database_url, clock.now() + timedelta(days=4), alex, sam)
    alerts = [(moment, m["text"]) for moment, m in arrived[sam.id] if "hasn't answered" in m.get("text", "")]
    # Monday's check-in is missed when Tuesday's opens, Tuesday's when Wednesday's opens: 2 in a row.
    assert [moment.astimezone(ZoneInfo("Europe/London")).strftime("%a %H:%M") for moment, _ in alerts] == ["Wed 09:00"]
    assert "Alex hasn't answered their last 2 check-ins in a row" in alerts[0][1]


async def test_an_escalation_reaches_the_caregiver_within_a_second_then_the_acknowledgement(bot, api, alex, sam):
    await onboard(alex)
    await accept(sam, await invite(alex))
    mark = api.mark(sam.id)
    began = wall.monotonic()
    await alex.send("I can't feel anything between my legs and I wet myself")
    await alex.expect("Call 999 now")
    alert = await api.wait_for(sam.id, "needs emergency help", since=mark, timeout=5)
    assert wall.monotonic() - began < 1.0
    assert "Please call Alex now" in alert["text"] and "999" in alert["text"]
    assert "legs" not in alert["text"]  # what to do, not the symptoms
    await alex.tap("I've got help")
    await api.wait_for(sam.id, "Alex says they've got help", since=mark)


@asynccontextmanager
async def escalations_refused(database_url: str):
    """The escalation table refuses every write, as a full disk would, until the block ends."""
    if database_url.startswith("postgresql"):
        statements = (
            "CREATE FUNCTION disk_full() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION USING ERRCODE = 'disk_full',"
            " MESSAGE = 'could not extend file: No space left on device'; END $$ LANGUAGE plpgsql",
            "CREATE TRIGGER disk_is_full BEFORE INSERT OR UPDATE ON escalation FOR EACH ROW EXECUTE FUNCTION disk_full()",
        )
        undo = ("DROP TRIGGER disk_is_full ON escalation", "DROP FUNCTION disk_full()")
    else:
        statements = (
            "CREATE TRIGGER disk_is_full BEFORE INSERT ON escalation BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END",
        )
        undo = ("DROP TRIGGER disk_is_full",)
    await _execute(database_url, statements)
    try:
        yield
    finally:
        await _execute(database_url, undo)


async def _execute(database_url: str, statements: tuple[str, ...]) -> None:
    database = Database(database_url)
    try:
        for statement in statements:
            await database.run_sync(lambda connection, statement=statement: connection.execute(sql(statement)))
    finally:
        await database.close()


async def test_an_emergency_that_cannot_be_stored_still_alerts_the_caregiver_and_is_stored_later(
    bot, api, alex, sam, database_url
):
    await onboard(alex)
    await accept(sam, await invite(alex))
    mark = api.mark(sam.id)
    async with escalations_refused(database_url):
        await alex.send("I can't feel anything between my legs and I wet myself")
        await alex.expect("Call 999 now")
        await api.wait_for(sam.id, "needs emergency help", since=mark, timeout=5)
        assert await stored(database_url, Escalation, alex.id) == []
    await eventually(lambda: _escalations(database_url, alex.id), what="the escalation stored once space is back")
    await asyncio.sleep(2.5)  # the next tries would have come by now: it is stored once
    [escalation] = await stored(database_url, Escalation, alex.id)
    assert escalation.tier == "emergency" and "saddle_numbness" in escalation.triggers


async def _escalations(database_url: str, telegram_id: int) -> int:
    return len(await stored(database_url, Escalation, telegram_id))


async def test_a_burst_of_emergency_texts_alerts_the_caregiver_once(bot, api, alex, sam, database_url):
    await onboard(alex)
    await accept(sam, await invite(alex))
    mark = api.mark(sam.id)
    for _ in range(5):
        await alex.send("I can't pee at all and my legs are numb")
        await alex.expect("Call 999 now")
    await api.wait_for(sam.id, "needs emergency help", since=mark, timeout=5)
    await asyncio.sleep(1.0)
    alerts = [m for m in api.sent(sam.id) if "needs emergency help" in (m.get("text") or "")]
    assert len(alerts) == 1
    assert len(await stored(database_url, Escalation, alex.id)) == 5  # every one is still stored


@pytest.mark.parametrize("who", ["person", "caregiver"])
async def test_either_side_can_stop_sharing_and_nothing_is_sent_after(
    start_bot, api, alex, sam, clock, database_url, who
):
    async with start_bot(**QUIET) as application:
        await onboard(alex)
        await accept(sam, await invite(alex))
        stopper, other = (alex, sam) if who == "person" else (sam, alex)
        await stopper.send("/caregiver")
        await stopper.answer("You share your progress with" if who == "person" else "You receive updates from", "Stop")
        await stopper.expect("Done:")
        await other.expect("stopped")
        mark = api.mark(sam.id)
        await alex.send("I can't feel anything between my legs and I wet myself")
        await alex.expect("Call 999 now")
        after = await step_until(application, clock, database_url, clock.now() + timedelta(days=8), alex, sam)
    assert after[sam.id] == [] and api.mark(sam.id) == mark  # no summary, no alert
    [link] = await stored(database_url, CaregiverLink, alex.id)
    assert link.ended_at is not None
    assert not [
        r
        for r in await stored(database_url, Reminder, alex.id)
        if r.kind.startswith("care_") and r.status != "dropped" and r.status != "sent"
    ]


async def test_forged_expired_reused_and_own_codes_are_refused(start_bot, api, alex, sam, clock, database_url):
    kim = Person(api, 3003, "Kim")
    async with start_bot(**QUIET):
        await onboard(alex)
        link = await invite(alex)
        payload = link.split("start=")[1]
        code = payload.removeprefix("c_")

        await sam.send("/start c_" + "2" * 28)  # well-formed, but no such invitation
        await sam.expect("I don't recognise that invitation code")
        await alex.send(f"/start {payload}")
        await alex.expect("This is your own invitation")

        await sam.send(f"/start {payload}")
        preview = await sam.expect("invites you")
        forged = [(text, data.replace("|ans|y", "|ans|y2")) for text, data in api.buttons(preview) if text == "Accept"]
        api.press(sam.id, preview, forged[0][1])  # the button's code altered
        await api.idle()
        assert api.answered_callbacks[-1].get("text") == "This button has expired."
        await sam.tap("Accept")
        await sam.expect("You're now connected with Alex")

        await kim.send(code.upper()[:4] + " " + code.upper()[4:])  # typed, with a space
        await kim.expect("already been used")

        link2 = await invite_again(alex)
        clock.advance(hours=48, minutes=1)
        await kim.send(link2)
        await kim.expect("This invitation has expired")
    invites_stored = await stored(database_url, CaregiverInvite, alex.id)
    assert all(code not in (i.code_hash or "") for i in invites_stored)  # only hashes are kept
    assert len(await stored(database_url, CaregiverLink, alex.id)) == 1


async def invite_again(alex: Person) -> str:
    await alex.send("/caregiver")
    await alex.answer("You can invite a partner", "Invite someone")
    await alex.expect("What should the person you invite receive?")
    await alex.tap("Done")
    await alex.answer("After how many missed check-ins", "1")
    invitation = await alex.expect("Here is your invitation")
    return re.search(r"https://t\.me/\S+", invitation["text"])[0]


async def test_progress_shows_the_chart_and_a_plain_reading(start_bot, api, alex, clock, database_url):
    async with start_bot(**QUIET) as application:
        await onboard(alex)
        await alex.send("/checkin")
        await alex.expect("How strong is the pain")
        await complete_checkin(alex, pain="7")
        await alex.expect("today's check-in done")
        await step_until(
            application, clock, database_url, clock.now().replace(hour=9, minute=1) + timedelta(days=1), alex
        )
        await complete_checkin(alex, pain="4")
        await alex.expect("today's check-in done")
        await alex.send("/progress")
        await api.wait_for(alex.id, "Pain down from 7 to 4")
    [chart] = [upload for upload in api.uploaded(alex.id) if upload.method == "sendPhoto"]
    assert chart.caption.startswith("Pain down from 7 to 4 since yesterday: that is a meaningful improvement")
    assert png_size(chart.data) == (800, 450)


async def test_deleting_either_side_ends_the_sharing_and_tells_the_other(start_bot, api, alex, sam, database_url):
    async with start_bot(**QUIET):
        await onboard(alex)
        await accept(sam, await invite(alex))
        await sam.send("/delete")
        await sam.answer("It can't be undone", "Yes, delete everything")
        await sam.expect("everything about you is erased")
        await alex.expect("Sam has stopped receiving your updates")
        assert await stored(database_url, CaregiverLink, alex.id) == []

        await accept(sam, await invite_again(alex))
        await alex.send("/delete")
        await alex.answer("It can't be undone", "Yes, delete everything")
        await alex.expect("everything about you is erased")
        await sam.expect("Alex has stopped sharing with you")
