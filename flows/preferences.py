"""/settings (time zone, check-in time, waking hours), /pause and /resume."""

from telegram import InlineKeyboardMarkup, ReplyKeyboardRemove, Update

from coach import onboarding, wording
from coach.timezones import zone_from_location
from flows import profile
from flows.asking import close
from flows.callbacks import decode
from flows.context import CoachContext
from flows.keyboards import BACK, button, rows
from flows.onboarding import ask_step
from storage.models import Conversation, Person

FLOW = "set"
MENU = "menu"
_CHOICES = (("tz", wording.SETTINGS_ZONE), ("time", wording.SETTINGS_TIME), ("wake", wording.SETTINGS_WAKE), ("close", wording.SETTINGS_CLOSE))


async def settings_command(update: Update, context: CoachContext) -> None:
    """Show the settings and what can be changed."""
    async with context.db.unit() as uow:
        person = await uow.people.by_telegram_id(update.effective_user.id)
        if not await profile.require_onboarded(update, person):
            return
        await uow.conversations.set(person.id, FLOW, MENU, context.now())
    await _menu(context, person)


async def _menu(context: CoachContext, person: Person) -> None:
    keyboard = InlineKeyboardMarkup(rows([button(label, FLOW, person.id, MENU, key) for key, label in _CHOICES], 3))
    await context.bot.send_message(person.chat_id, wording.SETTINGS_MENU.format(**profile.settings_summary(person)), reply_markup=keyboard)


async def on_button(update: Update, context: CoachContext) -> None:
    """A menu choice, a tapped new value, or Back to the menu."""
    query = update.callback_query
    callback = decode(query.data)
    now = context.now()
    async with context.db.unit() as uow:
        person = await uow.people.by_telegram_id(update.effective_user.id)
        conversation = await uow.conversations.get(person.id) if person and callback else None
        current = conversation is not None and conversation.flow == FLOW and conversation.step == callback.step
        if not current or callback.ref != person.id:
            await query.answer(wording.BUTTON_EXPIRED)
            return
        if callback.step == MENU:
            if callback.value == "close":
                await uow.conversations.end(person.id)
            elif callback.value in onboarding.BY_KEY:
                await uow.conversations.set(person.id, FLOW, callback.value, now)
            else:
                await query.answer(wording.BUTTON_EXPIRED)
                return
        elif callback.value == BACK:
            await uow.conversations.set(person.id, FLOW, MENU, now)
        else:
            question = onboarding.BY_KEY[callback.step]
            option = question.option(callback.value)
            value, reply = profile.interpret(question.key, option.value) if option else (None, "")
            if value is None:
                await query.answer(wording.BUTTON_EXPIRED)
                return
            profile.apply(person, question.key, value, now)
            await uow.conversations.end(person.id)
    await query.answer()
    if callback.step == MENU:
        label = dict(_CHOICES)[callback.value]
        await close(query, label)
        if callback.value == "close":
            await context.bot.send_message(person.chat_id, wording.SETTINGS_CLOSED)
        else:
            await ask_step(context, person, onboarding.BY_KEY[callback.value], FLOW)
    elif callback.value == BACK:
        await close(query, wording.BACK)
        await _menu(context, person)
    else:
        await close(query, option.label)
        await _saved(context, person, reply)


async def on_text(update: Update, context: CoachContext, person: Person, conversation: Conversation) -> None:
    """A typed new value (or a shared location, via on_location)."""
    if conversation.step == MENU:
        if not context.escalated:
            await update.effective_message.reply_text(wording.PICK_A_BUTTON)
        return
    value, reply = profile.interpret(conversation.step, update.effective_message.text)
    await _save_typed(update, context, person, conversation.step, value, reply)


async def on_location(update: Update, context: CoachContext, person: Person, conversation: Conversation) -> None:
    """A shared location while changing the time zone."""
    location = update.effective_message.location
    zone = zone_from_location(location.latitude, location.longitude) if conversation.step == "tz" else None
    await _save_typed(update, context, person, "tz", zone, wording.ZONE_SET.format(zone=zone) if zone else wording.ZONE_UNKNOWN)


async def _save_typed(update: Update, context: CoachContext, person: Person, key: str, value: str | None, reply: str) -> None:
    if value is None:
        if not context.escalated:
            await update.effective_message.reply_text(reply)
        return
    async with context.db.unit() as uow:
        person = await uow.people.by_telegram_id(person.telegram_user_id)
        profile.apply(person, key, value, context.now())
        await uow.conversations.end(person.id)
    await update.effective_message.reply_text(reply, reply_markup=ReplyKeyboardRemove())
    await _saved(context, person, "")


async def _saved(context: CoachContext, person: Person, reply: str) -> None:
    when = profile.local_when(person, person.next_checkin_at) if person.next_checkin_at else "not scheduled"
    text = wording.SETTINGS_SAVED.format(when=when)
    await context.bot.send_message(person.chat_id, f"{reply}\n{text}" if reply else text)


async def pause_command(update: Update, context: CoachContext) -> None:
    """/pause: stop daily check-ins until /resume."""
    await _set_paused(update, context, paused=True)


async def resume_command(update: Update, context: CoachContext) -> None:
    """/resume: daily check-ins again, from the next due time (nothing missed is sent late)."""
    await _set_paused(update, context, paused=False)


async def _set_paused(update: Update, context: CoachContext, *, paused: bool) -> None:
    now = context.now()
    async with context.db.unit() as uow:
        person = await uow.people.by_telegram_id(update.effective_user.id)
        if not await profile.require_onboarded(update, person):
            return
        unchanged = (person.paused_at is not None) == paused
        if not unchanged:
            person.paused_at = now if paused else None
            profile.reschedule(person, now)
    if unchanged:
        reply = wording.ALREADY_PAUSED if paused else wording.NOT_PAUSED
    else:
        reply = wording.PAUSED if paused else wording.RESUMED
    await update.effective_message.reply_text(reply)
