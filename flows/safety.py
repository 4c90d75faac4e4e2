"""Escalation first: every text and caption is triaged before any other handler sees it.

```mermaid
flowchart LR
    words[any text or caption, or a checklist tick] --> triage
    triage -- emergency / urgent --> advice[advice + number + buttons] --> hold[reminders paused]
    triage -- soon --> gp[book a GP]
    hold -- "This was a mistake" --> resume[check-ins as usual]
```
The next day's follow-up is in `flows.care_hold`.
"""

import asyncio
import logging
from datetime import datetime

from sqlalchemy.exc import SQLAlchemyError
from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ChatType

from coach import wording
from coach.emergency_numbers import emergency_number
from coach.triage import CHECKLIST, Assessment, Tier, assess_checklist, triage
from flows import caregivers
from flows.asking import answer_quietly, close, edit_quietly, send_text
from flows.callbacks import Callback, decode
from flows.context import CoachContext
from flows.keyboards import button, markup
from flows.rate_limit import URGENT
from storage.models import Escalation, Person

log = logging.getLogger(__name__)

ACK_FLOW = "esc"
NET_FLOW = "net"
NET_NONE = "none"
_ACKS = {"got": wording.ACK_GOT_HELP, "getting": wording.ACK_GETTING_HELP, "mistake": wording.ACK_MISTAKE}


def needs_advice(update: object) -> bool:
    """Whether a private message's words carry a warning sign (or need the direct question).

    Such a message is handled at once, not after the person's earlier updates: their replies may
    be waiting for Telegram's pace (`flows.update_processor`)."""
    message = (
        (update.message or update.edited_message) if isinstance(update, Update) else None
    )  # not a button's message
    if message is None or message.chat.type != ChatType.PRIVATE:
        return False
    text = message.text or message.caption
    return bool(text) and triage(text).asks


async def triage_every_message(update: Update, context: CoachContext) -> None:
    """Triage the message's words and, on any warning sign, say what to do before anything else."""
    message = update.effective_message
    text = (message.text or message.caption) if message else None
    if not text or update.effective_user is None:
        return
    assessment = triage(text)
    if update.update_id in context.services.retrying:  # handled again: its advice went out the first time
        context.escalated = assessment.tier is not Tier.SELF_CARE
        return
    if not assessment.asks:
        return
    services, user_id, slow = context.services, update.effective_user.id, False
    try:
        async with asyncio.timeout(LOOKUP_WAIT), context.db.unit(urgent=True) as uow:
            person = await uow.people.by_telegram_id(user_id)
        if person is not None:
            services.people_seen[user_id] = person
            if len(services.people_seen) > PEOPLE_REMEMBERED:
                services.people_seen.pop(next(iter(services.people_seen)))
    except (SQLAlchemyError, TimeoutError):  # locked, full, restarting: advise from what is known
        log.warning("the person could not be looked up in time before escalating; advising anyway")
        person, slow = services.people_seen.get(user_id), True
    await escalate(context, update.effective_chat.id, person, assessment, source="text", store_now=not slow)


async def escalate(
    context: CoachContext,
    chat_id: int,
    person: Person | None,
    assessment: Assessment,
    *,
    source: str,
    store_now: bool = True,
) -> None:
    """Send the seek-care advice; for someone coached, store it and pause reminders after urgent or worse.

    The advice goes out even if storing it fails: a database fault must never delay it.
    """
    context.escalated = True
    number = emergency_number(person.timezone if person else None)
    if assessment.tier is Tier.SELF_CARE and assessment.question is not None:
        await context.bot.send_message(chat_id, assessment.question, rate_limit_args=URGENT)
        return
    if assessment.tier is Tier.SELF_CARE:  # the safety net: the red-flag checklist, one tap
        text = wording.SAFETY_NET if assessment.language == "en" else wording.SAFETY_NET_OTHER_LANGUAGE
        await send_text(context.bot, chat_id, text, reply_markup=_net_keyboard(), rate_limit_args=URGENT)
        return
    escalation = None
    if person is not None and not store_now:  # the database is slow: the advice does not wait for it
        _store_later(context, person, assessment, source)
    elif person is not None:
        try:
            escalation = await _record(context, person, assessment, source, context.now())
        except SQLAlchemyError:
            log.exception("escalation could not be stored person=%s; storing it later", person.id)
            _store_later(context, person, assessment, source)
    keyboard = None
    if escalation is not None and assessment.tier >= Tier.URGENT:
        keyboard = InlineKeyboardMarkup(
            [[button(label, ACK_FLOW, escalation.id, "ack", value)] for value, label in _ACKS.items()]
        )
    await context.bot.send_message(
        chat_id, wording.escalation_message(assessment, number), reply_markup=keyboard, rate_limit_args=URGENT
    )
    log.info("escalation tier=%s source=%s", assessment.tier.key, source)
    if person is not None:  # stored or not: safety does not wait on storage
        await caregivers.alert_escalation(context, person, assessment.tier)


