"""/caregiver: invite someone to follow your progress, accept an invitation, stop sharing;
and what caregivers are sent: daily and weekly summaries, missed check-in and escalation alerts.

```mermaid
flowchart LR
    invite[/caregiver: Invite/] --> share[tick what to share] --> missed{missed alerts?}
    missed -- yes --> after[after 1, 2 or 3] --> code[one-time link + code, 48 h]
    missed -- no --> code
    code --> open[caregiver opens it] --> preview[whose, and what] --> accept{accept?}
    accept -- yes --> zone[their time zone] --> time[their summary time] --> linked
    accept -- no --> declined[person told]
    linked -- Stop sharing, either side --> ended[both told]
```
The person chooses what is shared; `coach.summaries` enforces it. A caregiver need not use the
coach themselves, so their choices (zone, time) are taken with buttons on the link itself.
"""

import logging
from datetime import datetime, time, timedelta

from sqlalchemy.exc import SQLAlchemyError
from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import TelegramError

from coach import invites, protocol, summaries, wording
from coach.checkin import Answers
from coach.emergency_numbers import emergency_number
from coach.invites import Sharing
from coach.reminders import HORIZON, REPLAN_WITHIN, Kind, summary_slots
from coach.timezones import COMMON_ZONES
from coach.triage import Tier
from flows import profile, progress, screening
from flows.asking import answer_quietly, ask, close, retick, send_text
from flows.callbacks import decode
from flows.context import CoachContext
from flows.keyboards import DONE, NONE, button, rows
from flows.rate_limit import BULK, URGENT
from storage.models import CaregiverInvite, CaregiverLink, Person, Reminder
from storage.repositories import UnitOfWork

log = logging.getLogger(__name__)

FLOW = "cg"  # the person's side, and the caregiver's zone and time choices
INVITATION_FLOW = "cgi"  # the caregiver answering an invitation
SAME_ZONE = "same"


# --- The person: /caregiver, inviting, stopping ---------------------------------------------


async def caregiver_command(update: Update, context: CoachContext) -> None:
    """/caregiver: who you share with and whom you follow, with Stop buttons, and Invite."""
    user = update.effective_user
    async with context.db.unit() as uow:
        person = await uow.people.by_telegram_id(user.id)
        sharing = await uow.caregivers.sharing_with(person.id) if person else []
        following = await uow.caregivers.following(user.id)
    buttons = [button(wording.stop_sharing_with(link.caregiver_name), FLOW, link.id, "stop", "p") for link in sharing]
    buttons += [button(wording.stop_following(link.person_name), FLOW, link.id, "stop", "c") for link, _ in following]
    if person is not None and person.onboarded_at is not None:
        buttons.append(button(wording.INVITE_SOMEONE, FLOW, person.id, "invite", "new"))
    text = wording.caregiver_overview(
        [(link.caregiver_name, Sharing.from_text(link.sharing).describe()) for link in sharing],
        [link.person_name for link, _ in following],
        can_invite=person is not None and person.onboarded_at is not None,
    )
    await update.effective_message.reply_text(
        text, reply_markup=InlineKeyboardMarkup(rows(buttons, 1)) if buttons else None
    )


async def on_button(update: Update, context: CoachContext) -> None:
    """Invite, a sharing tick, Done, the missed-alert count, Stop, or the caregiver's zone and time."""
    query = update.callback_query
    callback = decode(query.data)
    handler = _STEPS.get(callback.step) if callback else None
    if handler is None or not await handler(update, context, callback):
        await query.answer(wording.BUTTON_EXPIRED)


async def _invite(update: Update, context: CoachContext, callback) -> bool:
    query, now = update.callback_query, context.now()
    async with context.db.unit() as uow:
        person = await uow.people.by_telegram_id(update.effective_user.id)
        if person is None or person.id != callback.ref or person.onboarded_at is None:
            return False
        name = invites.shown_name(update.effective_user.first_name)
        invite = await uow.caregivers.add(
            CaregiverInvite(person_id=person.id, person_name=name, sharing=Sharing().to_text(), created_at=now)
        )
        await uow.conversations.set(person.id, FLOW, invites.SHARE_WHAT.key, now, invite.id)
    await answer_quietly(query)
    await close(query, wording.INVITE_SOMEONE)
    await ask(
        context.bot, person.chat_id, invites.SHARE_WHAT, FLOW, invite.id, back=False, ticked=invites.ticked(Sharing())
    )
    return True


