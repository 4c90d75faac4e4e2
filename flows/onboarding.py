"""Onboarding: welcome and consent, then onset, cause, time zone, check-in time and waking hours.

```mermaid
flowchart LR
    start[/start/] --> consent{consent?}
    consent -- no --> nothing[nothing stored]
    consent -- yes --> onset --> cause --> tz[time zone] --> time[check-in time] --> wake[waking hours] --> plan[today's plan]
    cause -. fall or knock .-> urgent[urgent advice, then carry on]
```
Every step has Back; typed answers work for time zone, time and waking hours.
"""

from telegram import InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup, ReplyKeyboardRemove, Update

from coach import invites, onboarding, wording
from coach.clock_times import format_time
from coach.protocol import Cause, heat_allowed_at
from coach.questions import Question
from coach.timezones import zone_from_location
from coach.triage import assess_checklist
from flows import caregivers, profile, screening
from flows.asking import answer_quietly, ask, close
from flows.callbacks import Callback, decode
from flows.context import CoachContext
from flows.keyboards import BACK, button
from flows.safety import escalate
from storage.models import Conversation, Episode, Person
from storage.repositories import UnitOfWork

FLOW = "ob"
CONSENT_FLOW = "consent"
SETTING_KEYS = ("tz", "time", "wake")


async def start(update: Update, context: CoachContext) -> None:
    """/start: welcome and consent for someone new; set-up from the top for someone known;
    a caregiver invitation when the link carried one."""
    code = invites.code_from_start_payload(context.args[0]) if context.args else None
    if code is not None:
        await caregivers.open_invitation(update, context, code)
        return
    async with context.db.unit() as uow:
        person = await uow.people.by_telegram_id(update.effective_user.id)
        if person is not None:
            await uow.conversations.set(person.id, FLOW, onboarding.ONSET.key, context.now())
    if person is None:
        await welcome(update)
        return
    await _ask_onset(context, update, person.id)


async def _ask_onset(context: CoachContext, update: Update, person_id: int) -> None:
    """The set-up's first question, after the welcome and consent."""
    await ask(
        context.bot,
        update.effective_chat.id,
        onboarding.ONSET,
        FLOW,
        person_id,
        back=False,
        intro=wording.ONBOARDING_START,
    )


async def welcome(update: Update) -> None:
    """What the coach is and is not, and the consent buttons."""
    keyboard = [
        [
            button(wording.CONSENT_YES, CONSENT_FLOW, 0, "-", "yes"),
            button(wording.CONSENT_NO, CONSENT_FLOW, 0, "-", "no"),
        ]
    ]
    await update.effective_message.reply_text(wording.WELCOME, reply_markup=InlineKeyboardMarkup(keyboard))


async def on_consent(update: Update, context: CoachContext) -> None:
    """The consent buttons: agreeing creates the person; declining stores nothing."""
    query = update.callback_query
    callback = decode(query.data)
    if callback is None or callback.value not in ("yes", "no"):
        await query.answer(wording.BUTTON_EXPIRED)
        return
    await answer_quietly(query)
    if callback.value == "no":
        await close(query, wording.CONSENT_NO)
        await context.bot.send_message(update.effective_chat.id, wording.CONSENT_DECLINED)
        return
    now = context.now()
    async with context.db.unit() as uow:
        person = await uow.people.by_telegram_id(update.effective_user.id)
        if person is not None:  # a second press of an old button
            uow.on_commit(context.bot.send_message(update.effective_chat.id, wording.BUTTON_EXPIRED))
            return
        person = await uow.people.add(
            Person(
                telegram_user_id=update.effective_user.id,
                chat_id=update.effective_chat.id,
                created_at=now,
                consented_at=now,
            )
        )
        await uow.conversations.set(person.id, FLOW, onboarding.ONSET.key, now)
    await close(query, wording.CONSENT_YES)
    await _ask_onset(context, update, person.id)


async def on_button(update: Update, context: CoachContext) -> None:
    """A tapped onboarding answer, or Back."""
    query = update.callback_query
    callback = decode(query.data)
    async with context.db.unit() as uow:
        person, conversation = await _current(uow, update.effective_user.id, callback)
        if conversation is None:
            uow.on_commit(query.answer(wording.BUTTON_EXPIRED))
            return
        question = onboarding.BY_KEY[conversation.step]
        if callback.value == BACK:
            previous = onboarding.step_before(question.key) or question
            await uow.conversations.set(person.id, FLOW, previous.key, context.now(), conversation.record_id)
        else:
            option = question.option(callback.value)
            if option is None:
                uow.on_commit(query.answer(wording.BUTTON_EXPIRED))
                return
            following = await record(uow, person, conversation, question.key, option.value, context.now())
    await answer_quietly(query)  # an injury's advice may follow: no cosmetic call may hold it up
    if callback.value == BACK:
        await close(query, wording.BACK)
        await ask_step(context, person, previous)
        return
    await close(query, option.label)
    await after_answer(context, person, question.key, option.value, following)


