"""Asking a question and closing it once answered: shared by every tap-to-answer flow."""

import logging
from collections.abc import Awaitable, Iterable

from telegram import CallbackQuery, InlineKeyboardMarkup, Message
from telegram.error import BadRequest, NetworkError, TelegramError
from telegram.ext import ExtBot

from coach.questions import Question
from flows.keyboards import question_keyboard, question_markup

log = logging.getLogger(__name__)


async def send_text(
    bot: ExtBot,
    chat_id: int,
    text: str,
    *,
    reply_markup: InlineKeyboardMarkup | str | None = None,
    rate_limit_args: dict | None = None,
) -> int:
    """sendMessage, returning only the new message's id; the keyboard may come as PTB's object or
    as the Bot API's JSON text (`keyboards.markup`), which PTB sends as it is.

    `bot.send_message` reads Telegram's echo of the message (chat, sender, every button) back into
    a `Message`: a third of the CPU of a scheduled send (README, "Performance"), and nothing here
    reads more than the id. Bot API method names are case-insensitive; the lowercase one is not a
    PTB method, so `do_api_request` takes it without suggesting `send_message` instead.
    """
    message = {"chat_id": chat_id, "text": text, "reply_markup": reply_markup}
    result = await bot.do_api_request("sendmessage", api_kwargs=message, rate_limit_args=rate_limit_args)
    return result["message_id"]


async def ask(
    bot: ExtBot,
    chat_id: int,
    question: Question,
    flow: str,
    ref: int,
    *,
    back: bool,
    intro: str = "",
    ticked: Iterable[str] = (),
    rate_limit_args: dict | None = None,
) -> int:
    """Send the question with its keyboard, optionally after a line of introduction; returns its message id."""
    text = f"{intro}\n\n{question.prompt}" if intro else question.prompt
    keyboard = question_markup(question, flow, ref, back=back, ticked=ticked)
    return await send_text(bot, chat_id, text, reply_markup=keyboard, rate_limit_args=rate_limit_args)


async def retick(
    query: CallbackQuery, question: Question, flow: str, ref: int, ticked: Iterable[str], *, back: bool
) -> None:
    """Redraw a multi-select keyboard after a tick or untick."""
    await edit_quietly(
        query.edit_message_reply_markup(question_keyboard(question, flow, ref, back=back, ticked=ticked))
    )


async def close(query: CallbackQuery, answer: str) -> None:
    """Replace the answered question's keyboard with the answer, so old buttons cannot be pressed
    (through `do_api_request`, as `send_text`: Telegram's echo of the edit is not needed)."""
    message = query.message
    if message is None:  # an inline-mode message: the coach sends none
        return
    prompt = message.text if isinstance(message, Message) and message.text else ""
    text = f"{prompt}\n\n→ {answer}" if prompt else f"→ {answer}"
    edit = {"chat_id": message.chat.id, "message_id": message.message_id, "text": text}
    await edit_quietly(query.get_bot().do_api_request("editmessagetext", api_kwargs=edit))


async def edit_quietly(editing: Awaitable) -> None:
    """Make a cosmetic edit (closing or redrawing a keyboard): what follows, such as seek-care
    advice or the next question, must not depend on it.

    Telegram's 400 "message is not modified" means it already reads as wanted; after a network
    fault the old buttons stay, and answer "This button has expired". Neither is an error.
    """
    try:
        await editing
    except BadRequest as error:
        if "not modified" not in str(error).lower():
            raise
    except NetworkError as error:
        log.warning("keyboard not updated: %s", type(error).__name__)


async def answer_quietly(query: CallbackQuery) -> None:
    """Stop a pressed button's spinner; if Telegram cannot take that (a network fault, or a press
    too old after a busy spell), carry on: the answer is stored and what follows still matters."""
    try:
        await query.answer()
    except TelegramError as error:
        log.warning("button press not acknowledged: %s", type(error).__name__)
