"""What caregivers are sent: what each message must contain, and what it must never contain."""

from datetime import date, timedelta

import pytest

from coach.checkin import Answers
from coach.invites import Sharing
from coach.progress import CheckIn, DayPoint
from coach.protocol import Phase
from coach.start_back import Result, Risk
from coach.summaries import (
    WeekFacts,
    accepted_notices,
    daily_summary,
    day_facts,
    declined_notices,
    escalation_alert,
    escalation_follow_up,
    invitation_preview,
    invite_created,
    missed_alert,
    should_alert_missed,
    stopped_notices,
    weekly_caption,
)
from coach.triage import Tier

NOTE = "argued with my sister, feeling low"
ANSWERS = Answers(
    pain=4,
    trend="better",
    red_flags=("fever",),
    sessions=2,
    stretches=3,
    water_glasses=6,
    heat_effect="helped",
    note=NOTE,
)
MEDIUM = Result(5, 2, Risk.MEDIUM)
NOTHING = Sharing(daily=False, weekly=False, missed_after=None, escalations=False)
MONDAY = date(2026, 3, 2)


def facts(**changes):
    defaults = dict(first_name="Anna", day=5, phase=Phase.HEAT, answers=ANSWERS, pain_yesterday=6)
    return day_facts(**{**defaults, **changes})


def test_daily_summary_contains_the_day_pain_trend_phase_and_adherence():
    text = daily_summary(facts(soon_advice=True), Sharing())
    for expected in (
        "Anna's back, day 5",
        "Check-in: answered",
        "Pain: 4/10, down from 6 yesterday.",
        "Anna says it feels better compared with yesterday.",
        "🔥 Heat, sessions done: 2",
        "Stretches or walks: 3 or more. Water: 6–8 glasses.",
        "book a GP appointment in the next few days",
    ):
        assert expected in text


def test_daily_summary_never_contains_the_note_or_anything_not_chosen():
    text = daily_summary(facts(screening=MEDIUM), Sharing())
    for forbidden in (NOTE, "sister", "feeling low", "fever", "helped", "questionnaire", "STarT", "risk"):
        assert forbidden not in text
    assert daily_summary(facts(), Sharing(daily=False)) is None
    assert weekly_caption(week(), Sharing(weekly=False)) is None


def test_the_screening_result_is_shown_only_when_shared():
    text = daily_summary(facts(screening=MEDIUM), Sharing(screening=True))
    assert "medium risk" in text and "physiotherapist or GP" in text
    low = daily_summary(facts(screening=Result(1, 0, Risk.LOW)), Sharing(screening=True))
    assert "low risk" in low and "physiotherapist" not in low


def test_a_missed_check_in_says_so_without_blame_and_without_made_up_numbers():
    text = daily_summary(facts(answers=None), Sharing())
    assert "not answered yet today" in text
    assert "Pain" not in text and "sessions done" not in text and "Stretches" not in text
    assert "🔥 Heat" in text


def test_pain_trend_wording():
    assert "up from 2 yesterday" in daily_summary(facts(pain_yesterday=2), Sharing())
    assert "the same as yesterday" in daily_summary(facts(pain_yesterday=4), Sharing())
    assert "yesterday." not in daily_summary(facts(pain_yesterday=None), Sharing()).split("\n")[3]


def week(**changes):
    days = [
        DayPoint(MONDAY + timedelta(days=i), pain, CheckIn.ANSWERED if pain is not None else CheckIn.MISSED, Phase.HEAT)
        for i, pain in enumerate([7, 6, None, 5, 5, None, 4])
    ]
    return WeekFacts(**{**dict(first_name="Anna", days=days, first_day=3, episode_first_pain=8), **changes})


