"""Journeys where a warning sign is reported: the advice comes first, then the care hold."""

from storage.models import CheckIn, Escalation
from storage.models import Person as PersonRow
from tests.e2e.conftest import onboard, run_tick
from tests.e2e.people import Person, complete_checkin, stored
from tests.e2e.scheduling import eventually


async def test_an_emergency_in_the_middle_of_a_checkin_comes_first_and_the_checkin_goes_on(bot, alex, database_url):
    await onboard(alex)
    await alex.send("/checkin")
    await alex.answer("How strong is the pain", "6")
    await alex.expect("Compared with yesterday")
    await alex.send("my legs just gave out and I can't feel my bum")
    advice = await alex.expect("Call 999 now")
    assert "legs just gave out" in advice["text"] or "can't feel my bum" in advice["text"]
    await alex.tap("Better")  # the check-in question is still there
    await alex.expect("have you had any of these")
    [checkin] = await stored(database_url, CheckIn, alex.id)
    assert (checkin.pain, checkin.trend, checkin.status) == (6, "better", "open")
    [escalation] = await stored(database_url, Escalation, alex.id)
    assert (escalation.tier, escalation.source) == ("emergency", "text")


async def test_seek_care_advice_never_waits_for_telegram_to_take_someone_elses_expired_button(bot, alex, api):
    """Telegram is slow to take "This button has expired" for Alex's stale press. The press's unit
    of work must not wait for it: on SQLite that would hold the one writer, and Sam's advice with it."""
    sam = Person(api, 1002, "Sam")
    await onboard(alex)
    await onboard(sam)
    api.delay("answerCallbackQuery", 3.0)
    press = api.press(alex.id, api.sent(alex.id)[-1], "1|ci|999999|pain|5")  # no such check-in
    query = press["callback_query"]["id"]

    def answers() -> list:
        return [
            call for call in api.calls_to("answerCallbackQuery") if str(call.params.get("callback_query_id")) == query
        ]

    [answer] = await eventually(answers, what="Alex's press answered")
    assert answer.params.get("text") == "This button has expired."
    await sam.send("I've lost control of my bladder")
    await sam.expect("Call 999 now")
    assert answer.status == 0  # Telegram is still taking Alex's answer


async def test_the_advice_names_the_symptom_what_to_do_how_soon_and_the_number(bot, alex):
    await onboard(alex, zone="New York")
    await alex.send("temp is 102F and I have the chills")
    advice = await alex.expect("needs a doctor today")
    assert "102" in advice["text"] and "today" in advice["text"] and "911" in advice["text"]
    labels = [label for label, _ in alex.api.buttons(advice)]
    assert labels == ["I've got help", "I'm getting help now", "This was a mistake"]


async def test_negated_symptoms_do_not_escalate(bot, alex, api):
    await onboard(alex)
    await alex.send("no fever, bladder is fine, not numb, just a warm sore back")
    await alex.expect("I'm not sure what you mean")
    assert not any("Call" in t or "doctor today" in t for t in alex.texts())


async def test_soon_advice_has_no_hold(bot, alex, clock, database_url):
    await onboard(alex)
    await alex.send("it wakes me up at night every night")
    advice = await alex.expect("book an appointment with your GP in the next few days")
    assert alex.api.buttons(advice) == []
    [person] = await stored(database_url, PersonRow, alex.id)
    assert person.care_hold_since is None


async def test_a_mistake_lifts_the_hold_and_checkins_carry_on(bot, alex, clock, database_url):
    await onboard(alex, at="09:00")
    await alex.send("I think I have shingles, there's a stripe of blisters on one side")
    await alex.answer("needs a doctor today", "This was a mistake")
    await alex.expect("Your check-ins carry on as usual")
    [escalation] = await stored(database_url, Escalation, alex.id)
    assert escalation.acknowledgement == "mistake" and escalation.acknowledged_at is not None
    clock.advance(hours=2)  # 09:00 London
    await alex.expect("Time for your check-in")


async def test_after_urgent_advice_reminders_pause_and_the_next_day_the_coach_asks(bot, alex, clock, database_url):
    await onboard(alex, at="09:00")
    clock.advance(hours=12)  # 19:00
    await alex.send("I've got a fever and shivers")
    await alex.answer("needs a doctor today", "I've got help")
    await alex.expect("I've paused your reminders")
    clock.advance(hours=14)  # 09:00 the next day, 14 hours on
    await alex.expect("How are you today?")
    assert not any("Time for your check-in" in t for t in alex.texts())
    await alex.tap("Still getting care")
    await alex.expect("I'll ask again tomorrow")
    clock.advance(days=1)
    await alex.answer("How are you today?", "I'm OK, carry on")
    await alex.expect("Your reminders are back on")
    await alex.expect("How strong is the pain")
    [person] = await stored(database_url, PersonRow, alex.id)
    assert person.care_hold_since is None


async def test_a_hold_that_began_just_before_the_checkin_skips_it_without_asking_yet(bot, alex, clock):
    await onboard(alex, at="09:00")
    clock.advance(hours=1, minutes=55)  # 08:55
    await alex.send("there's a red hot patch on my back that is spreading fast")
    await alex.expect("needs a doctor today")
    clock.advance(minutes=10)  # 09:05: the check-in slot passes while on hold
    await run_tick(bot)
    assert not any("How are you today?" in t or "Time for your check-in" in t for t in alex.texts())
    clock.advance(days=1)
    await alex.expect("How are you today?")


