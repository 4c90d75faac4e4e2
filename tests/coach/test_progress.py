"""The /progress reading: meaningful improvement, about the same, worse, and no data."""

from datetime import date, timedelta

from coach.progress import Change, DayPoint, pain_change, pain_scores, progress_reading

MONDAY = date(2026, 3, 2)
THURSDAY = MONDAY + timedelta(days=3)


def test_a_drop_of_two_points_or_thirty_percent_is_a_meaningful_improvement():
    assert pain_change(7, 5) is Change.BETTER
    assert pain_change(3, 2) is Change.BETTER  # 33%
    assert pain_change(8, 7) is Change.SAME  # 1 point, 12%
    assert pain_change(5, 6) is Change.SAME
    assert pain_change(3, 5) is Change.WORSE


def test_pain_down_since_monday():
    reading = progress_reading([(MONDAY, 7), (MONDAY + timedelta(days=1), 6), (THURSDAY, 4)], MONDAY, THURSDAY)
    assert reading.change is Change.BETTER
    assert reading.text.startswith("Pain down from 7 to 4 since Monday: that is a meaningful improvement.")


def test_about_the_same():
    reading = progress_reading([(MONDAY, 6), (THURSDAY, 5)], MONDAY, THURSDAY)
    assert reading.change is Change.SAME
    assert "about the same since Monday" in reading.text and "6 then, 5 now" in reading.text


def test_worse_says_what_to_do_without_diagnosing():
    reading = progress_reading([(MONDAY, 3), (THURSDAY, 6)], MONDAY, THURSDAY)
    assert reading.change is Change.WORSE
    assert reading.text.startswith("Pain up from 3 to 6 since Monday.")
    assert "book a GP appointment" in reading.text and "tell me straight away" in reading.text


def test_no_data_and_a_single_score():
    assert progress_reading([], MONDAY, THURSDAY).change is None
    assert "/checkin" in progress_reading([], MONDAY, THURSDAY).text
    one = progress_reading([(MONDAY, 5)], MONDAY, THURSDAY)
    assert one.change is None and "5/10 on Monday" in one.text
    assert "5/10 today" in progress_reading([(THURSDAY, 5)], MONDAY, THURSDAY).text


def test_scores_before_the_episode_are_ignored_and_order_does_not_matter():
    earlier = MONDAY - timedelta(days=10)
    reading = progress_reading([(THURSDAY, 4), (earlier, 9), (MONDAY, 7)], MONDAY, THURSDAY)
    assert reading.text.startswith("Pain down from 7 to 4")


def test_since_names_the_day_in_english_or_the_date_when_older():
    assert "since yesterday" in progress_reading([(MONDAY, 7), (MONDAY, 4)], MONDAY, MONDAY + timedelta(days=1)).text
    sunday = MONDAY + timedelta(days=6)
    assert "since Monday" in progress_reading([(MONDAY, 7), (sunday, 4)], MONDAY, sunday).text
    later = MONDAY + timedelta(days=9)
    assert "since Monday 2 March" in progress_reading([(MONDAY, 7), (later, 4)], MONDAY, later).text


def test_two_weeks_without_improvement_suggests_a_gp():
    day14 = MONDAY + timedelta(days=14)
    stuck = progress_reading([(MONDAY, 6), (day14, 6)], MONDAY, day14)
    assert "two weeks without a clear improvement" in stuck.text
    assert "two weeks" not in progress_reading([(MONDAY, 6), (day14, 3)], MONDAY, day14).text
    day13 = MONDAY + timedelta(days=13)
    assert "two weeks" not in progress_reading([(MONDAY, 6), (day13, 6)], MONDAY, day13).text


def test_pain_scores_from_chart_days():
    days = [DayPoint(MONDAY, 7), DayPoint(MONDAY + timedelta(days=1)), DayPoint(THURSDAY, 4)]
    assert pain_scores(days) == [(MONDAY, 7), (THURSDAY, 4)]
