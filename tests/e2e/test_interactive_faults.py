"""Faults on the bot's interactive replies (not the scheduler's): Telegram's 429, 403 and 400
"message is not modified", timeouts and connection resets, and buttons pressed twice quickly.

In every journey the answer stored before the fault stays stored, the person can carry on, and
other people are served meanwhile.
"""

import asyncio
import sqlite3
import time

import pytest

from storage.models import CheckIn, Escalation
from storage.models import Person as PersonRow
from tests.botapi.shapes import NOT_MODIFIED
from tests.e2e.conftest import onboard
from tests.e2e.people import Person, stored

BLOCKED = "Forbidden: bot was blocked by the user"
SORRY = "something went wrong on my side"


@pytest.fixture
async def bot(start_bot):
    """The bot at a pace far above Telegram's, so set-up is quick; 429s are still waited out."""
    async with start_bot(messages_per_second=10_000, per_chat_messages_per_second=10_000) as application:
        yield application


@pytest.fixture(autouse=True)
def _retry_after_as_timedelta(monkeypatch):
    """PTB warns whenever RetryAfter.retry_after is read as an int."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


async def at_pain_question(person: Person) -> dict:
    await onboard(person)
    await person.send("/checkin")
    return await person.expect("How strong is the pain")


async def the_checkin(database_url: str, person: Person) -> CheckIn:
    [checkin] = await stored(database_url, CheckIn, person.id)
    return checkin


def count(person: Person, text: str) -> int:
    return sum(text in t for t in person.texts())


# ---------------------------------------------------------------------------------------- 429


async def test_a_429_on_a_reply_is_waited_out_and_the_reply_arrives_once(bot, alex, api, database_url):
    await at_pain_question(alex)
    api.fail_next(
        "sendMessage", status=429, description="Too Many Requests: retry after 1", retry_after=1, chat_id=alex.id
    )
    loop = asyncio.get_running_loop()
    tapped = loop.time()
    await alex.tap("5")
    await alex.expect("Compared with yesterday")
    assert loop.time() - tapped >= 1.0  # Telegram's retry_after was respected
    assert [c.status for c in api.calls_to("sendMessage")][-2:] == [429, 200]
    assert count(alex, "Compared with yesterday") == 1 and count(alex, SORRY) == 0
    checkin = await the_checkin(database_url, alex)
    assert (checkin.pain, checkin.step) == (5, "trend")
    await alex.tap("Better")  # and on it goes
    await alex.expect("have you had any of these")


async def test_a_429_on_an_edit_is_retried_too(bot, alex, api, database_url):
    question = await at_pain_question(alex)
    api.fail_next(
        "editMessageText", status=429, description="Too Many Requests: retry after 1", retry_after=1, chat_id=alex.id
    )
    await alex.tap("6")
    await alex.expect("Compared with yesterday")
    await api.idle(quiet=0.2)
    [closed] = [m for m in api.sent(alex.id) if m["message_id"] == question["message_id"]]
    assert closed["text"].endswith("→ 6") and api.buttons(closed) == []  # closed after the wait
    assert count(alex, SORRY) == 0 and (await the_checkin(database_url, alex)).pain == 6


# ---------------------------------------------------------------------------------------- 403


async def test_a_person_who_blocks_the_bot_mid_reply_costs_nobody_else_anything(bot, alex, api, database_url):
    sam = Person(api, 2002, "Sam")
    await onboard(sam)
    question = await at_pain_question(alex)
    api.press_button(alex.id, question, "5")
    api.block(alex.id)  # right after tapping: every reply to Alex now gets 403
    await sam.send("/checkin")  # Sam is served meanwhile
    await sam.expect("How strong is the pain")
    await api.idle(quiet=0.3)
    refused = [c for c in api.calls if c.params.get("chat_id") == alex.id and c.status == 403]
    assert refused, "the reply to Alex should have met the block"
    after = api.calls.index(refused[0])
    assert not [
        c for c in api.calls[after + 1 :] if c.method == "sendMessage" and c.params.get("chat_id") == alex.id
    ]  # no apology into the void
    assert (await the_checkin(database_url, alex)).pain == 5  # stored before the reply failed
    [person] = await stored(database_url, PersonRow, alex.id)
    assert person.blocked_at is not None  # from Telegram's notice of the block: no reminders now
    api.unblock(alex.id)
    await alex.send("/checkin")
    await alex.expect("pick up your check-in where we left off")
    [person] = await stored(database_url, PersonRow, alex.id)
    assert person.blocked_at is None  # writing again makes them reachable
    checkin = await the_checkin(database_url, alex)
    assert (checkin.status, checkin.pain, checkin.step) == ("open", 5, "trend")


async def test_a_403_on_one_reply_is_not_answered_with_an_apology(bot, alex, api, database_url):
    await at_pain_question(alex)
    api.fail_next("sendMessage", status=403, description=BLOCKED, chat_id=alex.id)
    await alex.tap("3")
    await api.idle(quiet=0.3)
    assert count(alex, SORRY) == 0 and count(alex, "Compared with yesterday") == 0
    assert (await the_checkin(database_url, alex)).pain == 3
    await alex.send("/checkin")
    await alex.expect("Compared with yesterday")


# ------------------------------------------------------------------------------ not modified


async def test_not_modified_on_closing_an_answered_question_is_ignored(bot, alex, api, database_url):
    await at_pain_question(alex)
    api.fail_next("editMessageText", status=400, description=f"Bad Request: {NOT_MODIFIED}", chat_id=alex.id)
    await alex.tap("4")
    await alex.expect("Compared with yesterday")
    await api.idle(quiet=0.2)
    assert count(alex, SORRY) == 0 and (await the_checkin(database_url, alex)).pain == 4


async def test_not_modified_on_redrawing_the_checklist_is_ignored(bot, alex, api, database_url):
    await at_pain_question(alex)
    await alex.tap("4")
    await alex.answer("Compared with yesterday", "Same")
    await alex.expect("have you had any of these")
    api.fail_next("editMessageReplyMarkup", status=400, description=f"Bad Request: {NOT_MODIFIED}", chat_id=alex.id)
    await alex.tap("Fever, chills")
    await alex.expect("needs a doctor today")  # a ticked red flag is escalated at once
    await api.idle(quiet=0.2)
    assert count(alex, SORRY) == 0
    assert (await the_checkin(database_url, alex)).red_flags == ["fever"]


async def test_not_modified_on_removing_the_acknowledgement_buttons_is_ignored(bot, alex, api, database_url):
    await onboard(alex)
    await alex.send("I've got a fever and shivers")
    await alex.expect("needs a doctor today")
    api.fail_next("editMessageReplyMarkup", status=400, description=f"Bad Request: {NOT_MODIFIED}", chat_id=alex.id)
    await alex.tap("I've got help")
    await alex.expect("I've paused your reminders")
    assert count(alex, SORRY) == 0
    [escalation] = await stored(database_url, Escalation, alex.id)
    assert escalation.acknowledgement == "got"


# ------------------------------------------------------------------- timeouts and resets


async def test_a_reply_that_times_out_loses_no_answer(bot, alex, api, database_url):
    """PTB gives up after its 5 s read timeout; Telegram never delivered the question."""
    await at_pain_question(alex)
    api.delay("sendMessage", 6)
    await alex.tap("7")
    await alex.expect(SORRY, timeout=10)  # told to try again
    assert any(call.status == 499 for call in api.calls_to("sendMessage"))  # the bot hung up on the slow call
    assert count(alex, "Compared with yesterday") == 0
    checkin = await the_checkin(database_url, alex)
    assert (checkin.pain, checkin.step, checkin.status) == (7, "trend", "open")
    await alex.send("/checkin")
    await alex.expect("pick up your check-in where we left off")
    await alex.tap("Worse")
    await alex.expect("have you had any of these")
    assert (await the_checkin(database_url, alex)).trend == "worse"


async def test_a_connection_reset_on_a_reply_loses_no_answer(bot, alex, api, database_url):
    await at_pain_question(alex)
    api.drop_next("sendMessage", chat_id=alex.id)
    await alex.tap("2")
    await alex.expect(SORRY)  # told to try again
    assert count(alex, "Compared with yesterday") == 0
    assert (await the_checkin(database_url, alex)).pain == 2
    await alex.send("/checkin")  # /checkin picks up where it stopped
    await alex.answer("pick up your check-in where we left off", "Better")
    await alex.expect("have you had any of these")
    checkin = await the_checkin(database_url, alex)
    assert (checkin.pain, checkin.trend, checkin.step) == (2, "better", "flags")


@pytest.mark.parametrize(
    "method, status, description",
    [
        ("answerCallbackQuery", None, None),  # connection reset
        (
            "answerCallbackQuery",
            400,
            "Bad Request: query is too old and response timeout expired or query ID is invalid",
        ),
        ("editMessageText", None, None),  # closing the answered question
    ],
    ids=["button-answer-reset", "button-answer-too-old", "closing-edit-reset"],
)
async def test_a_fault_on_a_cosmetic_call_does_not_stop_the_checkin(
    bot, alex, api, database_url, method, status, description
):
    """The spinner and the closed keyboard are cosmetic: the next question still comes."""
    await at_pain_question(alex)
    if status is None:
        api.drop_next(method)
    else:
        api.fail_next(method, status=status, description=description)
    await alex.tap("8")
    await alex.answer("Compared with yesterday", "Same")
    await alex.expect("have you had any of these")
    assert count(alex, SORRY) == 0
    checkin = await the_checkin(database_url, alex)
    assert (checkin.pain, checkin.trend) == (8, "same")


async def at_checklist(person: Person) -> None:
    await at_pain_question(person)
    await person.tap("4")
    await person.answer("Compared with yesterday", "Same")
    await person.expect("have you had any of these")


@pytest.mark.parametrize("method", ["editMessageReplyMarkup", "answerCallbackQuery"])
async def test_a_network_fault_around_a_ticked_red_flag_never_holds_up_the_advice(bot, alex, api, database_url, method):
    """Redrawing the ticks and stopping the button's spinner are cosmetic; the advice is not."""
    await at_checklist(alex)
    api.drop_next(method)
    await alex.tap("Fever, chills")
    await alex.expect("needs a doctor today")
    assert (await the_checkin(database_url, alex)).red_flags == ["fever"]
    [escalation] = await stored(database_url, Escalation, alex.id)
    assert (escalation.tier, escalation.source) == ("urgent", "checkin")


