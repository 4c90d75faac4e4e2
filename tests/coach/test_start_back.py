"""STarT Back: 9 items, total and psychosocial subscale, and the risk group boundaries."""

from datetime import UTC, datetime, timedelta

import pytest

from coach import start_back
from coach.start_back import ITEMS, Risk, classify, score

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def answers(agree: set[int], bother: str = "slightly") -> dict[str, str]:
    """Items in `agree` (1-8) agreed, the rest disagreed; item 9 as given."""
    chosen = {f"sb{n}": "agree" if n in agree else "disagree" for n in range(1, 9)}
    return {**chosen, "sb9": bother}


def test_nine_items_eight_agree_disagree_and_a_five_point_bothersomeness():
    assert [q.key for q in ITEMS] == [f"sb{n}" for n in range(1, 10)]
    assert all([o.value for o in q.options] == ["agree", "disagree"] for q in ITEMS[:8])
    assert [o.label for o in ITEMS[8].options] == ["Not at all", "Slightly", "Moderately", "Very much", "Extremely"]
    assert all("last 2 weeks" in q.prompt for q in ITEMS)


@pytest.mark.parametrize(
    ("bother", "points"), [("not_at_all", 0), ("slightly", 0), ("moderately", 0), ("very_much", 1), ("extremely", 1)]
)
def test_only_very_much_and_extremely_bothersome_score(bother, points):
    assert score(answers(set(), bother)).total == points


def test_total_three_is_low_and_four_is_medium():
    assert score(answers({1, 2, 3})) == start_back.Result(3, 0, Risk.LOW)
    assert score(answers({1, 2, 3, 4})) == start_back.Result(4, 0, Risk.MEDIUM)


def test_psychosocial_three_is_medium_and_four_is_high():
    assert score(answers({1, 5, 6}, "very_much")) == start_back.Result(4, 3, Risk.MEDIUM)
    assert score(answers({5, 6, 7}, "extremely")) == start_back.Result(4, 4, Risk.HIGH)
    assert score(answers({1, 2, 3, 4, 5, 6, 7, 8}, "extremely")) == start_back.Result(9, 5, Risk.HIGH)


def test_classify_boundaries():
    assert classify(0, 0) is Risk.LOW and classify(3, 3) is Risk.LOW
    assert classify(4, 3) is Risk.MEDIUM and classify(9, 3) is Risk.MEDIUM
    assert classify(4, 4) is Risk.HIGH and classify(5, 5) is Risk.HIGH


def test_missing_or_invalid_answers_are_refused():
    with pytest.raises(ValueError):
        score({k: v for k, v in answers(set()).items() if k != "sb9"})
    with pytest.raises(ValueError):
        score({**answers(set()), "sb3": "maybe"})


def test_medium_or_high_suggests_a_physiotherapist_or_gp():
    low, medium, high = score(answers(set())), score(answers({1, 2, 3, 4})), score(answers({5, 6, 7}, "extremely"))
    assert start_back.plan_line(low) is None and start_back.plan_line(None) is None
    for result in (medium, high):
        assert "physiotherapist or GP" in start_back.plan_line(result)
        assert "physiotherapist" in start_back.result_message(result)
    assert "physiotherapist" not in start_back.result_message(low)


def test_steps_and_rescreening_at_two_weeks():
    assert start_back.step_after("sb1") is ITEMS[1] and start_back.step_after("sb9") is None
    assert start_back.step_before("sb1") is None and start_back.step_before("sb9") is ITEMS[7]
    assert not start_back.rescreen_due(NOW, 1, NOW + timedelta(days=13))
    assert start_back.rescreen_due(NOW, 1, NOW + timedelta(days=14))
    assert not start_back.rescreen_due(NOW, 2, NOW + timedelta(days=30))
