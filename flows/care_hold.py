"""After urgent or emergency advice: reminders pause, and the next day the coach asks how they are.

```mermaid
flowchart LR
    hold[care hold] -- first check-in slot 12 h or more later --> ask[how are you today?]
    ask -- "I'm OK, carry on" --> resume[hold lifted, today's check-in]
    ask -- "Still getting care" --> hold
```
"""

from datetime import timedelta

from telegram import InlineKeyboardMarkup, Update

from coach import wording
from coach.emergency_numbers import emergency_number
from flows import checkin
from flows.asking import answer_quietly, close, send_text
from flows.callbacks import decode
from flows.context import CoachContext
from flows.keyboards import button
from flows.rate_limit import BULK
from storage.models import Person

FLOW = "hold"
ASK_AFTER = timedelta(hours=12)
_ANSWERS = {"ok": wording.FOLLOW_UP_OK, "care": wording.FOLLOW_UP_CARE}


async def ask_how_they_are(context: CoachContext, person: Person) -> int:
    """The day after urgent or emergency advice, in place of the check-in; returns its message id."""
    keyboard = InlineKeyboardMarkup(
        [[button(label, FLOW, person.id, "how", value) for value, label in _ANSWERS.items()]]
    )
    return await send_text(context.bot, person.chat_id, wording.FOLLOW_UP, reply_markup=keyboard, rate_limit_args=BULK)


async def on_follow_up(update: Update, context: CoachContext) -> None:
    """Resume on the person's word, or keep reminders paused and ask again tomorrow."""
    query = update.callback_query
    callback = decode(query.data)
    now = context.now()
    async with context.db.unit() as uow:
        person = await uow.people.by_telegram_id(update.effective_user.id)
        if (
            person is None
            or callback is None
            or callback.ref != person.id
            or person.care_hold_since is None
            or callback.value not in _ANSWERS
        ):
            uow.on_commit(query.answer(wording.BUTTON_EXPIRED))
            return
        opened = None
        if callback.value == "ok":
            person.care_hold_since = None
            opened = await uow.checkins.open_for(person.id) or await checkin.begin(uow, person, now)
    await answer_quietly(query)
    await close(query, _ANSWERS[callback.value])
    if opened is None:
        await context.bot.send_message(
            person.chat_id, wording.FOLLOW_UP_HOLD.format(number=emergency_number(person.timezone))
        )
        return
    await context.bot.send_message(person.chat_id, wording.FOLLOW_UP_RESUMED)
    await checkin.ask_current(context, person, opened)