async def test_a_network_fault_closing_the_cause_question_never_holds_up_the_injury_advice(
    bot, alex, api, database_url
):
    await alex.send("/start")
    await alex.answer("store your answers", "I agree")
    await alex.answer("When did the warmth", "last 24 hours")
    await alex.expect("What do you link it to")
    api.drop_next("editMessageText", chat_id=alex.id)
    await alex.tap("A fall, knock or accident")
    await alex.expect("needs a doctor today")
    [escalation] = await stored(database_url, Escalation, alex.id)
    assert (escalation.tier, escalation.source) == ("urgent", "onboarding")


async def test_the_bot_keeps_serving_others_while_one_reply_hangs(bot, alex, api):
    sam = Person(api, 2002, "Sam")
    await onboard(sam)
    await at_pain_question(alex)
    api.delay("editMessageText", 2)  # Alex's answered question is closed slowly
    loop = asyncio.get_running_loop()
    started = loop.time()
    await alex.tap("5")
    await sam.send("/plan")
    await sam.expect("Your plan for day")
    assert loop.time() - started < 1
    await alex.expect("Compared with yesterday", timeout=5)


# ---------------------------------------------------------------------- pressed twice quickly


def expired_answers(api) -> list[dict]:
    return [a for a in api.answered_callbacks if a.get("text") == "This button has expired."]