def test_weekly_caption():
    text = weekly_caption(week(soon_advice=True, screening=MEDIUM), Sharing(screening=True))
    for expected in (
        "Anna's week: days 3–9",
        "Check-ins answered: 5 of 7.",
        "down from 8 to 4",
        "meaningful improvement",
    ):
        assert expected in text
    assert "GP appointment" in text and "medium risk" in text
    assert len(text) <= 1024
    assert "questionnaire" not in weekly_caption(week(screening=MEDIUM), Sharing())
    assert "No pain scores" in weekly_caption(week(days=[DayPoint(MONDAY)]), Sharing())
    assert "up from 3" in weekly_caption(
        week(episode_first_pain=3, days=[DayPoint(MONDAY, 6, CheckIn.ANSWERED)]), Sharing()
    )


@pytest.mark.parametrize(
    ("tier", "expected"),
    [(Tier.EMERGENCY, ["emergency help", "call Anna now", "999"]), (Tier.URGENT, ["doctor today", "check on Anna"])],
)
def test_escalation_alert_gives_the_tier_and_what_to_do(tier, expected):
    text = escalation_alert("Anna", tier, "999", Sharing())
    assert all(e in text for e in expected)
    assert escalation_alert("Anna", tier, "999", Sharing(escalations=False)) is None


def test_no_escalation_alert_below_urgent():
    assert escalation_alert("Anna", Tier.SOON, "999", Sharing()) is None
    assert escalation_alert("Anna", Tier.SELF_CARE, "999", Sharing()) is None


def test_escalation_follow_up():
    assert escalation_follow_up("Anna", "got", Sharing()) == "✅ Anna says they've got help."
    assert "getting help now" in escalation_follow_up("Anna", "getting", Sharing())
    assert "mistake" in escalation_follow_up("Anna", "mistake", Sharing())
    assert escalation_follow_up("Anna", "got", Sharing(escalations=False)) is None


def test_missed_alert_once_when_the_chosen_number_is_reached():
    two = Sharing(missed_after=2)
    assert [should_alert_missed(two, n) for n in range(5)] == [False, False, True, False, False]
    assert missed_alert("Anna", 1, two) is None
    assert "last 2 check-ins in a row" in missed_alert("Anna", 2, two)
    assert "last check-in." in missed_alert("Anna", 1, Sharing(missed_after=1))
    assert missed_alert("Anna", 2, Sharing(missed_after=None)) is None


def test_invitation_preview_says_whose_and_what():
    text = invitation_preview("Anna", Sharing(weekly=False, missed_after=3))
    assert text.startswith("Anna invites you to see")
    assert (
        "You will receive:\n• a daily summary at 20:00\n• an alert after 3 missed check-ins in a row\n• an alert if"
        in text
    )
    assert "weekly" not in text and "never see Anna's notes" in text


def test_invite_created_has_the_link_code_and_validity():
    text = invite_created("https://t.me/Bot?start=c_x", "@Bot", "ABCD-EFGH", 48, Sharing())
    assert "https://t.me/Bot?start=c_x" in text and "@Bot and type this code: ABCD-EFGH" in text and "48 hours" in text


def test_notices_for_both_sides():
    to_person, to_caregiver = accepted_notices("Anna", "Ben", Sharing())
    assert to_person.startswith("Ben accepted") and "a daily summary at 20:00" in to_person
    assert to_caregiver.startswith("You're now connected with Anna") and "/caregiver" in to_caregiver
    assert [t.split()[0] for t in declined_notices("Anna", "Ben")] == ["Ben", "OK,"]
    person, caregiver = stopped_notices("Anna", "Ben", by_person=True)
    assert "Ben" in person and caregiver.startswith("Anna has stopped sharing")
    person, caregiver = stopped_notices("Anna", "Ben", by_person=False)
    assert person.startswith("Ben has stopped") and "Anna" in caregiver


def test_an_empty_first_name_still_reads_well():
    assert escalation_follow_up("  ", "got", Sharing()).startswith("✅ Someone")
    assert NOTHING.describe() == []


def test_an_alert_after_a_held_back_burst_says_how_many_more_there_were():
    assert "3 more time" in escalation_alert("Anna", Tier.EMERGENCY, "999", Sharing(), held=3)
    assert "more time" not in escalation_alert("Anna", Tier.EMERGENCY, "999", Sharing())
