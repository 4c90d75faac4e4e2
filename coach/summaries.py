"""What a caregiver is sent: summaries, alerts and the invitation, each limited by `Sharing`.

Every function that sends facts about the person takes the caregiver's Sharing and returns None
when that kind of message was not chosen. The facts never hold the person's notes, and
`day_facts` is the one way in from a check-in's answers, so a note cannot reach a caregiver.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from coach import wording
from coach.checkin import STRETCHES, WATER, Answers, sessions_question
from coach.invites import Sharing
from coach.progress import CheckIn, DayPoint, pain_change
from coach.protocol import Phase
from coach.questions import Question
from coach.start_back import Result
from coach.triage import Tier


def _name(first_name: str) -> str:
    return first_name.strip() or wording.SOMEONE


def _label(question: Question, value: int | None) -> str | None:
    """A count as its button label ('3 or more'), or None when not answered."""
    if value is None:
        return None
    option = question.option(str(value))
    return option.label if option else str(value)


@dataclass(frozen=True)
class DayFacts:
    """The facts of one day a daily summary may use."""

    first_name: str
    day: int  # day of the episode
    phase: Phase
    checked_in: bool
    pain: int | None = None
    pain_yesterday: int | None = None
    trend: str | None = None  # better / same / worse, as answered
    sessions: int | None = None
    stretches: int | None = None
    water_glasses: int | None = None
    soon_advice: bool = False  # the person was told today to book a GP appointment
    screening: Result | None = None  # a STarT Back result from today, if any


def day_facts(
    first_name: str,
    day: int,
    phase: Phase,
    answers: Answers | None,
    pain_yesterday: int | None = None,
    soon_advice: bool = False,
    screening: Result | None = None,
) -> DayFacts:
    """A day's facts from today's check-in answers (None: no check-in); the note is left out."""
    a = answers or Answers()
    return DayFacts(
        first_name=first_name,
        day=day,
        phase=phase,
        checked_in=answers is not None,
        pain=a.pain,
        pain_yesterday=pain_yesterday,
        trend=a.trend,
        sessions=a.sessions,
        stretches=a.stretches,
        water_glasses=a.water_glasses,
        soon_advice=soon_advice,
        screening=screening,
    )


def _screening_lines(name: str, result: Result | None, sharing: Sharing) -> list[str]:
    if not (sharing.screening and result):
        return []
    return [wording.screening_line(name, result.risk.value, result.risk.suggests_care)]


def daily_summary(facts: DayFacts, sharing: Sharing) -> str | None:
    """The daily summary, or None if this caregiver did not get daily summaries."""
    if not sharing.daily:
        return None
    name = _name(facts.first_name)
    lines = [wording.daily_heading(name, facts.day), ""]
    lines.append(wording.CHECKIN_ANSWERED if facts.checked_in else wording.CHECKIN_MISSED_TODAY)
    if facts.pain is not None:
        lines.append(wording.pain_line(facts.pain, facts.pain_yesterday))
    if facts.trend in wording.TREND_WORDS:
        lines.append(wording.feels_line(name, facts.trend))
    lines.append(wording.therapy_line(facts.phase, _label(sessions_question(facts.phase), facts.sessions)))
    habits = wording.habits_line(_label(STRETCHES, facts.stretches), _label(WATER, facts.water_glasses))
    lines += [habits] if habits else []
    lines += [wording.SOON_TO_CAREGIVER.format(name=name)] if facts.soon_advice else []
    lines += _screening_lines(name, facts.screening, sharing)
    return "\n".join(lines)


@dataclass(frozen=True)
class WeekFacts:
    """The facts of the last 7 days a weekly summary may use."""

    first_name: str
    days: Sequence[DayPoint]  # oldest first
    first_day: int  # day of the episode of days[0]
    episode_first_pain: int | None  # the first pain score of the episode
    soon_advice: bool = False  # told this week to book a GP appointment
    screening: Result | None = None  # the latest STarT Back result, if any


def weekly_caption(facts: WeekFacts, sharing: Sharing) -> str | None:
    """The caption of the weekly chart (under Telegram's 1024 characters), or None if not chosen."""
    if not sharing.weekly:
        return None
    name = _name(facts.first_name)
    due = [d for d in facts.days if d.checkin is not CheckIn.NOT_DUE]
    answered = sum(d.checkin is CheckIn.ANSWERED for d in due)
    lines = [wording.weekly_heading(name, facts.first_day, facts.first_day + max(len(facts.days), 1) - 1)]
    lines += [wording.weekly_checkins_line(answered, len(due))] if due else []
    lines.append(_weekly_pain(facts))
    lines += [wording.SOON_TO_CAREGIVER.format(name=name)] if facts.soon_advice else []
    lines += _screening_lines(name, facts.screening, sharing)
    return "\n".join(lines)


def _weekly_pain(facts: WeekFacts) -> str:
    latest = next((d.pain for d in reversed(facts.days) if d.pain is not None), None)
    if latest is None or facts.episode_first_pain is None:
        return wording.WEEKLY_NO_PAIN
    change = pain_change(facts.episode_first_pain, latest)
    return wording.WEEKLY_PAIN[change.value].format(first=facts.episode_first_pain, latest=latest)


def escalation_alert(first_name: str, tier: Tier, number: str, sharing: Sharing, held: int = 0) -> str | None:
    """Sent at once when the person is told to get emergency or urgent help, if chosen; `held`
    counts the warning signs not alerted since the last alert (`coach.alerts`)."""
    if not sharing.escalations or tier < Tier.URGENT:
        return None
    name = _name(first_name)
    alert = wording.ESCALATION_TO_CAREGIVER[tier.key].format(name=name, number=number)
    since = f"\n\n{wording.ESCALATION_HELD.format(name=name, count=held)}" if held else ""
    return f"{alert}{since}\n\n{wording.ESCALATION_LATER.format(name=name)}"


def escalation_follow_up(first_name: str, ack: str, sharing: Sharing) -> str | None:
    """Sent when the person answers the escalation: ack is "got", "getting" or "mistake"."""
    if not sharing.escalations:
        return None
    return wording.ESCALATION_FOLLOW_UP[ack].format(name=_name(first_name))


def should_alert_missed(sharing: Sharing, missed_in_row: int) -> bool:
    """Alert once per run of misses, when it reaches the chosen number."""
    return sharing.missed_after is not None and missed_in_row == sharing.missed_after


def missed_alert(first_name: str, missed_in_row: int, sharing: Sharing) -> str | None:
    """The missed check-in alert, or None when this is not the moment to send one."""
    if not should_alert_missed(sharing, missed_in_row):
        return None
    template = wording.MISSED_ONE if missed_in_row == 1 else wording.MISSED_MANY
    return f"{template.format(name=_name(first_name), count=missed_in_row)} {wording.MISSED_WHAT_TO_DO}"


def invitation_preview(first_name: str, sharing: Sharing) -> str:
    """What the caregiver sees on opening the invitation, before accepting."""
    return wording.INVITATION_PREVIEW.format(name=_name(first_name), items=wording.bullets(sharing.describe()))


def invite_created(link: str, bot_username: str, display_code: str, hours: int, sharing: Sharing) -> str:
    """What the person is sent with a new invitation."""
    items = wording.bullets(sharing.describe())
    return wording.INVITE_CREATED.format(
        link=link, bot=bot_username.lstrip("@"), code=display_code, hours=hours, items=items
    )


def accepted_notices(person_name: str, caregiver_name: str, sharing: Sharing) -> tuple[str, str]:
    """(to the person, to the caregiver) when the caregiver accepts."""
    items = wording.bullets(sharing.describe())
    return (
        wording.ACCEPTED_TO_PERSON.format(caregiver=_name(caregiver_name), items=items),
        wording.ACCEPTED_TO_CAREGIVER.format(name=_name(person_name), items=items),
    )


def declined_notices(person_name: str, caregiver_name: str) -> tuple[str, str]:
    """(to the person, to the caregiver) when the caregiver declines."""
    return (
        wording.DECLINED_TO_PERSON.format(caregiver=_name(caregiver_name)),
        wording.DECLINED_TO_CAREGIVER.format(name=_name(person_name)),
    )


def stopped_notices(person_name: str, caregiver_name: str, by_person: bool) -> tuple[str, str]:
    """(to the person, to the caregiver) when either side stops sharing."""
    person, caregiver = _name(person_name), _name(caregiver_name)
    if by_person:
        return (
            wording.STOPPED_BY_PERSON_TO_PERSON.format(caregiver=caregiver),
            wording.STOPPED_BY_PERSON_TO_CAREGIVER.format(name=person),
        )
    return (
        wording.STOPPED_BY_CAREGIVER_TO_PERSON.format(caregiver=caregiver),
        wording.STOPPED_BY_CAREGIVER_TO_CAREGIVER.format(name=person),
    )
