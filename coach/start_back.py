"""The Keele STarT Back Screening Tool: 9 items as questions, the score and the risk group.

Items 1-8 score 1 for "Agree"; item 9 (how bothersome) scores 1 for "Very much" or
"Extremely". Total 0-9; the psychosocial subscale is items 5-9 (0-5). Total 0-3: low risk;
4-9: medium, or high when the subscale is 4 or 5 (CLINICAL.md, "Measuring progress").
Item wording follows the published tool (Keele University), asked about the last 2 weeks.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from coach import wording
from coach.questions import Question, options

AGREE_DISAGREE = options(("agree", "Agree"), ("disagree", "Disagree"))
BOTHERSOME = options(
    ("not_at_all", "Not at all"),
    ("slightly", "Slightly"),
    ("moderately", "Moderately"),
    ("very_much", "Very much"),
    ("extremely", "Extremely"),
)
_STATEMENTS = (
    "My back pain has spread down my leg(s) at some time in the last 2 weeks.",
    "I have had pain in the shoulder or neck at some time in the last 2 weeks.",
    "I have only walked short distances because of my back pain.",
    "In the last 2 weeks, I have dressed more slowly than usual because of back pain.",
    "It's not really safe for a person with a condition like mine to be physically active.",
    "Worrying thoughts have been going through my mind a lot of the time.",
    "I feel that my back pain is terrible and it's never going to get any better.",
    "In general I have not enjoyed all the things I used to enjoy.",
)
_STATEMENT_PROMPT = "{n} of 9. Thinking about the last 2 weeks, do you agree or disagree?\n\n“{text}”"

ITEMS: tuple[Question, ...] = (
    *(
        Question(f"sb{n}", _STATEMENT_PROMPT.format(n=n, text=text), AGREE_DISAGREE, columns=2)
        for n, text in enumerate(_STATEMENTS, start=1)
    ),
    Question(
        "sb9", "9 of 9. Overall, how bothersome has your back pain been in the last 2 weeks?", BOTHERSOME, columns=1
    ),
)
BY_KEY = {item.key: item for item in ITEMS}
SCORING = {"agree": 1, "disagree": 0, "not_at_all": 0, "slightly": 0, "moderately": 0, "very_much": 1, "extremely": 1}
PSYCHOSOCIAL = ("sb5", "sb6", "sb7", "sb8", "sb9")
RESCREEN_AFTER = timedelta(days=14)


class Risk(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def suggests_care(self) -> bool:
        """Medium or high: suggest seeing a physiotherapist or GP."""
        return self is not Risk.LOW


@dataclass(frozen=True)
class Result:
    total: int  # 0-9
    psychosocial: int  # 0-5, items 5-9
    risk: Risk


def classify(total: int, psychosocial: int) -> Risk:
    """Total 0-3 low; otherwise high if the psychosocial subscale is 4 or 5, else medium."""
    if total <= 3:
        return Risk.LOW
    return Risk.HIGH if psychosocial >= 4 else Risk.MEDIUM


def score(answers: Mapping[str, str]) -> Result:
    """The result from all 9 answers ({"sb1": "agree", …, "sb9": "slightly"})."""
    points = {}
    for item in ITEMS:
        value = answers.get(item.key)
        if value is None or item.option(value) is None:
            raise ValueError(f"{item.key}: missing or invalid answer {value!r}")
        points[item.key] = SCORING[value]
    total, psychosocial = sum(points.values()), sum(points[key] for key in PSYCHOSOCIAL)
    return Result(total, psychosocial, classify(total, psychosocial))


def step_after(key: str) -> Question | None:
    """The item after `key`, or None when the screening is complete."""
    index = [q.key for q in ITEMS].index(key)
    return ITEMS[index + 1] if index + 1 < len(ITEMS) else None


def step_before(key: str) -> Question | None:
    """The item before `key`, or None at the first one."""
    index = [q.key for q in ITEMS].index(key)
    return ITEMS[index - 1] if index > 0 else None


def rescreen_due(first_screened_at: datetime, times_screened: int, now: datetime) -> bool:
    """Screened once at onboarding: offer it again two weeks later, once."""
    return times_screened == 1 and now - first_screened_at >= RESCREEN_AFTER


def result_message(result: Result) -> str:
    """What the person is told after the screening."""
    return wording.START_BACK_RESULT[result.risk]


def plan_line(result: Result | None) -> str | None:
    """The line added to the plan after a medium or high result."""
    return wording.START_BACK_PLAN_LINE if result and result.risk.suggests_care else None
