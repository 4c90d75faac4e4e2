"""Onboarding: the questions a new person answers, in order, and what the answers mean."""

from datetime import datetime, timedelta

from coach.protocol import Cause
from coach.questions import Question, options
from coach.timezones import COMMON_ZONES

ONSET = Question(
    "onset",
    "When did the warmth, burning or tingling start?",
    options(
        ("day", "In the last 24 hours"),
        ("1-2d", "1–2 days ago"),
        ("2d+", "More than 2 days ago"),
        ("2w+", "More than 2 weeks, on and off"),
    ),
    columns=1,
)
CAUSE = Question(
    "cause",
    "What do you link it to?",
    options(
        (Cause.STRAIN, "Strain or lifting"),
        (Cause.INJURY, "A fall, knock or accident"),
        (Cause.ILLNESS, "An illness such as flu"),
        (Cause.POSTURE, "Long sitting or posture"),
        (Cause.UNSURE, "Not sure"),
    ),
    columns=1,
)
TIMEZONE = Question(
    "tz",
    "Which time zone are you in? Pick one, share your location with the button below, or type your city or country.",
    options(*COMMON_ZONES),
    columns=3,
    typed=True,
)
CHECKIN_TIME = Question(
    "time",
    "When would you like your daily check-in? Pick a time or type one like 19:30.",
    options(*((f"{h:02d}:00", f"{h:02d}:00") for h in (8, 9, 12, 18, 20, 21))),
    columns=3,
    typed=True,
)
WAKING_HOURS = Question(
    "wake",
    "When are you usually awake? I only send reminders in these hours. Pick one or type a range like 07:30-22:30.",
    options(
        ("08:00-22:00", "08:00–22:00 (usual)"),
        ("07:00-21:00", "07:00–21:00"),
        ("09:00-23:00", "09:00–23:00"),
        ("06:00-20:00", "06:00–20:00"),
    ),
    columns=2,
    typed=True,
)

STEPS: tuple[Question, ...] = (ONSET, CAUSE, TIMEZONE, CHECKIN_TIME, WAKING_HOURS)
BY_KEY = {question.key: question for question in STEPS}

# Asked only in /settings: sessions and water follow the waking hours, stretches have their own times.
STRETCH_TIMES = Question(
    "stretch",
    "When would you like your stretch reminders? Pick one or type one or two times like 10:30, 18:00.",
    options(
        ("11:00,17:00", "11:00 and 17:00 (usual)"),
        ("09:00,19:00", "09:00 and 19:00"),
        ("12:00", "Once, at 12:00"),
        ("18:00", "Once, at 18:00"),
    ),
    columns=2,
    typed=True,
)
SETTINGS = {question.key: question for question in (TIMEZONE, CHECKIN_TIME, WAKING_HOURS, STRETCH_TIMES)}

# "In the last 24 hours" counts from now: cold is safe, so the cold phase errs long, not short.
_ONSET_AGO = {"day": timedelta(0), "1-2d": timedelta(days=1), "2d+": timedelta(days=3), "2w+": timedelta(days=15)}


def onset_from(value: str, now: datetime) -> tuple[datetime, bool]:
    """The onset time and whether the episode is chronic, from the onset answer."""
    return now - _ONSET_AGO[value], value == "2w+"


def step_after(key: str) -> Question | None:
    """The question after `key`, or None when onboarding is complete."""
    index = [q.key for q in STEPS].index(key)
    return STEPS[index + 1] if index + 1 < len(STEPS) else None


def step_before(key: str) -> Question | None:
    """The question before `key`, or None at the first one."""
    index = [q.key for q in STEPS].index(key)
    return STEPS[index - 1] if index > 0 else None
