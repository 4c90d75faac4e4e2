"""The optional STarT Back questionnaire: offered after set-up, and once more two weeks later.

```mermaid
flowchart LR
    offer{9 quick questions?} -- yes --> sb1 --> sb2 --> dots[...] --> sb9 --> result[risk and what to do]
    offer -- not now --> nothing
    result -- first time --> again[offered again in 14 days]
```
Each answer is stored as it is given; a medium or high result adds a line to /plan and, if the
person chose to share it, to their caregivers' summaries.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, Update

from coach import start_back, wording
from coach.clock_times import local_occurrence
from coach.reminders import Kind
from flows.asking import answer_quietly, ask, close, send_text
from flows.callbacks import decode
from flows.context import CoachContext
from flows.keyboards import BACK, button
from flows.rate_limit import BULK
from storage.models import Conversation, Person, Screening
from storage.repositories import UnitOfWork

FLOW = "sb"
OFFER = "offer"
AGAIN_AFTER_CHECKIN = timedelta(minutes=30)  # the two-week offer comes half an hour after that day's check-in


async def offer(context: CoachContext, person: Person, text: str = wording.START_BACK_INTRO, bulk: bool = False) -> int:
    """Ask whether they would answer the questionnaire now; returns the message id."""
    choices = ((wording.START_BACK_YES, "yes"), (wording.START_BACK_LATER, "no"))
    keyboard = InlineKeyboardMarkup([[button(label, FLOW, person.id, OFFER, value) for label, value in choices]])
    return await send_text(
        context.bot, person.chat_id, text, reply_markup=keyboard, rate_limit_args=BULK if bulk else None
    )


async def on_button(update: Update, context: CoachContext) -> None:
    """Yes / Not now under the offer, or an answer (or Back) to one of the nine items."""
    query, now = update.callback_query, context.now()
    callback = decode(query.data)
    async with context.db.unit() as uow:
        person = await uow.people.by_telegram_id(update.effective_user.id)
        if person is None or callback is None:
            uow.on_commit(query.answer(wording.BUTTON_EXPIRED))
            return
        if callback.step == OFFER:
            if callback.ref != person.id or callback.value not in ("yes", "no"):
                uow.on_commit(query.answer(wording.BUTTON_EXPIRED))
                return
            screening = await _begin(uow, person, now) if callback.value == "yes" else None
        else:
            screening = await uow.screenings.get(callback.ref, person.id)
            conversation = await uow.conversations.get(person.id)
            current = conversation is not None and (conversation.flow, conversation.step, conversation.record_id) == (
                FLOW,
                callback.step,
                callback.ref,
            )
            moved = await _answer(uow, person, screening, callback.value, now) if current and screening else None
            if moved is None:
                uow.on_commit(query.answer(wording.BUTTON_EXPIRED))
                return
    await answer_quietly(query)
    if callback.step == OFFER:
        await close(query, wording.START_BACK_YES if screening else wording.START_BACK_LATER)
        if screening:
            await _ask(context, person, screening)
        return
    item = start_back.BY_KEY[callback.step]
    await close(query, wording.BACK if callback.value == BACK else item.option(callback.value).label)
    await _after(context, person, screening)


async def on_text(update: Update, context: CoachContext, person: Person, conversation: Conversation) -> None:
    """A typed answer ('agree', 'very much')."""
    async with context.db.unit() as uow:
        screening = await uow.screenings.get(conversation.record_id, person.id)
        option = start_back.BY_KEY[conversation.step].match(update.effective_message.text) if screening else None
        moved = await _answer(uow, person, screening, option.value, context.now()) if option else None
    if moved is None:
        if not context.escalated:
            await update.effective_message.reply_text(wording.PICK_A_BUTTON)
        return
    await _after(context, person, screening)


async def _begin(uow: UnitOfWork, person: Person, now: datetime) -> Screening:
    screening = await uow.screenings.add(Screening(person_id=person.id, started_at=now, answers={}))
    await uow.conversations.set(person.id, FLOW, start_back.ITEMS[0].key, now, screening.id)
    return screening


async def _answer(uow: UnitOfWork, person: Person, screening: Screening, value: str, now: datetime) -> bool | None:
    """Store one answer (or go Back); True when the screening is complete, None if not an answer."""
    step = (await uow.conversations.get(person.id)).step
    item = start_back.BY_KEY[step]
    if value == BACK:
        previous = start_back.step_before(step)
        if previous is None:
            return None
        await uow.conversations.set(person.id, FLOW, previous.key, now, screening.id)
        return False
    if item.option(value) is None:
        return None
    screening.answers = {**screening.answers, step: value}
    following = start_back.step_after(step)
    if following is not None:
        await uow.conversations.set(person.id, FLOW, following.key, now, screening.id)
        return False
    result = start_back.score(screening.answers)
    screening.completed_at, screening.total, screening.psychosocial, screening.risk = (
        now,
        result.total,
        result.psychosocial,
        result.risk,
    )
    await uow.conversations.end(person.id)
    if len(await uow.screenings.completed(person.id)) == 1:  # the first one: offer it again in two weeks
        await uow.reminders.plan(person.id, [(Kind.SCREENING, "again", _two_weeks_on(person, now))])
    return True


def _two_weeks_on(person: Person, now: datetime) -> datetime:
    zone = ZoneInfo(person.timezone)
    return (
        local_occurrence((now + start_back.RESCREEN_AFTER).astimezone(zone), person.checkin_time, zone)
        + AGAIN_AFTER_CHECKIN
    )


async def _after(context: CoachContext, person: Person, screening: Screening) -> None:
    if screening.completed_at is None:
        await _ask(context, person, screening)
        return
    result = start_back.Result(screening.total, screening.psychosocial, start_back.Risk(screening.risk))
    await context.bot.send_message(person.chat_id, start_back.result_message(result))


async def _ask(context: CoachContext, person: Person, screening: Screening) -> None:
    async with context.db.unit() as uow:
        step = (await uow.conversations.get(person.id)).step
    item = start_back.BY_KEY[step]
    await ask(context.bot, person.chat_id, item, FLOW, screening.id, back=start_back.step_before(step) is not None)


async def latest_result(uow: UnitOfWork, person_id: int) -> start_back.Result | None:
    """The person's most recent result, if they ever finished the questionnaire."""
    done = await uow.screenings.completed(person_id)
    if not done:
        return None
    last = done[-1]
    return start_back.Result(last.total, last.psychosocial, start_back.Risk(last.risk))
