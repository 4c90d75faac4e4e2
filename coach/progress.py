"""Progress over an episode: the days for a chart, and a plain-language reading for /progress.

Pain is compared with the first score of the episode: down 2 points or 30% is a meaningful
improvement (CLINICAL.md, "Measuring progress"); up 2 points or more is worse; anything
between is about the same.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from coach import wording
from coach.checkin import meaningful_improvement
from coach.protocol import Phase
from coach.trends import NO_IMPROVEMENT_AFTER, RISE_POINTS


class CheckIn(StrEnum):
    """What happened to a day's check-in."""

    ANSWERED = "answered"
    MISSED = "missed"
    NOT_DUE = "not_due"  # paused, on hold after an escalation, or not yet due


@dataclass(frozen=True)
class DayPoint:
    """One local day of an episode, for the chart and the weekly summary."""

    day: date
    pain: int | None = None
    checkin: CheckIn = CheckIn.NOT_DUE
    phase: Phase | None = None


class Change(StrEnum):
    """Pain now compared with the start of the episode."""

    BETTER = "better"  # a meaningful improvement
    SAME = "same"
    WORSE = "worse"  # up RISE_POINTS or more


def pain_change(first: int, latest: int) -> Change:
    """How the latest pain compares with the first of the episode."""
    if meaningful_improvement(first, latest):
        return Change.BETTER
    if latest - first >= RISE_POINTS:
        return Change.WORSE
    return Change.SAME


def pain_scores(days: Sequence[DayPoint]) -> list[tuple[date, int]]:
    """The (day, pain) pairs of the days that have a pain score."""
    return [(d.day, d.pain) for d in days if d.pain is not None]


@dataclass(frozen=True)
class Reading:
    """The /progress reading: the comparison, and the text to send."""

    change: Change | None  # None when there are fewer than two scores
    text: str


def progress_reading(scores: Sequence[tuple[date, int]], episode_start: date, today: date) -> Reading:
    """A plain-language reading of pain from the first score of the episode to the latest."""
    scores = sorted((s for s in scores if s[0] >= episode_start), key=lambda s: s[0])
    if not scores:
        return Reading(None, wording.PROGRESS_NONE)
    (first_day, first), (_, latest) = scores[0], scores[-1]
    if len(scores) == 1:
        when = "today" if first_day == today else f"on {wording.day_name(first_day)}"
        return Reading(None, wording.PROGRESS_FIRST.format(pain=first, when=when))
    change = pain_change(first, latest)
    template = {
        Change.BETTER: wording.PROGRESS_BETTER,
        Change.SAME: wording.PROGRESS_SAME,
        Change.WORSE: wording.PROGRESS_WORSE,
    }
    text = template[change].format(first=first, latest=latest, since=wording.since(first_day, today))
    if change is not Change.BETTER and today - episode_start >= NO_IMPROVEMENT_AFTER:
        text += "\n\n" + wording.PROGRESS_TWO_WEEKS
    return Reading(change, text)
