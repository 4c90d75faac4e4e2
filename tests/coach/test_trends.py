"""Trends that call for a GP appointment: rising pain, no improvement, heat repeatedly worse."""

from datetime import UTC, datetime, timedelta

from coach.trends import PainScore, trend_triggers

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def scores(*pains: int, every: timedelta = timedelta(days=1)) -> list[PainScore]:
    return [PainScore(START + i * every, pain) for i, pain in enumerate(pains)]


def test_pain_up_two_points_within_three_days_is_a_trend():
    assert trend_triggers(scores(3, 4, 5), START, 0, START + timedelta(days=2)) == ["worsening_over_days"]


def test_a_one_point_rise_or_a_slow_rise_is_not():
    assert trend_triggers(scores(3, 4, 4), START, 0, START + timedelta(days=2)) == []
    assert trend_triggers(scores(3, 3, 3, 4, 4, 5, every=timedelta(days=2)), START, 0, START + timedelta(days=10)) == []


def test_no_meaningful_improvement_after_fourteen_days_of_self_care():
    stuck = scores(*[6] * 15)
    assert trend_triggers(stuck, START, 0, START + timedelta(days=14)) == ["no_improvement_two_weeks"]
    assert trend_triggers(stuck, START, 0, START + timedelta(days=13)) == []


def test_a_meaningful_improvement_by_two_weeks_is_not_a_trend():
    better = scores(*[6] * 10, 5, 4, 4, 4, 4)
    assert trend_triggers(better, START, 0, START + timedelta(days=14)) == []


def test_heat_making_it_worse_twice_is_a_trend():
    assert trend_triggers([], START, 1, START) == []
    assert trend_triggers([], START, 2, START) == ["heat_repeatedly_worse"]