async def on_text(update: Update, context: CoachContext, person: Person, conversation: Conversation) -> None:
    """A typed answer to the current onboarding step."""
    question = onboarding.BY_KEY[conversation.step]
    text = update.effective_message.text
    if question.key in SETTING_KEYS:
        value, reply = profile.interpret(question.key, text)
    else:
        option = question.match(text)
        value, reply = (option.value, option.label) if option else (None, wording.PICK_A_BUTTON)
    if value is None:
        if not context.escalated:
            await update.effective_message.reply_text(reply)
            await ask_step(context, person, question)
        return
    await _record_and_continue(update, context, person, question, value, reply)


async def on_location(update: Update, context: CoachContext, person: Person, conversation: Conversation) -> None:
    """A shared location at the time-zone step."""
    location = update.effective_message.location
    zone = zone_from_location(location.latitude, location.longitude)
    if zone is None:
        await update.effective_message.reply_text(wording.ZONE_UNKNOWN, reply_markup=ReplyKeyboardRemove())
        return
    question = onboarding.BY_KEY[conversation.step]
    await _record_and_continue(update, context, person, question, zone, wording.ZONE_SET.format(zone=zone))


async def _record_and_continue(
    update: Update, context: CoachContext, person: Person, question: Question, value: str, reply: str
) -> None:
    async with context.db.unit() as uow:
        person, conversation = await _current(
            uow, update.effective_user.id, Callback(FLOW, person.id, question.key, value)
        )
        if conversation is None:
            return
        following = await record(uow, person, conversation, question.key, value, context.now())
    await update.effective_message.reply_text(
        reply, reply_markup=ReplyKeyboardRemove() if question.key == "tz" else None
    )
    await after_answer(context, person, question.key, value, following)


async def _current(
    uow: UnitOfWork, user_id: int, callback: Callback | None
) -> tuple[Person | None, Conversation | None]:
    """The person and their onboarding conversation, only if the button is for its current step."""
    person = await uow.people.by_telegram_id(user_id)
    if person is None or callback is None or callback.ref != person.id:
        return person, None
    conversation = await uow.conversations.get(person.id)
    if conversation is None or conversation.flow != FLOW or conversation.step != callback.step:
        return person, None
    return person, conversation


async def record(
    uow: UnitOfWork, person: Person, conversation: Conversation, key: str, value: str, now
) -> Question | None:
    """Store one onboarding answer and move on; returns the next question, or None when done."""
    if key == "onset":
        onset_at, chronic = onboarding.onset_from(value, now)
        episode = await uow.session.get(Episode, conversation.record_id) if conversation.record_id else None
        if episode is None:
            episode = await uow.episodes.add(
                Episode(person_id=person.id, onset_at=onset_at, chronic=chronic, created_at=now)
            )
        episode.onset_at, episode.chronic = onset_at, chronic
        episode.announced_phase = "cold" if now < heat_allowed_at(profile.episode_facts(episode)) else "heat"
        conversation.record_id = episode.id
    elif key == "cause":
        episode = await uow.session.get(Episode, conversation.record_id)
        episode.cause = value
    else:
        await profile.apply(uow, person, key, value, now)
    following = onboarding.step_after(key)
    if following is None:
        person.onboarded_at = now  # the next tick plans their reminders
        await uow.conversations.end(person.id)
    else:
        await uow.conversations.set(person.id, FLOW, following.key, now, conversation.record_id)
    return following


async def after_answer(context: CoachContext, person: Person, key: str, value: str, following: Question | None) -> None:
    """What the person hears after an answer: advice for an injury, the next question, or their plan."""
    if key == "cause" and value == Cause.INJURY:
        await escalate(context, person.chat_id, person, assess_checklist(["trauma"]), source="onboarding")
    if following is not None:
        await ask_step(context, person, following)
        return
    async with context.db.unit() as uow:
        episode = await uow.episodes.current(person.id)
        plan = await profile.plan_at(uow, episode, context.now())
    await context.bot.send_message(person.chat_id, wording.ONBOARDED.format(time=format_time(person.checkin_time)))
    await context.bot.send_message(person.chat_id, wording.render_plan(plan))
    await screening.offer(context, person)


async def ask_step(context: CoachContext, person: Person, question: Question, flow: str = FLOW) -> None:
    """Ask an onboarding or settings question; the time-zone one also offers location sharing."""
    back = flow != FLOW or onboarding.step_before(question.key) is not None
    await ask(context.bot, person.chat_id, question, flow, person.id, back=back)
    if question.key == "tz":
        share = ReplyKeyboardMarkup(
            [[KeyboardButton(wording.SHARE_LOCATION, request_location=True)]],
            resize_keyboard=True,
            one_time_keyboard=True,
        )
        await context.bot.send_message(person.chat_id, wording.SHARE_LOCATION_HINT, reply_markup=share)