LOOKUP_WAIT = 0.8  # seconds the advice waits for the database to say who the person is
PEOPLE_REMEMBERED = 10_000  # people whose last lookup is kept for advice while the database is slow

STORE_TRIES = (1, 2, 4, 8, 15, 30, 60, 60, 120, 120, 300, 300)  # seconds between tries: about 17 minutes


def _store_later(context: CoachContext, person: Person, assessment: Assessment, source: str) -> None:
    """Store an escalation the database refused (full, locked, restarting) once it takes writes
    again, with the time it happened; each try is one transaction, so it is written once."""
    services, happened = context.services, context.now()

    async def store() -> None:
        for pause in STORE_TRIES:
            await asyncio.sleep(pause)
            try:
                await _record(context, person, assessment, source, happened)
            except SQLAlchemyError as error:
                log.warning("escalation still not stored person=%s: %s", person.id, type(error).__name__)
                continue
            log.info("escalation stored late person=%s", person.id)
            return
        log.error("escalation never stored person=%s: the database refused every write", person.id)

    task = asyncio.create_task(store())
    services.background.add(task)
    task.add_done_callback(services.background.discard)


async def _record(
    context: CoachContext, person: Person, assessment: Assessment, source: str, now: datetime
) -> Escalation:
    async with context.db.unit(urgent=True) as uow:
        escalation = await uow.escalations.add(
            Escalation(
                person_id=person.id,
                tier=assessment.tier.key,
                triggers=[t.id for t in assessment.triggers],
                source=source,
                created_at=now,
            )
        )
        if assessment.tier >= Tier.URGENT:
            stored = await uow.people.by_telegram_id(person.telegram_user_id)
            stored.care_hold_since = stored.care_hold_since or now
    return escalation


def _net_keyboard() -> str:
    """The checklist as one-tap buttons, then "None of these" (items by their position: short data)."""
    rows = [[(item.label, Callback(NET_FLOW, 0, "-", str(i)).encode())] for i, item in enumerate(CHECKLIST)]
    rows.append([(wording.NONE_OF_THESE, Callback(NET_FLOW, 0, "-", NET_NONE).encode())])
    return markup(rows)


async def on_net_answer(update: Update, context: CoachContext) -> None:
    """A tap on the safety net's checklist: the advice for that item, or thanks for "None of these"."""
    query = update.callback_query
    callback = decode(query.data)
    value = callback.value if callback else ""
    item = CHECKLIST[int(value)] if value.isdigit() and int(value) < len(CHECKLIST) else None
    if item is None and value != NET_NONE:
        await query.answer(wording.BUTTON_EXPIRED)
        return
    await answer_quietly(query)
    await close(query, item.label if item else wording.NONE_OF_THESE)
    try:
        async with context.db.unit(urgent=True) as uow:
            person = await uow.people.by_telegram_id(update.effective_user.id)
    except SQLAlchemyError:
        log.exception("could not look up the person after a safety-net answer; advising anyway")
        person = None
    if item is None:
        number = emergency_number(person.timezone if person else None)
        await context.bot.send_message(update.effective_chat.id, wording.SAFETY_NET_NONE.format(number=number))
        return
    await escalate(context, update.effective_chat.id, person, assess_checklist([item.id]), source="net")


async def on_acknowledge(update: Update, context: CoachContext) -> None:
    """'I've got help', 'I'm getting help now' or 'This was a mistake' under an escalation."""
    query = update.callback_query
    callback = decode(query.data)
    async with context.db.unit() as uow:
        person = await uow.people.by_telegram_id(update.effective_user.id)
        escalation = await uow.escalations.get(callback.ref, person.id) if person and callback else None
        if escalation is None or escalation.acknowledged_at is not None or callback.value not in _ACKS:
            uow.on_commit(query.answer(wording.BUTTON_EXPIRED))
            return
        escalation.acknowledged_at, escalation.acknowledgement = context.now(), callback.value
        if callback.value == "mistake":
            person.care_hold_since = None
    await answer_quietly(query)
    await edit_quietly(query.edit_message_reply_markup(None))
    number = emergency_number(person.timezone)
    reply = wording.ACK_MISTAKE_THANKS if callback.value == "mistake" else wording.ACK_THANKS
    await context.bot.send_message(person.chat_id, reply.format(number=number))
    await caregivers.alert_acknowledgement(context, person, callback.value)
