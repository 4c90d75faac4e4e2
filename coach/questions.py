"""Tap-to-answer questions as data: what is asked, the buttons, and whether typing is allowed."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Option:
    """One button: `value` is stored and travels in callback data, `label` is shown."""

    value: str
    label: str


@dataclass(frozen=True)
class Question:
    """One step of a conversation."""

    key: str
    prompt: str
    options: tuple[Option, ...] = ()
    columns: int = 2
    multi: bool = False  # several options may be ticked, then "Done"
    typed: bool = False  # a typed answer is accepted too
    skippable: bool = False

    def option(self, value: str) -> Option | None:
        """The option with this value, or None if the value is not one of the buttons."""
        return next((o for o in self.options if o.value == value), None)

    def match(self, text: str) -> Option | None:
        """The option whose value or label was typed ('7' for pain, 'worse' for trend), if any."""
        typed = text.strip().casefold()
        return next((o for o in self.options if typed in (o.value.casefold(), o.label.casefold())), None)


def options(*pairs: tuple[str, str]) -> tuple[Option, ...]:
    """Options from (value, label) pairs."""
    return tuple(Option(value, label) for value, label in pairs)
