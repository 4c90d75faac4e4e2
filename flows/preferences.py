"""/settings (time zone, check-in time, waking hours, stretch times, which reminders), /pause and /resume."""

from telegram import InlineKeyboardMarkup, ReplyKeyboardRemove, Update

from coach import onboarding, wording
from coach.reminders import PLANNED_KINDS, Kind
from coach.timezones import zone_from_location
from flows import profile
from flows.asking import answer_quietly, close
from flows.callbacks import decode
from flows.context import CoachContext
from flows.keyboards import BACK, button, rows
from flows.onboarding import ask_step
from storage.models import Conversation, Person

FLOW = "set"
MENU = "menu"
KINDS = "kinds"  # the on/off switches of each kind of reminder
_CHOICES = (
    ("tz", wording.SETTINGS_ZONE),
    ("time", wording.SETTINGS_TIME),
    ("wake", wording.SETTINGS_WAKE),
    ("stretch", wording.SETTINGS_STRETCH),
    (KINDS, wording.SETTINGS_KINDS),
    ("close", wording.SETTINGS_CLOSE),
)


async def settings_command(update: Update, context: CoachContext) -> None:
    """Show the settings and what can be changed."""
    async with context.db.unit() as uow:
        person = await uow.people.by_telegram_id(update.effective_user.id)
        if not profile.require_onboarded(uow, update, person):
            return
        await uow.conversations.set(person.id, FLOW, MENU, context.now())
    await _menu(context, person)


async def _menu(context: CoachContext, person: Person) -> None:
    keyboard = InlineKeyboardMarkup(rows([button(label, FLOW, person.id, MENU, key) for key, label in _CHOICES], 2))
    await context.bot.send_message(
        person.chat_id, wording.SETTINGS_MENU.format(**profile.settings_summary(person)), reply_markup=keyboard
    )


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
            uow.on_commit(query.answer(wording.BUTTON_EXPIRED))
            return
        if callback.step == MENU:
            if callback.value == "close":
                await uow.conversations.end(person.id)
            elif callback.value in onboarding.SETTINGS or callback.value == KINDS:
                await uow.conversations.set(person.id, FLOW, callback.value, now)
            else:
                uow.on_commit(query.answer(wording.BUTTON_EXPIRED))
                return
        elif callback.value == BACK:
            await uow.conversations.set(person.id, FLOW, MENU, now)
        elif callback.step == KINDS:
            if callback.value not in PLANNED_KINDS:
                uow.on_commit(query.answer(wording.BUTTON_EXPIRED))
                return
            off = set(person.reminders_off) ^ {callback.value}
            person.reminders_off = sorted(off)
            await profile.replan(uow, person, now)
        else:
            question = onboarding.SETTINGS[callback.step]
            option = question.option(callback.value)
            value, reply = profile.interpret(question.key, option.value) if option else (None, "")
            if value is None:
                uow.on_commit(query.answer(wording.BUTTON_EXPIRED))
                return
            await profile.apply(uow, person, question.key, value, now)
            await uow.conversations.end(person.id)
    await answer_quietly(query)
    if callback.step == MENU:
        label = dict(_CHOICES)[callback.value]
        await close(query, label)
        if callback.value == "close":
            await context.bot.send_message(person.chat_id, wording.SETTINGS_CLOSED)
        elif callback.value == KINDS:
            await context.bot.send_message(
                person.chat_id, wording.SETTINGS_KINDS_PROMPT, reply_markup=_switches(person)
            )
        else:
            await ask_step(context, person, onboarding.SETTINGS[callback.value], FLOW)
    elif callback.value == BACK:
        await close(query, wording.BACK)
        await _menu(context, person)
    elif callback.step == KINDS:
        await query.edit_message_reply_markup(_switches(person))
    else:
        await close(query, option.label)
        await _saved(context, person, reply)


def _switches(person: Person) -> InlineKeyboardMarkup:
    """One button per kind of reminder, showing whether it is on; tapping turns it on or off."""
    switches = [
        button(wording.reminder_switch(kind, on=kind not in person.reminders_off), FLOW, person.id, KINDS, kind)
        for kind in PLANNED_KINDS
    ]
    return InlineKeyboardMarkup([*rows(switches, 1), [button(wording.BACK, FLOW, person.id, KINDS, BACK)]])


async def on_text(update: Update, context: CoachContext, person: Person, conversation: Conversation) -> None:
    """A typed new value (or a shared location, via on_location)."""
    if conversation.step in (MENU, KINDS):
        if not context.escalated:
            await update.effective_message.reply_text(wording.PICK_A_BUTTON)
        return
    value, reply = profile.interpret(conversation.step, update.effective_message.text)
    await _save_typed(update, context, person, conversation.step, value, reply)


async def on_location(update: Update, context: CoachContext, person: Person, conversation: Conversation) -> None:
    """A shared location while changing the time zone."""
    location = update.effective_message.location
    zone = zone_from_location(location.latitude, location.longitude) if conversation.step == "tz" else None
    await _save_typed(
        update, context, person, "tz", zone, wording.ZONE_SET.format(zone=zone) if zone else wording.ZONE_UNKNOWN
    )


async def _save_typed(
    update: Update, context: CoachContext, person: Person, key: str, value: str | None, reply: str
) -> None:
    if value is None:
        if not context.escalated:
            await update.effective_message.reply_text(reply)
        return
    async with context.db.unit() as uow:
        person = await uow.people.by_telegram_id(person.telegram_user_id)
        await profile.apply(uow, person, key, value, context.now())
        await uow.conversations.end(person.id)
    await update.effective_message.reply_text(reply, reply_markup=ReplyKeyboardRemove())
    await _saved(context, person, "")


async def _saved(context: CoachContext, person: Person, reply: str) -> None:
    if Kind.CHECKIN in person.reminders_off:
        text = wording.SETTINGS_SAVED_NO_CHECKIN
    else:
        text = wording.SETTINGS_SAVED.format(
            when=profile.local_when(person, profile.next_checkin_after(person, context.now()))
        )
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
        if not profile.require_onboarded(uow, update, person):
            return
        unchanged = (person.paused_at is not None) == paused
        if not unchanged:
            person.paused_at = now if paused else None
            await profile.replan(uow, person, now)
    if unchanged:
        reply = wording.ALREADY_PAUSED if paused else wording.NOT_PAUSED
    else:
        reply = wording.PAUSED if paused else wording.RESUMED
    await update.effective_message.reply_text(reply)