async def test_the_same_button_pressed_twice_quickly_stores_one_answer(bot, alex, api, database_url):
    question = await at_pain_question(alex)
    before = len(expired_answers(api))
    api.press_button(alex.id, question, "6")
    api.press_button(alex.id, question, "6")  # before the first is handled
    await alex.expect("Compared with yesterday")
    await api.idle(quiet=0.2)
    assert count(alex, "Compared with yesterday") == 1 and count(alex, SORRY) == 0
    assert len(expired_answers(api)) == before + 1  # both presses answered; the second one expired
    checkin = await the_checkin(database_url, alex)
    assert (checkin.pain, checkin.step) == (6, "trend")


async def test_a_second_button_pressed_while_the_first_is_in_flight_changes_nothing(bot, alex, api, database_url):
    question = await at_pain_question(alex)
    api.delay("editMessageText", 0.5)  # the first press is still being answered...
    api.press_button(alex.id, question, "2")
    while not any(c.method == "editMessageText" and c.status == 0 for c in api.calls):
        await asyncio.sleep(0.01)
    api.press_button(alex.id, question, "9")  # ...when a second button of the same question is pressed
    await alex.expect("Compared with yesterday")
    await api.idle(quiet=0.2)
    assert count(alex, "Compared with yesterday") == 1 and count(alex, SORRY) == 0
    assert (await the_checkin(database_url, alex)).pain == 2


