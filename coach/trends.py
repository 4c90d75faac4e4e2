"""Trends across check-ins that call for a GP appointment (CLINICAL.md: "Trends escalate too").

Each returns trigger ids of `coach.red_flags` rules; the caller sends each one once per episode.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from coach.checkin import meaningful_improvement
from coach.protocol import HEAT_WORSE_SOON_AFTER

RISE_POINTS = 2
RISE_WINDOW = timedelta(days=3)
NO_IMPROVEMENT_AFTER = timedelta(days=14)


@dataclass(frozen=True)
class PainScore:
    """One pain answer and when it was given."""

    at: datetime
    pain: int


def trend_triggers(
    scores: Sequence[PainScore], self_care_since: datetime, heat_worse_reports: int, now: datetime
) -> list[str]:
    """Which trend triggers hold now, from the episode's pain scores (oldest first)."""
    found = []
    if scores:
        latest = scores[-1]
        window = [s.pain for s in scores if latest.at - RISE_WINDOW <= s.at < latest.at]
        if window and latest.pain - min(window) >= RISE_POINTS:
            found.append("worsening_over_days")
        if now - self_care_since >= NO_IMPROVEMENT_AFTER and not meaningful_improvement(scores[0].pain, latest.pain):
            found.append("no_improvement_two_weeks")
    if heat_worse_reports >= HEAT_WORSE_SOON_AFTER:
        found.append("heat_repeatedly_worse")
    return found