async def _draft(uow: UnitOfWork, update: Update, callback) -> tuple[Person | None, CaregiverInvite | None]:
    """The person and their invitation being drafted, if this button belongs to the current step."""
    person = await uow.people.by_telegram_id(update.effective_user.id)
    conversation = await uow.conversations.get(person.id) if person else None
    if conversation is None or (conversation.flow, conversation.step, conversation.record_id) != (
        FLOW,
        callback.step,
        callback.ref,
    ):
        return person, None
    return person, await uow.caregivers.draft(callback.ref, person.id)


async def _share(update: Update, context: CoachContext, callback) -> bool:
    """A tick or untick of what to share, or Done."""
    query = update.callback_query
    async with context.db.unit() as uow:
        person, invite = await _draft(uow, update, callback)
        if invite is None:
            return False
        sharing = Sharing.from_text(invite.sharing)
        ticks = invites.ticked(sharing)
        if callback.value in (DONE, NONE):
            if callback.value == NONE or not ticks:
                uow.on_commit(query.answer(wording.SHARE_NOTHING))
                return True
            if "missed" in ticks:
                await uow.conversations.set(person.id, FLOW, invites.MISSED_AFTER.key, context.now(), invite.id)
            else:
                code = await _issue(uow, person, invite, context.now())
        elif invites.SHARE_WHAT.option(callback.value) is None:
            return False
        else:
            ticks ^= {callback.value}
            invite.sharing = invites.sharing_from(ticks, sharing.missed_after or 2, sharing.daily_time).to_text()
    await answer_quietly(query)
    if callback.value not in (DONE, NONE):
        await retick(query, invites.SHARE_WHAT, FLOW, invite.id, ticks, back=False)
        return True
    await close(query, ", ".join(invites.SHARE_WHAT.option(t).label for t in sorted(ticks)))
    if "missed" in ticks:
        await ask(context.bot, person.chat_id, invites.MISSED_AFTER, FLOW, invite.id, back=False)
    else:
        await _send_invitation(context, person, invite, code)
    return True


async def _missed_after(update: Update, context: CoachContext, callback) -> bool:
    query = update.callback_query
    async with context.db.unit() as uow:
        person, invite = await _draft(uow, update, callback)
        option = invites.MISSED_AFTER.option(callback.value)
        if invite is None or option is None:
            return False
        sharing = Sharing.from_text(invite.sharing)
        invite.sharing = invites.sharing_from(invites.ticked(sharing), int(option.value), sharing.daily_time).to_text()
        code = await _issue(uow, person, invite, context.now())
    await answer_quietly(query)
    await close(query, option.label)
    await _send_invitation(context, person, invite, code)
    return True


async def _issue(uow: UnitOfWork, person: Person, invite: CaregiverInvite, now: datetime) -> str:
    """Turn the draft into a live invitation; the code itself is never stored."""
    code = invites.new_code()
    invite.code_hash, invite.created_at = invites.hash_code(code), now
    await uow.conversations.end(person.id)
    return code


