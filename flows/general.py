"""Help, and a clear answer for everything else: free text, locations, stickers, group chats, old buttons."""

import asyncio
import contextlib
import logging

from telegram import ReplyKeyboardRemove, Update
from telegram.error import Forbidden, TelegramError

from coach import invites, wording
from flows import caregivers, checkin, onboarding, preferences, screening
from flows.context import CoachContext
from flows.logs import where
from storage.database import is_transient

log = logging.getLogger(__name__)

_TEXT_HANDLERS = {
    onboarding.FLOW: onboarding.on_text,
    preferences.FLOW: preferences.on_text,
    checkin.FLOW: checkin.on_text,
    screening.FLOW: screening.on_text,
}
_LOCATION_HANDLERS = {onboarding.FLOW: onboarding.on_location, preferences.FLOW: preferences.on_location}


async def help_command(update: Update, context: CoachContext) -> None:
    """/help: what the coach can do."""
    await update.effective_message.reply_text(wording.HELP)


async def on_text(update: Update, context: CoachContext) -> None:
    """Free text: the answer to the current question if one is open, else a helpful reply."""
    async with context.db.unit() as uow:
        person = await uow.people.by_telegram_id(update.effective_user.id)
        conversation = await uow.conversations.get(person.id) if person else None
    if conversation is not None and conversation.flow in _TEXT_HANDLERS:
        await _TEXT_HANDLERS[conversation.flow](update, context, person, conversation)
    elif context.escalated:
        return  # the seek-care advice stands alone
    elif code := invites.code_from_text(update.effective_message.text):
        await caregivers.open_invitation(update, context, code)
    elif person is None:
        await onboarding.welcome(update)
    else:
        await update.effective_message.reply_text(wording.NOT_UNDERSTOOD)


async def on_location(update: Update, context: CoachContext) -> None:
    """A shared location: used for the time zone when asked, otherwise politely set aside."""
    async with context.db.unit() as uow:
        person = await uow.people.by_telegram_id(update.effective_user.id)
        conversation = await uow.conversations.get(person.id) if person else None
    if conversation is not None and conversation.step == "tz" and conversation.flow in _LOCATION_HANDLERS:
        await _LOCATION_HANDLERS[conversation.flow](update, context, person, conversation)
    else:
        await update.effective_message.reply_text(wording.LOCATION_NOT_NEEDED, reply_markup=ReplyKeyboardRemove())


async def on_unsupported(update: Update, context: CoachContext) -> None:
    """Stickers, photos, voice and the like: say what works (a caption was already triaged)."""
    if not context.escalated:
        await update.effective_message.reply_text(wording.UNSUPPORTED_MESSAGE)


async def on_unknown_command(update: Update, context: CoachContext) -> None:
    """A command the coach doesn't have."""
    if not context.escalated:
        await update.effective_message.reply_text(wording.NOT_UNDERSTOOD)


async def on_group(update: Update, context: CoachContext) -> None:
    """Anything in a group or channel: the coach works only in private chats."""
    if update.effective_message is not None:
        await update.effective_message.reply_text(wording.PRIVATE_ONLY)


async def on_stale_button(update: Update, context: CoachContext) -> None:
    """A button whose data no flow recognises: forged, malformed or from an old version."""
    await update.callback_query.answer(wording.BUTTON_EXPIRED)


# seconds between tries of an update the database could not take (locked, full, restarting): two minutes
RETRY_PAUSES = (1, 2, 4, 8, 15, 30, 30, 30)


async def on_error(update: object, context: CoachContext) -> None:
    """Record a failure without personal data, and tell the person to try again. An answer the
    database could not take for a moment is handled again until it can, for about two minutes,
    holding that person's later updates back meanwhile (they stay in order)."""
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(context.error, Forbidden):  # they blocked the bot mid-reply: nothing to tell them
        log.info("update=%s not answered: the person blocked the bot", update_id)
        return
    retrying = context.services.retrying
    if update_id in retrying:  # a later try failed too: `_handled_again` decides what next
        retrying[update_id].append(context.error)
        return
    if isinstance(update, Update) and is_transient(context.error) and await _handled_again(update, context):
        return
    log.error("update=%s failed: %s", update_id, where(context.error))
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    try:
        await context.bot.send_message(update.effective_chat.id, wording.SOMETHING_WENT_WRONG)
    except TelegramError:
        log.warning("update=%s could not be told about the failure", update_id)


async def _handled_again(update: Update, context: CoachContext) -> bool:
    """Handle the update again after each pause until it goes through; whether it did. The
    warning-sign triage is not run again (`safety`): its advice went out the first time."""
    retrying, chat = context.services.retrying, update.effective_chat
    failures = retrying.setdefault(update.update_id, [])
    try:
        for attempt, pause in enumerate(RETRY_PAUSES):
            log.warning(
                "update=%s: the database is unavailable (%s); trying again", update.update_id, where(context.error)
            )
            if attempt == 0 and chat is not None:
                with contextlib.suppress(TelegramError):
                    await context.bot.send_message(chat.id, wording.STILL_SAVING)
            await asyncio.sleep(pause)
            failures.clear()
            await context.application.process_update(update)
            if not failures:
                log.info("update=%s handled on a later try", update.update_id)
                return True
            context.error = failures[-1]
            if not is_transient(context.error):
                return False
        return False
    finally:
        retrying.pop(update.update_id, None)
