"""The daily check-in, at the person's time or on demand with /checkin.

```mermaid
flowchart LR
    pain --> trend --> flags[red-flag checklist] --> sessions --> stretches --> water
    water --> heat{heat in use?}
    heat -- yes --> heatq[how heat felt] --> note
    heat -- no --> note[optional note] --> summary[summary and tomorrow's plan]
    flags -. any tick that raises the tier .-> escalate[seek-care message at once]
```
Each answer is stored the moment it is given; the position lives in the check-in row, so an
interrupted check-in (or a restarted bot) continues where it stopped.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from telegram import Update

from coach import checkin as questions
from coach import wording
from coach.checkin import Answers
from coach.protocol import Phase
from coach.questions import Question
from coach.trends import PainScore, trend_triggers
from coach.triage import assess_checklist, assess_triggers
from flows import profile
from flows.asking import answer_quietly, ask, close, retick
from flows.callbacks import decode
from flows.context import CoachContext
from flows.keyboards import BACK, DONE, NONE, SKIP
from flows.safety import escalate
from storage.models import CheckIn, Conversation, Episode, Person
from storage.repositories import UnitOfWork

FLOW = "ci"

_COLUMNS = {"pain": "pain", "sessions": "sessions", "stretches": "stretches", "water": "water_glasses"}
_TEXT_COLUMNS = {"trend": "trend", "heat": "heat_effect"}


async def checkin_command(update: Update, context: CoachContext) -> None:
    """/checkin: continue an unfinished check-in, or start one now."""
    async with context.db.unit() as uow:
        person = await uow.people.by_telegram_id(update.effective_user.id)
        if not profile.require_onboarded(uow, update, person):
            return
        checkin = await uow.checkins.open_for(person.id)
        intro = wording.CHECKIN_RESUME if checkin else wording.CHECKIN_INTRO
        if checkin is None:
            checkin = await begin(uow, person, context.now())
        else:
            await uow.conversations.set(person.id, FLOW, checkin.step, context.now(), checkin.id)
    await ask_current(context, person, checkin, intro=intro)


async def begin(uow: UnitOfWork, person: Person, now: datetime) -> CheckIn:
    """Open a new check-in with today's phase, and make it the person's conversation."""
    episode = await uow.episodes.current(person.id)
    plan = await profile.plan_at(uow, episode, now)
    checkin = await uow.checkins.add(
        CheckIn(person_id=person.id, episode_id=episode.id, phase=plan.phase, step=questions.PAIN.key, started_at=now)
    )
    await uow.conversations.set(person.id, FLOW, checkin.step, now, checkin.id)
    return checkin


async def discard(uow: UnitOfWork, checkin: CheckIn) -> None:
    """Forget a check-in that was opened but never reached the person."""
    conversation = await uow.conversations.get(checkin.person_id)
    if conversation is not None and conversation.flow == FLOW and conversation.record_id == checkin.id:
        await uow.conversations.end(checkin.person_id)
    await uow.checkins.discard(checkin.id)


async def ask_current(
    context: CoachContext, person: Person, checkin: CheckIn, intro: str = "", rate_limit_args: dict | None = None
) -> int:
    """Ask the question the check-in is on (scheduled ones at bulk priority); returns its message id."""
    phase = Phase(checkin.phase)
    question = questions.question(phase, checkin.step)
    back = questions.step_before(phase, question.key) is not None
    ticked = checkin.red_flags if question.multi else ()
    return await ask(
        context.bot,
        person.chat_id,
        question,
        FLOW,
        checkin.id,
        back=back,
        intro=intro,
        ticked=ticked,
        rate_limit_args=rate_limit_args,
    )


@dataclass
class _Outcome:
    """What an answer did, for the messages that follow it."""

    checkin: CheckIn
    question: Question
    label: str = ""
    following: Question | None = None
    done: bool = False
    moved: bool = True  # False for a tick in the checklist
    newly_ticked: tuple[str, ...] | None = None  # the ticks, when a tick raised the tier


async def on_button(update: Update, context: CoachContext) -> None:
    """A tapped check-in answer, a checklist tick, Done, Skip or Back."""
    query = update.callback_query
    callback = decode(query.data)
    warning_signs = callback is not None and callback.step == questions.RED_FLAGS.key  # a tick may need advice at once
    async with context.db.unit(urgent=warning_signs) as uow:
        person = await uow.people.by_telegram_id(update.effective_user.id)
        checkin = await uow.checkins.get(callback.ref, person.id) if person and callback else None
        current = checkin is not None and checkin.status == "open" and checkin.step == callback.step
        outcome = await _answer(uow, checkin, callback.value, context.now()) if current else None
    if outcome is None:  # a stale or forged press, answered once the unit is over
        await query.answer(wording.BUTTON_EXPIRED)
        return
    await answer_quietly(query)  # a red-flag tick's advice follows: no cosmetic call may hold it up
    if outcome.moved:
        await close(query, outcome.label)
    else:
        await retick(query, outcome.question, FLOW, checkin.id, checkin.red_flags, back=True)
    await _follow_up(context, person, outcome)


async def on_text(update: Update, context: CoachContext, person: Person, conversation: Conversation) -> None:
    """Typed text during a check-in: the note, or a typed version of a button ('7')."""
    text = update.effective_message.text
    async with context.db.unit() as uow:
        checkin = await uow.checkins.get(conversation.record_id, person.id)
        if checkin is None or checkin.status != "open":
            await uow.conversations.end(person.id)
            return
        question = questions.question(Phase(checkin.phase), checkin.step)
        option = question.match(text)
        value = text if question.key == questions.NOTE.key else option.value if option else None
        outcome = await _answer(uow, checkin, value, context.now()) if value is not None else None
    if outcome is None:
        if not context.escalated:
            await update.effective_message.reply_text(wording.PICK_A_BUTTON)
            await ask_current(context, person, checkin)
        return
    await _follow_up(context, person, outcome)


async def _answer(uow: UnitOfWork, checkin: CheckIn, value: str, now: datetime) -> _Outcome | None:
    """Apply one answer to the open check-in; None if the value is not an answer to its question."""
    phase = Phase(checkin.phase)
    question = questions.question(phase, checkin.step)
    if value == BACK:
        previous = questions.step_before(phase, question.key)
        if previous is None:
            return None
        await _move(uow, checkin, previous, now)
        return _Outcome(checkin, question, label=wording.BACK, following=previous)
    if question.multi and value not in (DONE, NONE):
        if question.option(value) is None:
            return None
        before = assess_checklist(checkin.red_flags).tier
        ticks = (
            [t for t in checkin.red_flags if t != value] if value in checkin.red_flags else [*checkin.red_flags, value]
        )
        checkin.red_flags = ticks
        raised = assess_checklist(ticks).tier > before
        return _Outcome(checkin, question, moved=False, newly_ticked=tuple(ticks) if raised else None)
    if question.multi:
        if value == NONE:
            checkin.red_flags = []
        label = ", ".join(question.option(t).label for t in checkin.red_flags) or wording.NONE_OF_THESE
    elif value == SKIP and question.skippable:
        label = wording.SKIP
    elif question.key == questions.NOTE.key:
        checkin.note, label = value, value
    else:
        option = question.option(value)
        if option is None:
            return None
        _store(checkin, question.key, option.value)
        label = option.label
    following = questions.step_after(phase, question.key)
    if following is None:
        checkin.status, checkin.completed_at = "done", now
        await uow.conversations.end(checkin.person_id)
        if checkin.heat_effect == "worse":  # a step down the heat ladder may change the session times
            await profile.replan(uow, await uow.session.get(Person, checkin.person_id), now)
        return _Outcome(checkin, question, label=label, done=True)
    await _move(uow, checkin, following, now)
    return _Outcome(checkin, question, label=label, following=following)


def _store(checkin: CheckIn, key: str, value: str) -> None:
    if key in _COLUMNS:
        setattr(checkin, _COLUMNS[key], int(value))
    else:
        setattr(checkin, _TEXT_COLUMNS[key], value)


async def _move(uow: UnitOfWork, checkin: CheckIn, question: Question, now: datetime) -> None:
    checkin.step = question.key
    await uow.conversations.set(checkin.person_id, FLOW, question.key, now, checkin.id)


async def _follow_up(context: CoachContext, person: Person, outcome: _Outcome) -> None:
    """Escalate a raised checklist tier, then ask the next question or send the summary."""
    if outcome.newly_ticked is not None:
        await escalate(context, person.chat_id, person, assess_checklist(outcome.newly_ticked), source="checkin")
        return
    if outcome.following is not None:
        await ask_current(context, person, outcome.checkin)
    elif outcome.done:
        await context.bot.send_message(person.chat_id, await _summary(context, outcome.checkin))
        await _advise_on_trends(context, person, outcome.checkin)


async def _advise_on_trends(context: CoachContext, person: Person, checkin: CheckIn) -> None:
    """After a check-in: GP advice for a worrying trend, once per episode for each trend."""
    now = context.now()
    async with context.db.unit() as uow:
        episode = await uow.session.get(Episode, checkin.episode_id)
        scores = [PainScore(at, pain) for at, pain in await uow.checkins.pain_scores(episode.id)]
        heat_worse = await uow.checkins.heat_worse_count(episode.id)
        already = await uow.escalations.triggers_since(person.id, episode.created_at)
    found = [t for t in trend_triggers(scores, episode.created_at, heat_worse, now) if t not in already]
    if found:
        await escalate(context, person.chat_id, person, assess_triggers(found), source="trend")


async def _summary(context: CoachContext, checkin: CheckIn) -> str:
    """The closing message: what was recorded, progress, and tomorrow's therapy (and why it changed)."""
    now = context.now()
    async with context.db.unit() as uow:
        episode = await uow.episodes.current(checkin.person_id)
        first_pain = await uow.checkins.first_pain(episode.id)
        tomorrow = await profile.plan_at(uow, episode, now + timedelta(days=1))
    answers = Answers(
        pain=checkin.pain,
        trend=checkin.trend,
        red_flags=tuple(checkin.red_flags),
        sessions=checkin.sessions,
        stretches=checkin.stretches,
        water_glasses=checkin.water_glasses,
        heat_effect=checkin.heat_effect,
        note=checkin.note,
    )
    return wording.checkin_summary(answers, first_pain, tomorrow)
