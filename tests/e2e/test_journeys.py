"""Journeys through the real bot: onboarding, check-ins, the cold-to-heat plan, restarts."""

from storage.models import CheckIn
from tests.e2e.conftest import onboard, run_tick
from tests.e2e.people import Person, complete_checkin, stored
from tests.e2e.scheduling import eventually


async def test_a_new_person_onboards_and_completes_a_checkin(bot, alex, database_url):
    await onboard(alex)
    plan = next(text for text in reversed(alex.texts()) if "Your plan for day" in text)
    assert "Cold" in plan and "Never put ice straight on your skin" in plan
    await alex.send("/checkin")
    await alex.expect("Time for your check-in")
    await complete_checkin(alex, pain="6")
    summary = await alex.expect("that's today's check-in done")
    assert "Pain today: 6/10" in summary["text"]
    [checkin] = await stored(database_url, CheckIn, alex.id)
    assert (checkin.status, checkin.pain, checkin.trend, checkin.red_flags) == ("done", 6, "better", [])
    assert (checkin.sessions, checkin.stretches, checkin.water_glasses, checkin.heat_effect, checkin.note) == (
        2,
        1,
        6,
        None,
        None,
    )


async def test_declining_consent_stores_nothing(bot, alex, database_url):
    await alex.send("/start")
    await alex.answer("store your answers", "No thanks")
    await alex.expect("haven't stored anything")
    await alex.send("hello?")
    await alex.expect("Is that OK?")  # any first message gets the welcome and consent again
    assert await stored(database_url, CheckIn, alex.id) == []


async def test_back_goes_to_the_previous_question_and_typed_answers_work(bot, alex):
    await alex.send("/start")
    await alex.answer("store your answers", "I agree")
    await alex.answer("When did the warmth", "1–2 days ago")
    await alex.answer("What do you link it to", "Back")
    await alex.answer("When did the warmth", "More than 2 days ago")
    await alex.answer("What do you link it to", "Long sitting")
    await alex.expect("Which time zone")
    await alex.send("Xyzzyville")
    await alex.expect("couldn't find a place")
    await alex.send("USA")
    await alex.expect("several time zones")
    await alex.send("Chicago")
    await alex.expect("Time zone set to America/Chicago")
    await alex.expect("daily check-in")
    await alex.send("25:99")
    await alex.expect("type a time like")
    await alex.send("7:30pm")
    await alex.answer("usually awake", "usual")
    done = await alex.expect("All set")
    assert "19:30" in done["text"]
    plan = await alex.expect("Your plan for day")
    assert "Heat" in plan["text"]  # more than 2 days ago: heat already


async def test_time_zone_from_a_shared_location(bot, alex, api):
    await alex.send("/start")
    await alex.answer("store your answers", "I agree")
    await alex.answer("When did the warmth", "last 24 hours")
    await alex.answer("What do you link it to", "Not sure")
    await alex.expect("share your location")
    api.send_location(alex.id, 48.8566, 2.3522)
    await alex.expect("Time zone set to Europe/Paris")


async def test_a_scheduled_checkin_arrives_at_the_local_time(bot, alex, clock):
    await onboard(alex, zone="New York", at="08:00")  # 07:00 UTC is 02:00 in New York
    clock.advance(hours=5, minutes=59)
    await alex.send("/plan")
    await alex.expect("Your plan for day")
    assert not any("Time for your check-in" in t for t in alex.texts())
    clock.advance(minutes=1)  # 13:00 UTC = 08:00 EST
    question = await alex.expect("Time for your check-in")
    assert "How strong is the pain" in question["text"]


async def test_cold_for_a_strain_today_then_heat_after_48_hours(bot, alex, clock):
    await onboard(alex, onset="last 24 hours", cause="Strain")
    plan = next(text for text in reversed(alex.texts()) if "Your plan for day" in text)
    assert "Cold" in plan and "48 hours to go" in plan
    clock.advance(hours=47)
    await alex.send("/plan")
    assert "Cold" in (await alex.expect("Your plan for day"))["text"]
    clock.advance(hours=1)
    announcement = await alex.expect("time to switch from cold to heat")
    assert "heating pad" in announcement["text"]
    await alex.send("/plan")
    plan = await alex.expect("Your plan for day 3")
    assert "🔥 Heat" in plan["text"]


async def test_heat_made_it_worse_switches_to_moist_heat(bot, alex, database_url):
    await onboard(alex, onset="More than 2 days ago")
    await alex.send("/checkin")
    await alex.expect("How strong is the pain")
    await complete_checkin(alex, heat="made it worse")
    summary = await alex.expect("today's check-in done")
    assert "Moist heat" in summary["text"] and "switch to moist heat" in summary["text"]
    await alex.send("/plan")
    plan = await alex.expect("Your plan for day")
    assert "Moist heat" in plan["text"] and "You said heat made it worse" in plan["text"]
    [checkin] = await stored(database_url, CheckIn, alex.id)
    assert checkin.heat_effect == "worse"


