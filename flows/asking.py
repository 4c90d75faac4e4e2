"""Asking a question and closing it once answered: shared by every tap-to-answer flow."""

from collections.abc import Iterable

from telegram import Bot, CallbackQuery, Message
from telegram.error import BadRequest

from coach.questions import Question
from flows.keyboards import question_keyboard


async def ask(
    bot: Bot,
    chat_id: int,
    question: Question,
    flow: str,
    ref: int,
    *,
    back: bool,
    intro: str = "",
    ticked: Iterable[str] = (),
    rate_limit_args: dict | None = None,
) -> Message:
    """Send the question with its keyboard, optionally after a line of introduction."""
    text = f"{intro}\n\n{question.prompt}" if intro else question.prompt
    keyboard = question_keyboard(question, flow, ref, back=back, ticked=ticked)
    return await bot.send_message(chat_id, text, reply_markup=keyboard, rate_limit_args=rate_limit_args)


async def retick(query: CallbackQuery, question: Question, flow: str, ref: int, ticked: Iterable[str], *, back: bool) -> None:
    """Redraw a multi-select keyboard after a tick or untick."""
    await query.edit_message_reply_markup(question_keyboard(question, flow, ref, back=back, ticked=ticked))


async def close(query: CallbackQuery, answer: str) -> None:
    """Replace the answered question's keyboard with the answer, so old buttons cannot be pressed."""
    message = query.message
    prompt = message.text if isinstance(message, Message) and message.text else ""
    try:
        await query.edit_message_text(f"{prompt}\n\n→ {answer}" if prompt else f"→ {answer}")
    except BadRequest as error:  # already closed by an earlier press: nothing to change
        if "not modified" not in str(error).lower():
            raise
