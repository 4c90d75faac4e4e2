"""A burst of warning signs alerts a caregiver once; a worse one, or a later one, alerts again."""

from datetime import UTC, datetime, timedelta

from coach.alerts import AlertWindow
from coach.triage import Tier

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def test_three_hundred_emergency_texts_alert_once():
    alerts = AlertWindow()
    sent = [alerts.decide(1, Tier.EMERGENCY, NOW + timedelta(seconds=i)) for i in range(300)]
    assert sent[0] == 0 and sent[1:] == [None] * 299
    assert alerts.decide(1, Tier.EMERGENCY, NOW + timedelta(minutes=31)) == 299  # the next alert says so


def test_a_worse_tier_alerts_at_once_and_a_milder_one_waits_for_the_window():
    alerts = AlertWindow()
    assert alerts.decide(1, Tier.URGENT, NOW) == 0
    assert alerts.decide(1, Tier.EMERGENCY, NOW + timedelta(minutes=1)) == 0
    assert alerts.decide(1, Tier.URGENT, NOW + timedelta(minutes=2)) is None  # an emergency was just sent


def test_the_same_tier_alerts_again_after_the_window_and_other_people_are_apart():
    alerts = AlertWindow()
    assert alerts.decide(1, Tier.EMERGENCY, NOW) == 0
    assert alerts.decide(2, Tier.EMERGENCY, NOW) == 0
    assert alerts.decide(1, Tier.EMERGENCY, NOW + timedelta(minutes=29)) is None
    assert alerts.decide(1, Tier.EMERGENCY, NOW + timedelta(minutes=30)) == 1