async def test_an_interrupted_checkin_resumes_after_a_restart(start_bot, alex, database_url):
    async with start_bot():
        await onboard(alex)
        await alex.send("/checkin")
        await alex.answer("How strong is the pain", "7")
        await alex.answer("Compared with yesterday", "Worse")
        await alex.expect("have you had any of these")
    [checkin] = await stored(database_url, CheckIn, alex.id)
    assert (checkin.status, checkin.step, checkin.pain, checkin.trend) == ("open", "flags", 7, "worse")
    async with start_bot():
        await alex.send("/checkin")
        await alex.expect("pick up your check-in where we left off")
        await alex.tap("None of these")
        await alex.answer("sessions of 15–20 minutes", "3")
        await alex.answer("stretch or take a short walk", "0")
        await alex.answer("glasses of water", "3–5")
        await alex.expect("Anything else")
        await alex.send("Sore after gardening")
        await alex.expect("today's check-in done")
    [checkin] = await stored(database_url, CheckIn, alex.id)
    assert (checkin.status, checkin.pain, checkin.trend, checkin.sessions, checkin.note) == (
        "done",
        7,
        "worse",
        3,
        "Sore after gardening",
    )


async def test_a_red_flag_tick_escalates_at_once_and_the_checkin_goes_on(bot, alex, api):
    await onboard(alex)
    await alex.send("/checkin")
    await alex.answer("How strong is the pain", "5")
    await alex.answer("Compared with yesterday", "Same")
    await alex.expect("have you had any of these")
    await alex.tap("bladder")
    warning = await alex.expect("Call 999 now")
    assert "emergency" in warning["text"].lower()
    await alex.tap("Done")
    await alex.expect("sessions of 15–20 minutes")


async def test_typing_a_button_value_answers_it(bot, alex, database_url):
    await onboard(alex)
    await alex.send("/checkin")
    await alex.expect("How strong is the pain")
    await alex.send("3")
    await alex.expect("Compared with yesterday")
    [checkin] = await stored(database_url, CheckIn, alex.id)
    assert checkin.pain == 3


async def test_old_and_forged_buttons_change_nothing(bot, alex, api, database_url):
    await onboard(alex)
    await alex.send("/checkin")
    question = await alex.expect("How strong is the pain")
    old_two = dict(api.buttons(question))["2"]
    await alex.tap("8")
    await alex.expect("Compared with yesterday")
    checkin_id = old_two.split("|")[2]
    for data in (
        old_two,
        f"1|ci|{int(checkin_id) + 1}|trend|worse",
        f"1|ci|{checkin_id}|trend|furious",
        "1|ob|1|onset|day",
        "garbage",
        "2|ci|1|pain|2",
    ):
        api.press(alex.id, question, data)

    def expired() -> list:
        return [c for c in api.answered_callbacks if "expired" in (c.get("text") or "")]

    await eventually(
        lambda: len(expired()) >= 6, what="every old or forged press answered"
    )  # a busy machine may pause longer than idle's quiet spell
    await api.idle()
    assert len(expired()) == 6
    [checkin] = await stored(database_url, CheckIn, alex.id)
    assert (checkin.pain, checkin.trend, checkin.step) == (8, None, "trend")


async def test_unknown_text_and_stickers_get_a_helpful_answer(bot, alex, api):
    await onboard(alex)
    await alex.send("what's the weather like")
    await alex.expect("I'm not sure what you mean")
    api.send_sticker(alex.id)
    await alex.expect("I can only read text")
    await alex.send("/frobnicate")
    await alex.expect("/checkin")


async def test_pause_and_resume(bot, alex, clock):
    await onboard(alex, at="09:00")
    await alex.send("/pause")
    await alex.expect("Paused")
    clock.advance(hours=3)  # past 09:00 London
    await alex.send("/help")
    await alex.expect("Here's what I can do")
    assert not any("Time for your check-in" in t for t in alex.texts())
    await alex.send("/resume")
    await alex.expect("Welcome back")
    clock.advance(days=1)
    await alex.expect("Time for your check-in")


async def test_settings_change_the_checkin_time(bot, alex, clock):
    await onboard(alex, at="09:00")
    await alex.send("/settings")
    await alex.answer("Your settings", "Check-in time")
    await alex.expect("daily check-in")
    await alex.send("08:15")
    saved = await alex.expect("Your next check-in is")
    assert "08:15" in saved["text"]
    clock.advance(hours=1, minutes=15)  # 08:15 London (GMT)
    await alex.expect("Time for your check-in")


async def test_free_text_warning_signs_escalate_even_before_start(bot, api):
    stranger = Person(api, 2002, "Sam")
    await stranger.send("I can't feel anything between my legs and I wet myself")
    await stranger.expect("Call 112 now")
    await api.idle()
    assert len(stranger.texts()) == 1  # the emergency advice, and nothing to distract from it
    await stranger.send("/start")
    await stranger.expect("store your answers")


async def test_group_chats_are_declined(bot, api):
    api.send_text(3003, "hello bot", chat_type="group", chat_id=-500)
    await api.wait_for(-500, "only work in a private chat")


async def test_a_missed_checkin_is_recorded_when_the_next_is_due(bot, alex, clock, database_url):
    await onboard(alex, at="09:00")
    clock.advance(hours=2)  # 09:00 London
    await alex.expect("Time for your check-in")
    clock.advance(days=1)
    await alex.expect("Time for your check-in")
    statuses = [c.status for c in await stored(database_url, CheckIn, alex.id)]
    assert statuses == ["missed", "open"]


async def test_stale_checkins_after_downtime_are_not_sent_late(start_bot, alex, clock, database_url):
    async with start_bot():
        await onboard(alex, at="09:00")
    clock.advance(hours=2 + 5)  # down through 09:00 until 14:00
    async with start_bot() as application:
        await run_tick(application)
        clock.advance(hours=19)  # 09:00 the next day
        await alex.expect("Time for your check-in")
    assert sum("Time for your check-in" in t for t in alex.texts()) == 1
