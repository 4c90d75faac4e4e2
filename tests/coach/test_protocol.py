"""Cold for 48 hours, then heat, stepping down when heat makes it worse."""

from datetime import UTC, datetime, timedelta

from coach import wording
from coach.protocol import Cause, Episode, Phase, current_phase, day_of_episode, plan_for

ONSET = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
STRAIN = Episode(onset_at=ONSET, cause=Cause.STRAIN)


def test_cold_for_the_first_48_hours_then_heat():
    assert current_phase(STRAIN, 0, ONSET) is Phase.COLD
    assert current_phase(STRAIN, 0, ONSET + timedelta(hours=47, minutes=59)) is Phase.COLD
    assert current_phase(STRAIN, 0, ONSET + timedelta(hours=48)) is Phase.HEAT


def test_chronic_stiffness_gets_heat_from_the_start():
    chronic = Episode(onset_at=ONSET - timedelta(days=15), chronic=True)
    assert current_phase(chronic, 0, ONSET) is Phase.HEAT


def test_each_report_of_heat_making_it_worse_steps_down_the_ladder():
    later = ONSET + timedelta(days=3)
    assert [current_phase(STRAIN, n, later) for n in range(5)] == [
        Phase.HEAT,
        Phase.MOIST_HEAT,
        Phase.CONTRAST,
        Phase.COLD,
        Phase.COLD,
    ]


def test_days_are_counted_from_onset():
    assert day_of_episode(STRAIN, ONSET) == 1
    assert day_of_episode(STRAIN, ONSET + timedelta(hours=23)) == 1
    assert day_of_episode(STRAIN, ONSET + timedelta(hours=25)) == 2


def test_cold_plan_says_how_long_until_heat_and_never_ice_on_skin():
    text = wording.render_plan(plan_for(STRAIN, 0, ONSET + timedelta(hours=10)))
    assert "Cold" in text and "38 hours to go" in text
    assert "Never put ice straight on your skin" in text
    assert "15–20 minutes" in text


def test_heat_made_worse_plan_switches_to_moist_heat_and_says_why():
    text = wording.render_plan(plan_for(STRAIN, 1, ONSET + timedelta(days=3)))
    assert "Moist heat" in text
    assert "You said heat made it worse" in text
    assert "GP" not in text


def test_repeated_heat_worse_suggests_a_gp_appointment():
    text = wording.render_plan(plan_for(STRAIN, 2, ONSET + timedelta(days=4)))
    assert "alternating" in text
    assert "book a GP appointment in the next few days" in text


def test_plan_has_stretches_water_and_the_stop_rule():
    text = wording.render_plan(plan_for(STRAIN, 0, ONSET + timedelta(days=3)))
    assert "Gentle stretches" in text and "stop any stretch that makes the pain worse" in text
    assert "Water" in text
    assert text.count("• ") == 3


def test_stretches_rotate_from_day_to_day():
    first = plan_for(STRAIN, 0, ONSET).stretches
    second = plan_for(STRAIN, 0, ONSET + timedelta(days=1)).stretches
    assert first != second


def test_illness_adds_rest_fluids_and_the_flank_pain_warning():
    ill = Episode(onset_at=ONSET, cause=Cause.ILLNESS)
    text = wording.render_plan(plan_for(ill, 0, ONSET))
    assert "While you're ill" in text
    assert "side just under the ribs with a fever" in text
