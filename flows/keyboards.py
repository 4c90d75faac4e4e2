"""Turning questions into inline keyboards."""

from collections.abc import Iterable, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from coach import wording
from coach.questions import Question
from flows.callbacks import Callback

BACK, DONE, NONE, SKIP = "back", "done", "none", "skip"


def rows(buttons: Sequence[InlineKeyboardButton], columns: int) -> list[list[InlineKeyboardButton]]:
    """Buttons laid out `columns` to a row."""
    return [list(buttons[i : i + columns]) for i in range(0, len(buttons), columns)]


def button(label: str, flow: str, ref: int, step: str, value: str) -> InlineKeyboardButton:
    """One button carrying encoded callback data."""
    return InlineKeyboardButton(label, callback_data=Callback(flow, ref, step, value).encode())


def question_keyboard(
    question: Question, flow: str, ref: int, *, back: bool, ticked: Iterable[str] = ()
) -> InlineKeyboardMarkup | None:
    """The question's options, then the controls it needs: Done / None of these / Skip / Back."""
    ticked = set(ticked)
    options = [
        button(("✅ " if o.value in ticked else "") + o.label, flow, ref, question.key, o.value) for o in question.options
    ]
    layout = rows(options, question.columns)
    controls = []
    if question.multi:
        controls.append(button(wording.DONE if ticked else wording.NONE_OF_THESE, flow, ref, question.key, DONE if ticked else NONE))
    if question.skippable:
        controls.append(button(wording.SKIP, flow, ref, question.key, SKIP))
    if back:
        controls.append(button(wording.BACK, flow, ref, question.key, BACK))
    if controls:
        layout.append(controls)
    return InlineKeyboardMarkup(layout) if layout else None
