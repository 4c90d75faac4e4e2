"""The optional STarT Back questionnaire, after set-up and again two weeks later."""

from datetime import timedelta

from storage.models import Screening
from tests.e2e.conftest import onboard, step_until
from tests.e2e.people import stored

QUIET = {"tick_seconds": 3600}
AGREE = "Agree"


async def answer_all(alex, answers: list[str]) -> None:
    for n, label in enumerate(answers, start=1):
        await alex.answer(f"{n} of 9", label)


async def test_a_medium_score_suggests_a_physio_in_the_result_and_the_plan(bot, alex, database_url):
    await onboard(alex)
    await alex.tap("Yes, let's do it")
    await answer_all(alex, [AGREE, AGREE, AGREE, AGREE, AGREE, "Disagree", "Disagree", "Disagree", "Slightly"])
    await alex.expect("may take longer to settle")
    [screening] = await stored(database_url, Screening, alex.id)
    assert (screening.total, screening.psychosocial, screening.risk) == (5, 1, "medium")
    assert len(screening.answers) == 9 and screening.answers["sb9"] == "slightly"
    await alex.send("/plan")
    plan = await alex.expect("Your plan for day")
    assert "questionnaire suggests seeing a physiotherapist or GP" in plan["text"]


async def test_worry_and_low_mood_score_high_and_typed_answers_and_back_work(bot, alex, database_url):
    await onboard(alex)
    await alex.tap("Yes, let's do it")
    await alex.answer("1 of 9", "Disagree")
    await alex.expect("2 of 9")
    await alex.tap("Back")
    await alex.expect("1 of 9")
    await alex.send("agree")  # typed
    await answer_all_from(alex, 2, ["Disagree", "Disagree", "Disagree", AGREE, AGREE, AGREE, AGREE, "Extremely"])
    await alex.expect("weighing on you")
    [screening] = await stored(database_url, Screening, alex.id)
    assert (screening.total, screening.psychosocial, screening.risk) == (6, 5, "high")


async def answer_all_from(alex, first: int, answers: list[str]) -> None:
    for n, label in enumerate(answers, start=first):
        await alex.answer(f"{n} of 9", label)


async def test_offered_again_two_weeks_after_the_first(start_bot, alex, clock, database_url):
    async with start_bot(**QUIET) as application:
        await onboard(alex)
        await alex.tap("Yes, let's do it")
        await answer_all(alex, ["Disagree"] * 8 + ["Not at all"])
        await alex.expect("low risk")
        arrived = await step_until(application, clock, database_url, clock.now() + timedelta(days=14, hours=3), alex)
    offers = [(moment, m["text"]) for moment, m in arrived[alex.id] if "It's been two weeks" in m.get("text", "")]
    assert [moment.strftime("%a %d %H:%M") for moment, _ in offers] == [
        "Mon 16 09:30"
    ]  # 30 min after that day's check-in