async def test_a_rising_pain_trend_gets_gp_advice_once(bot, alex, clock, database_url):
    await onboard(alex, onset="More than 2 days ago")
    for pain in ("3", "4", "5", "6"):
        await alex.send("/checkin")
        await alex.expect("How strong is the pain")
        await complete_checkin(alex, pain=pain, trend="Worse", heat="No difference")
        await alex.expect("today's check-in done")
        clock.advance(days=1)
    advice = [t for t in alex.texts() if "pain getting worse over days" in t]
    assert len(advice) == 1 and "GP in the next few days" in advice[0]
    escalations = await stored(database_url, Escalation, alex.id)
    assert [(e.tier, e.triggers, e.source) for e in escalations] == [("soon", ["worsening_over_days"], "trend")]


async def test_an_ambiguous_message_gets_one_direct_question(bot, alex):
    await onboard(alex)
    await alex.send("my legs feel weird")
    reply = await alex.expect("?")
    assert "both legs" in reply["text"].lower() or "legs" in reply["text"].lower()


async def test_captions_and_edited_messages_are_triaged_too(bot, alex, api):
    await onboard(alex)
    api.send_photo(alex.id, caption="look, blisters in a stripe on one side of my back")
    await alex.expect("needs a doctor today")
    sent = api.send_text(alex.id, "my back is fine today")
    await alex.expect("I'm not sure what you mean")
    api.edit_text(alex.id, sent["message"]["message_id"], "my back is fine today but I can't pee at all")
    await alex.expect("Call 999 now")


async def test_one_persons_paced_replies_do_not_hold_up_anyone_elses_emergency(start_bot, api):
    alex, sam = Person(api, 1001, "Alex"), Person(api, 2002, "Sam")
    async with start_bot(per_chat_messages_per_second=1):  # Telegram's real per-chat pace
        for _ in range(8):
            await alex.send("hello?")
        await sam.send("I can't pee and both my legs are numb")
        await sam.expect("Call 112 now")
        assert sum("Is that OK?" in t for t in alex.texts()) < 8  # Alex's replies are still being paced
        await api.wait_for(alex.id, predicate=lambda _: sum("Is that OK?" in t for t in alex.texts()) == 8, timeout=15)


async def test_an_emergency_does_not_wait_for_the_same_persons_paced_replies(start_bot, api):
    alex = Person(api, 1001, "Alex")
    async with start_bot(per_chat_messages_per_second=1):  # Telegram's real per-chat pace
        for _ in range(12):
            await alex.send("hello?")
        await alex.send("I can't pee and both my legs are numb")
        await alex.expect("Call 112 now")
        assert sum("Is that OK?" in t for t in alex.texts()) < 8  # the earlier replies are still being paced
        await api.wait_for(alex.id, predicate=lambda _: sum("Is that OK?" in t for t in alex.texts()) == 12, timeout=20)


async def test_an_emergency_is_handled_at_once_while_hundreds_of_replies_wait_for_telegrams_overall_limit(
    start_bot, api
):
    """300 people write at once, and the bot may send 2 messages a second: their replies wait in the
    rate limiter for minutes. Sam's report must not wait for any of them to go out first."""
    crowd = [Person(api, 5000 + n, f"P{n}") for n in range(300)]
    sam = Person(api, 2002, "Sam")
    async with start_bot(messages_per_second=2) as application:
        limiter = application.bot.rate_limiter
        try:
            for person in crowd:
                await person.send("hello?")
            await eventually(lambda: limiter.queue_depth("interactive") > 200, what="the crowd's replies queued")
            await sam.send("I can't pee and both my legs are numb")
            await sam.expect("Call 112 now")
            assert limiter.queue_depth("interactive") > 200  # the crowd's replies are still waiting
        finally:
            await limiter.shutdown()  # drop them, or stopping the bot would wait minutes for them to go out


async def test_a_message_the_coach_cannot_read_gets_the_checklist_and_a_tap_gets_the_advice(bot, alex, database_url):
    await onboard(alex)
    await alex.send("No puedo orinar desde esta mañana y me duele la espalda")
    checklist = await alex.expect("I can only read English for now")
    labels = [label for label, _ in alex.api.buttons(checklist)]
    assert "Can't pee, or lost bladder/bowel control" in labels and labels[-1] == "None of these"
    await alex.tap("Can't pee")
    advice = await alex.expect("Call 999 now")
    assert "difficulty peeing" in advice["text"] or "pee" in advice["text"]
    [escalation] = await stored(database_url, Escalation, alex.id)
    assert (escalation.tier, escalation.source) == ("emergency", "net")


async def test_naming_a_warning_sign_without_saying_it_is_happening_gets_the_checklist_once(bot, alex, api):
    await onboard(alex)
    await alex.send("what does saddle numbness even mean?")
    await alex.expect("do you have any of these right now")
    await alex.tap("None of these")
    await alex.expect("Thanks for checking")
    assert not any("Call 999" in t for t in alex.texts())
    assert sum("do you have any of these right now" in t for t in alex.texts()) == 1