async def test_an_acknowledgement_pressed_twice_quickly_is_stored_once(bot, alex, api, database_url):
    await onboard(alex)
    await alex.send("I think I have shingles, there's a stripe of blisters on one side")
    advice = await alex.expect("needs a doctor today")
    api.press_button(alex.id, advice, "This was a mistake")
    api.press_button(alex.id, advice, "I've got help")  # a second tap before the buttons went away
    await alex.expect("Your check-ins carry on as usual")
    await api.idle(quiet=0.2)
    assert count(alex, SORRY) == 0 and count(alex, "I've paused your reminders") == 0
    [escalation] = await stored(database_url, Escalation, alex.id)
    assert escalation.acknowledgement == "mistake"
    [person] = await stored(database_url, PersonRow, alex.id)
    assert person.care_hold_since is None  # the first answer stands


async def test_delete_confirmed_twice_quickly_fails_nowhere(bot, alex, api, database_url):
    await onboard(alex)
    await alex.send("/delete")
    confirm = await alex.expect("Delete everything?")
    answered = len(api.answered_callbacks)
    api.press_button(alex.id, confirm, "Yes, delete everything")
    api.press_button(alex.id, confirm, "Yes, delete everything")
    await alex.expect("everything about you is erased")
    await api.idle(quiet=0.2)
    assert len(api.answered_callbacks) == answered + 2 and count(alex, SORRY) == 0
    assert await stored(database_url, PersonRow, alex.id) == []


# ------------------------------------------------------------------------- a locked database


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # PostgreSQL's writers wait for row locks
async def test_a_pain_score_tapped_while_another_process_holds_the_write_lock_is_saved(bot, alex, api, database_url):
    question = await at_pain_question(alex)
    path = database_url.removeprefix("sqlite:///")
    other = sqlite3.connect(path, isolation_level=None)  # a sqlite3 shell left in a transaction
    other.execute("BEGIN IMMEDIATE")
    try:
        api.press_button(alex.id, question, "6")
        await alex.expect("still saving that", timeout=15)  # once a unit of work gave up waiting for the lock
        await asyncio.sleep(3)  # and it is held a while longer
    finally:
        other.execute("COMMIT")
        other.close()
    await alex.expect("Compared with yesterday", timeout=40)
    assert (await the_checkin(database_url, alex)).pain == 6
    assert count(alex, SORRY) == 0 and count(alex, "still saving that") == 1


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_new_persons_emergency_is_answered_at_once_while_the_write_lock_is_held(bot, api, database_url):
    stranger = Person(api, 7_000_000_002, "Kim")
    other = sqlite3.connect(database_url.removeprefix("sqlite:///"), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        began = time.monotonic()
        await stranger.send("I can't pee and both my legs have gone numb")
        await stranger.expect("Call 112 now", timeout=5)
        assert time.monotonic() - began < 1.0
    finally:
        other.execute("COMMIT")
        other.close()
