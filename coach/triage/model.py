"""What triage says about a message: its tier, the triggers behind it, and what to ask."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class Tier(IntEnum):
    """How soon a person needs help; the most urgent tier found wins."""

    SELF_CARE = 0
    SOON = 1
    URGENT = 2
    EMERGENCY = 3

    @property
    def key(self) -> str:
        """The name used in JSON and storage: self_care, soon, urgent or emergency."""
        return self.name.lower()

    @classmethod
    def from_key(cls, key: str) -> Tier:
        return cls[key.upper()]


@dataclass(frozen=True)
class Trigger:
    """One reason for the tier: a rule of `coach.red_flags`, in the person's words."""

    id: str
    tier: Tier
    label: str
    quote: str  # the person's own words that matched ("" for checklist answers and trends)


@dataclass(frozen=True)
class Assessment:
    """The outcome for one message.

    `question` is a direct yes/no question that settles a vague report ("my legs feel weird").
    `ask_checklist` is the safety net: the message names something from the red-flag lexicon (or
    is in a language the coach does not read) and no rule decided, so the person is shown the
    check-in's red-flag checklist instead of silence.
    """

    tier: Tier
    triggers: tuple[Trigger, ...]
    question: str | None = None
    ask_checklist: bool = False
    language: str = "en"  # the language the message seemed to be written in

    @property
    def asks(self) -> bool:
        """Whether the coach must say something about it: a tier above self-care or a question."""
        return self.tier is not Tier.SELF_CARE or self.question is not None or self.ask_checklist

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {"tier": self.tier.key, "triggers": [t.id for t in self.triggers]}
        if self.question is not None:
            data["ask"] = "question"
        elif self.ask_checklist:
            data["ask"] = "checklist"
        return data
