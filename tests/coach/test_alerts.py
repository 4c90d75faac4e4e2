"""A burst of warning signs alerts a caregiver once; a worse one, or a later one, alerts again."""

from datetime import UTC, datetime, timedelta

from coach.alerts import AlertWindow
from coach.triage import Tier

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def test_three_hundred_emergency_texts_alert_once():
    alerts = AlertWindow()
    sent = [alerts.should_alert(1, Tier.EMERGENCY, NOW + timedelta(seconds=i)) for i in range(300)]
    assert sent.count(True) == 1 and sent[0]
    assert alerts.held == {1: 299}


def test_a_worse_tier_alerts_at_once_and_a_milder_one_waits_for_the_window():
    alerts = AlertWindow()
    assert alerts.should_alert(1, Tier.URGENT, NOW)
    assert alerts.should_alert(1, Tier.EMERGENCY, NOW + timedelta(minutes=1))
    assert not alerts.should_alert(1, Tier.URGENT, NOW + timedelta(minutes=2))  # an emergency was just sent


def test_the_same_tier_alerts_again_after_the_window_and_other_people_are_apart():
    alerts = AlertWindow()
    assert alerts.should_alert(1, Tier.EMERGENCY, NOW)
    assert alerts.should_alert(2, Tier.EMERGENCY, NOW)
    assert not alerts.should_alert(1, Tier.EMERGENCY, NOW + timedelta(minutes=29))
    assert alerts.should_alert(1, Tier.EMERGENCY, NOW + timedelta(minutes=30))
