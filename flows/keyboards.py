"""Turning questions into inline keyboards."""

import json
from collections.abc import Iterable, Sequence
from typing import TypeVar

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from coach import wording
from coach.questions import Question
from flows.callbacks import Callback

BACK, DONE, NONE, SKIP = "back", "done", "none", "skip"


T = TypeVar("T")


def rows(buttons: Sequence[T], columns: int) -> list[list[T]]:
    """Buttons laid out `columns` to a row."""
    return [list(buttons[i : i + columns]) for i in range(0, len(buttons), columns)]


def button(label: str, flow: str, ref: int, step: str, value: str) -> InlineKeyboardButton:
    """One button carrying encoded callback data."""
    return InlineKeyboardButton(label, callback_data=Callback(flow, ref, step, value).encode())


def question_keyboard(
    question: Question, flow: str, ref: int, *, back: bool, ticked: Iterable[str] = ()
) -> InlineKeyboardMarkup | None:
    """The question's options, then the controls it needs: Done / None of these / Skip / Back."""
    layout = _question_layout(question, flow, ref, back=back, ticked=ticked)
    return (
        InlineKeyboardMarkup(
            [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in layout]
        )
        if layout
        else None
    )


def question_markup(question: Question, flow: str, ref: int, *, back: bool, ticked: Iterable[str] = ()) -> str | None:
    """`question_keyboard` as the Bot API's JSON text (`markup`)."""
    layout = _question_layout(question, flow, ref, back=back, ticked=ticked)
    return markup(layout) if layout else None


def markup(layout: Sequence[Sequence[tuple[str, str]]]) -> str:
    """Rows of (label, callback data) as an inline keyboard in the Bot API's JSON text, for
    `asking.send_text`. Scheduled messages carry one: as PTB objects, built and then serialised,
    an 11-button check-in keyboard cost about 0.17 ms, a fifth of the message's CPU, and a
    reminder's three buttons about 0.07 ms."""
    inline = [[{"text": label, "callback_data": data} for label, data in row] for row in layout]
    return json.dumps({"inline_keyboard": inline}, ensure_ascii=False)


def _question_layout(
    question: Question, flow: str, ref: int, *, back: bool, ticked: Iterable[str]
) -> list[list[tuple[str, str]]]:
    """Rows of (label, callback data)."""
    ticked = set(ticked)

    def data(value: str) -> str:
        return Callback(flow, ref, question.key, value).encode()

    options = [(("✅ " if o.value in ticked else "") + o.label, data(o.value)) for o in question.options]
    layout = rows(options, question.columns)
    controls = []
    if question.multi:
        controls.append((wording.DONE, data(DONE)) if ticked else (wording.NONE_OF_THESE, data(NONE)))
    if question.skippable:
        controls.append((wording.SKIP, data(SKIP)))
    if back:
        controls.append((wording.BACK, data(BACK)))
    if controls:
        layout.append(controls)
    return layout