async def _send_invitation(context: CoachContext, person: Person, invite: CaregiverInvite, code: str) -> None:
    bot = context.bot.username
    link = invites.deep_link(bot, code)
    hours = int(invites.INVITE_VALID.total_seconds() // 3600)
    text = summaries.invite_created(link, bot, invites.display_code(code), hours, Sharing.from_text(invite.sharing))
    await context.bot.send_message(person.chat_id, text)
    log.info("caregiver invitation issued person=%s invite=%s", person.id, invite.id)


async def _stop(update: Update, context: CoachContext, callback) -> bool:
    """Stop sharing, pressed by the person ('p') or by the caregiver ('c')."""
    query, user, now = update.callback_query, update.effective_user, context.now()
    async with context.db.unit() as uow:
        link = await uow.caregivers.link(callback.ref)
        if link is None or link.ended_at is not None:
            return False
        person = await uow.session.get(Person, link.person_id)
        mine = (callback.value == "p" and person.telegram_user_id == user.id) or (
            callback.value == "c" and link.caregiver_user_id == user.id
        )
        if not mine:
            return False
        await end(uow, link, now)
    context.services.alert_links.pop(link.person_id, None)  # never alert an ended link from memory
    await answer_quietly(query)
    await close(query, wording.STOP_SHARING)
    to_person, to_caregiver = summaries.stopped_notices(
        link.person_name, link.caregiver_name, by_person=callback.value == "p"
    )
    await tell(context, person.chat_id, to_person)
    await tell(context, link.caregiver_chat_id, to_caregiver)
    return True


async def end(uow: UnitOfWork, link: CaregiverLink, now: datetime) -> None:
    """End a link: nothing more is sent on it."""
    link.ended_at = now
    await uow.reminders.forget_link(link.id)


# --- The caregiver: opening, accepting or declining, zone and time ---------------------------


async def open_invitation(update: Update, context: CoachContext, code: str) -> None:
    """A caregiver opened a link or typed a code: show whose invitation it is and what it shares."""
    user = update.effective_user
    async with context.db.unit() as uow:
        invite = await uow.caregivers.invite_by_hash(invites.hash_code(code))
        person = await uow.session.get(Person, invite.person_id) if invite else None
        refusal = await _refusal(uow, invite, person, user.id, context.now())
    if refusal:
        await update.effective_message.reply_text(refusal)
        return
    sharing = Sharing.from_text(invite.sharing)
    keyboard = InlineKeyboardMarkup(
        [
            [
                button(wording.INVITE_ACCEPT, INVITATION_FLOW, invite.id, "ans", "y" + code),
                button(wording.INVITE_DECLINE, INVITATION_FLOW, invite.id, "ans", "n" + code),
            ]
        ]
    )
    await update.effective_message.reply_text(
        summaries.invitation_preview(invite.person_name, sharing), reply_markup=keyboard
    )


async def _refusal(
    uow: UnitOfWork, invite: CaregiverInvite | None, person: Person | None, user_id: int, now: datetime
) -> str | None:
    """Why this invitation cannot be accepted by this user now, or None if it can."""
    if invite is None or person is None or invite.code_hash is None:
        return wording.INVITE_UNKNOWN
    if invite.used_at is not None:
        return wording.INVITE_USED
    if invites.is_expired(invite.created_at, now):
        return wording.INVITE_EXPIRED.format(name=invite.person_name or wording.SOMEONE)
    if person.telegram_user_id == user_id:
        return wording.INVITE_OWN
    if await uow.caregivers.active_link(person.id, user_id):
        return wording.INVITE_ALREADY_LINKED.format(name=invite.person_name or wording.SOMEONE)
    return None


async def on_invitation(update: Update, context: CoachContext) -> None:
    """Accept or Decline under an invitation; the button carries the code, so an id alone is no key."""
    query, user, now = update.callback_query, update.effective_user, context.now()
    callback = decode(query.data)
    code = callback.value[1:] if callback and callback.value[:1] in ("y", "n") else ""
    async with context.db.unit() as uow:
        invite = await uow.caregivers.invite_by_hash(invites.hash_code(code)) if code else None
        if invite is None or invite.id != callback.ref:
            uow.on_commit(query.answer(wording.BUTTON_EXPIRED))
            return
        person = await uow.session.get(Person, invite.person_id)
        refusal = await _refusal(uow, invite, person, user.id, now)
        if refusal is None and not await uow.caregivers.use_invite(invite.id, now):
            refusal = wording.INVITE_USED
        accepted = refusal is None and callback.value[0] == "y"
        link = None
        if accepted:
            link = await uow.caregivers.add(
                CaregiverLink(
                    person_id=person.id,
                    person_name=invite.person_name,
                    caregiver_user_id=user.id,
                    caregiver_chat_id=update.effective_chat.id,
                    caregiver_name=invites.shown_name(user.first_name),
                    sharing=invite.sharing,
                    accepted_at=now,
                )
            )
    await answer_quietly(query)
    if refusal:
        await close(query, refusal)
        return
    sharing = Sharing.from_text(invite.sharing)
    if not accepted:
        await close(query, wording.INVITE_DECLINE)
        to_person, to_caregiver = summaries.declined_notices(invite.person_name, invites.shown_name(user.first_name))
        await tell(context, person.chat_id, to_person)
        await tell(context, update.effective_chat.id, to_caregiver)
        return
    await close(query, wording.INVITE_ACCEPT)
    to_person, to_caregiver = summaries.accepted_notices(invite.person_name, link.caregiver_name, sharing)
    await tell(context, person.chat_id, to_person)
    await tell(context, link.caregiver_chat_id, to_caregiver)
    log.info("caregiver link accepted person=%s link=%s", person.id, link.id)
    if sharing.daily or sharing.weekly:
        await _ask_zone(context, link, person)


async def _ask_zone(context: CoachContext, link: CaregiverLink, person: Person) -> None:
    same = button(wording.same_zone_as(link.person_name, person.timezone), FLOW, link.id, "tz", SAME_ZONE)
    zones = [button(label, FLOW, link.id, "tz", str(n)) for n, (_, label) in enumerate(COMMON_ZONES)]
    keyboard = InlineKeyboardMarkup([[same], *rows(zones, 3)])
    await context.bot.send_message(link.caregiver_chat_id, wording.CAREGIVER_ZONE_PROMPT, reply_markup=keyboard)


async def _zone(update: Update, context: CoachContext, callback) -> bool:
    query = update.callback_query
    async with context.db.unit() as uow:
        link = await uow.caregivers.link(callback.ref)
        if link is None or link.ended_at is not None or link.caregiver_user_id != update.effective_user.id:
            return False
        person = await uow.session.get(Person, link.person_id)
        if callback.value == SAME_ZONE:
            zone = person.timezone
        elif callback.value.isdigit() and int(callback.value) < len(COMMON_ZONES):
            zone = COMMON_ZONES[int(callback.value)][0]
        else:
            return False
        link.timezone, link.planned_until = zone, None
        await uow.reminders.forget_link(link.id)
    await answer_quietly(query)
    await close(query, zone)
    if Sharing.from_text(link.sharing).daily:
        await ask(context.bot, link.caregiver_chat_id, invites.DAILY_TIME, FLOW, link.id, back=False)
    else:
        await context.bot.send_message(link.caregiver_chat_id, wording.CAREGIVER_ALL_SET_WEEKLY)
    return True


async def _daily_time(update: Update, context: CoachContext, callback) -> bool:
    query = update.callback_query
    option = invites.DAILY_TIME.option(callback.value)
    async with context.db.unit() as uow:
        link = await uow.caregivers.link(callback.ref)
        if (
            option is None
            or link is None
            or link.ended_at is not None
            or link.caregiver_user_id != update.effective_user.id
        ):
            return False
        sharing = Sharing.from_text(link.sharing)
        link.sharing = Sharing(
            sharing.daily,
            sharing.weekly,
            sharing.missed_after,
            sharing.escalations,
            time.fromisoformat(option.value),
            sharing.screening,
        ).to_text()
        link.planned_until = None
        await uow.reminders.forget_link(link.id)
    await answer_quietly(query)
    await close(query, option.label)
    await context.bot.send_message(link.caregiver_chat_id, wording.CAREGIVER_ALL_SET.format(time=option.label))
    return True


_STEPS = {
    "invite": _invite,
    invites.SHARE_WHAT.key: _share,
    invites.MISSED_AFTER.key: _missed_after,
    "stop": _stop,
    "tz": _zone,
    invites.DAILY_TIME.key: _daily_time,
}


async def tell(context: CoachContext, chat_id: int, text: str) -> None:
    """A notice to one side; the other side's action stands even if this cannot be delivered."""
    try:
        await context.bot.send_message(chat_id, text)
    except TelegramError as error:
        log.info("caregiver notice not delivered: %s", type(error).__name__)


# --- What caregivers are sent ---------------------------------------------------------------


async def plan_summaries(uow: UnitOfWork, now: datetime, batch: int = 500) -> int:
    """Write each active link's next summaries as reminder rows (keyed by link and local date)."""
    links = await uow.caregivers.to_plan(now + REPLAN_WITHIN, batch)
    for link in links:
        sharing = Sharing.from_text(link.sharing)
        slots = summary_slots(
            link.timezone, sharing.daily_time, daily=sharing.daily, weekly=sharing.weekly, start=now, end=now + HORIZON
        )
        await uow.reminders.plan(
            link.person_id, ((slot.kind, f"{link.id}|{slot.local_key}", slot.due_at) for slot in slots)
        )
        link.planned_until = now + HORIZON
    return len(links)


async def note_missed(uow: UnitOfWork, person: Person, now: datetime) -> None:
    """After check-ins were marked missed: plan an alert for each caregiver whose chosen count is reached."""
    in_row = await uow.checkins.missed_in_row(person.id)
    for link in await uow.caregivers.sharing_with(person.id):
        if summaries.should_alert_missed(Sharing.from_text(link.sharing), in_row):
            await uow.reminders.plan(person.id, [(Kind.CARE_MISSED, f"{link.id}|{now.isoformat()}", now)])


async def summary(context: CoachContext, uow: UnitOfWork, person: Person, row: Reminder, now: datetime):
    """The message a caregiver row stands for, as a sender; or why it is not sent."""
    link = await uow.caregivers.link(int(row.local_key.split("|")[0]))
    if link is None or link.ended_at is not None or link.person_id != person.id:
        return "ended", None
    sharing = Sharing.from_text(link.sharing)
    episode = await uow.episodes.current(person.id)
    if episode is None:
        return "no_episode", None
    if row.kind == Kind.CARE_MISSED:
        text = summaries.missed_alert(link.person_name, await uow.checkins.missed_in_row(person.id), sharing)
        return (None, _sender(context, link, text)) if text else ("answered", None)
    if row.kind == Kind.CARE_WEEKLY:
        days = await progress.episode_days(uow, person, episode, now, last=7)
        facts = summaries.WeekFacts(
            link.person_name,
            days,
            protocol.day_of_episode(profile.episode_facts(episode), now) - len(days) + 1,
            await uow.checkins.first_pain(episode.id),
            await uow.escalations.soon_since(person.id, now - timedelta(days=7)),
            await screening.latest_result(uow, person.id),
        )
        caption = summaries.weekly_caption(facts, sharing)
        chart = progress.chart_file(days, wording.chart_title(link.person_name or wording.SOMEONE), "week.png")
        return None, lambda: _send_chart(context, link, chart, caption)
    return None, _sender(
        context, link, summaries.daily_summary(await _day_facts(uow, person, link, episode, now), sharing)
    )


async def _day_facts(
    uow: UnitOfWork, person: Person, link: CaregiverLink, episode, now: datetime
) -> summaries.DayFacts:
    """Today is the last 24 hours: its check-in, compared with the one the day before."""
    done = [c for c in await uow.checkins.of_episode(episode.id) if c.status == "done"]
    latest = done[-1] if done and done[-1].started_at > now - timedelta(hours=24) else None
    answers, yesterday = None, None
    if latest is not None:
        answers = Answers(
            pain=latest.pain,
            trend=latest.trend,
            sessions=latest.sessions,
            stretches=latest.stretches,
            water_glasses=latest.water_glasses,
        )
        before = done[-2] if len(done) > 1 else None
        yesterday = before.pain if before and latest.started_at - before.started_at <= timedelta(hours=36) else None
    plan = await profile.plan_at(uow, episode, now)
    soon = await uow.escalations.soon_since(person.id, now - timedelta(hours=24))
    done_today = [s for s in await uow.screenings.completed(person.id) if s.completed_at > now - timedelta(hours=24)]
    result = await screening.latest_result(uow, person.id) if done_today else None
    return summaries.day_facts(link.person_name, plan.day, plan.phase, answers, yesterday, soon, result)


def _sender(context: CoachContext, link: CaregiverLink, text: str):
    return lambda: send_text(context.bot, link.caregiver_chat_id, text, rate_limit_args=BULK)


async def _send_chart(context: CoachContext, link: CaregiverLink, chart, caption: str) -> int:
    return (
        await context.bot.send_photo(link.caregiver_chat_id, chart, caption=caption, rate_limit_args=BULK)
    ).message_id


async def alert_escalation(context: CoachContext, person: Person, tier: Tier) -> None:
    """Tell each caregiver who chose escalation alerts, at once, with what to do."""
    if tier < Tier.URGENT:
        return
    services = context.services
    held = services.alerts.decide(person.id, tier, context.now())
    if held is None:
        log.info("caregiver alert held back person=%s tier=%s (one a window)", person.id, tier.key)
        return
    number = emergency_number(person.timezone)
    try:
        async with context.db.unit(urgent=True) as uow:
            links = await uow.caregivers.sharing_with(person.id)
        services.alert_links[person.id] = links
    except SQLAlchemyError:
        links = services.alert_links.get(person.id, [])
        log.exception("caregiver links unreadable person=%s; alerting the %s last read", person.id, len(links))
    for link in links:
        text = summaries.escalation_alert(link.person_name, tier, number, Sharing.from_text(link.sharing), held)
        if text:
            await _alert(context, link, text)


async def alert_acknowledgement(context: CoachContext, person: Person, ack: str) -> None:
    """Tell the same caregivers what the person said: got help, getting help, or a mistake."""
    async with context.db.unit() as uow:
        links = await uow.caregivers.sharing_with(person.id)
    for link in links:
        text = summaries.escalation_follow_up(link.person_name, ack, Sharing.from_text(link.sharing))
        if text:
            await _alert(context, link, text)


async def _alert(context: CoachContext, link: CaregiverLink, text: str) -> Message | None:
    try:
        return await context.bot.send_message(link.caregiver_chat_id, text, rate_limit_args=URGENT)
    except TelegramError as error:
        log.warning("caregiver alert not delivered link=%s: %s", link.id, type(error).__name__)
        return None
