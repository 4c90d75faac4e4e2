"""Bad input gets a clear answer and changes nothing: forged buttons and odd messages, seeded."""

import random

from sqlalchemy import text

from storage.database import Database
from storage.models import CheckIn
from tests.e2e.conftest import onboard
from tests.e2e.people import stored

FLOWS = ["consent", "ob", "ci", "set", "esc", "hold", "zz", ""]
STEPS = ["-", "onset", "cause", "tz", "time", "wake", "pain", "trend", "flags", "note", "menu", "ack", "how", ""]
VALUES = [
    "yes",
    "no",
    "back",
    "done",
    "none",
    "skip",
    "7",
    "-1",
    "999",
    "worse",
    "got",
    "ok",
    "Europe/London",
    "🙂",
    "x" * 30,
]
TEXTS = [
    "",
    " ",
    "🙂" * 50,
    "\u0000\u200b\u202e",
    "/",
    "/start@other_bot junk",
    "/checkin " + "a" * 500,
    "x" * 4096,
    "12:99",
    "-1",
    "None of these",
]


def forged_data(rng: random.Random) -> str:
    version = rng.choice(["1", "1", "1", "2", "", "v1"])
    ref = rng.choice(["1", "2", "0", "999999", "-5", "abc", ""])
    parts = [version, rng.choice(FLOWS), ref, rng.choice(STEPS), rng.choice(VALUES)]
    return "|".join(parts[: rng.randint(1, 6)])[:64]


async def test_forged_buttons_and_odd_messages_are_answered_and_change_nothing(bot, alex, api, database_url):
    await onboard(alex)
    await alex.send("/checkin")
    question = await alex.expect("How strong is the pain")
    await alex.tap("5")
    await alex.expect("Compared with yesterday")
    rng = random.Random(20261121)
    for _ in range(120):
        api.press(alex.id, question, forged_data(rng))
    for message in TEXTS:
        if message:
            api.send_text(alex.id, message)
    api.send_sticker(alex.id)
    api.send_voice(alex.id)
    api.send_location(alex.id, 10.0, 10.0)
    await api.idle(quiet=0.5, timeout=30)
    assert len(api.answered_callbacks) >= 120 + 2  # every press answered (plus the two real taps)
    assert not any("something went wrong" in t for t in alex.texts())
    [checkin] = await stored(database_url, CheckIn, alex.id)
    assert (checkin.pain, checkin.trend, checkin.step, checkin.status) == (5, None, "trend", "open")
    await alex.tap("Better")  # the real check-in carries on
    await alex.expect("have you had any of these")


async def test_forged_buttons_inside_settings_change_nothing(bot, alex, api):
    await onboard(alex)
    await alex.send("/settings")
    menu = await alex.expect("Your settings")
    rng = random.Random(7)
    for _ in range(80):
        api.press(alex.id, menu, forged_data(rng).replace("|ci|", "|set|"))
    await api.idle(quiet=0.5, timeout=30)
    assert len(api.answered_callbacks) >= 80
    assert not any("something went wrong" in t for t in alex.texts())
    await alex.tap("Check-in time")  # the menu still works
    await alex.expect("daily check-in")


async def _rename(database_url: str, old: str, new: str) -> None:
    database = Database(database_url)
    try:
        await database.run_sync(lambda connection: connection.execute(text(f"ALTER TABLE {old} RENAME TO {new}")))
    finally:
        await database.close()


async def test_a_database_fault_never_delays_seek_care_advice_and_the_bot_recovers(bot, alex, database_url):
    await onboard(alex)
    await _rename(database_url, "person", "person_away")  # every lookup of a person now fails
    await alex.send("/plan")
    await alex.expect("something went wrong on my side")
    await alex.send("I've lost control of my bladder")
    first_reply = await alex.expect("")
    assert "Call 112 now" in first_reply["text"]  # first, before any apology; 112: no time zone could be read
    await _rename(database_url, "person_away", "person")
    await alex.send("/plan")
    await alex.expect("Your plan for day")
