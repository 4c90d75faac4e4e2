"""The daily check-in: its questions, their order for today's phase, and what the answers mean."""

from dataclasses import dataclass, field

from coach.protocol import Phase
from coach.questions import Question, options
from coach.triage import CHECKLIST

PAIN = Question(
    "pain",
    "How strong is the pain, warmth or burning right now, from 0 (none) to 10 (the worst you can imagine)?",
    options(*((str(n), str(n)) for n in range(11))),
    columns=6,
)
TREND = Question(
    "trend",
    "Compared with yesterday, is it…",
    options(("better", "Better"), ("same", "About the same"), ("worse", "Worse")),
    columns=3,
)
RED_FLAGS = Question(
    "flags",
    "Since your last check-in, have you had any of these? Tap every one that applies, then Done.",
    options(*((item.id, item.label) for item in CHECKLIST)),
    columns=1,
    multi=True,
)
STRETCHES = Question(
    "stretches",
    "How many times did you stretch or take a short walk since the last check-in?",
    options(("0", "0"), ("1", "1"), ("2", "2"), ("3", "3 or more")),
    columns=4,
)
WATER = Question(
    "water",
    "About how many glasses of water did you drink today?",
    options(("0", "0–2"), ("3", "3–5"), ("6", "6–8"), ("9", "9 or more")),
    columns=4,
)
HEAT = Question(
    "heat",
    "How did the heat feel on your back?",
    options(
        ("helped", "It helped"),
        ("same", "No difference"),
        ("worse", "It made it worse"),
        ("unused", "I didn't use heat"),
    ),
    columns=2,
)
NOTE = Question(
    "note",
    "Anything else you'd like to note? Type it, or tap Skip.",
    typed=True,
    skippable=True,
)

_SESSION_NAMES = {
    Phase.COLD: "cold-pack",
    Phase.HEAT: "heat",
    Phase.MOIST_HEAT: "moist-heat",
    Phase.CONTRAST: "warm-and-cold",
}


def sessions_question(phase: Phase) -> Question:
    """How many sessions of today's therapy were done."""
    return Question(
        "sessions",
        f"How many {_SESSION_NAMES[phase]} sessions of 15–20 minutes did you do since the last check-in?",
        options(("0", "0"), ("1", "1"), ("2", "2"), ("3", "3"), ("4", "4 or more")),
        columns=5,
    )


def questions_for(phase: Phase) -> tuple[Question, ...]:
    """Today's check-in questions in order; how heat felt is asked only when heat is in use."""
    heat = (HEAT,) if phase.uses_heat else ()
    return (PAIN, TREND, RED_FLAGS, sessions_question(phase), STRETCHES, WATER, *heat, NOTE)


def question(phase: Phase, key: str) -> Question | None:
    """The question with `key` in today's check-in."""
    return next((q for q in questions_for(phase) if q.key == key), None)


def step_after(phase: Phase, key: str) -> Question | None:
    """The question after `key`, or None when the check-in is complete."""
    keys = [q.key for q in questions_for(phase)]
    index = keys.index(key)
    return questions_for(phase)[index + 1] if index + 1 < len(keys) else None


def step_before(phase: Phase, key: str) -> Question | None:
    """The question before `key`, or None at the first one."""
    keys = [q.key for q in questions_for(phase)]
    index = keys.index(key)
    return questions_for(phase)[index - 1] if index > 0 else None


@dataclass(frozen=True)
class Answers:
    """One check-in's answers so far (None: not answered)."""

    pain: int | None = None
    trend: str | None = None
    red_flags: tuple[str, ...] = field(default_factory=tuple)
    sessions: int | None = None
    stretches: int | None = None
    water_glasses: int | None = None
    heat_effect: str | None = None
    note: str | None = None


def meaningful_improvement(first_pain: int, pain: int) -> bool:
    """A drop of 2 points or 30% from the start of the episode (Farrar 2001; Ostelo 2008)."""
    drop = first_pain - pain
    return drop >= 2 or (first_pain > 0 and drop / first_pain >= 0.3)
