"""Everything the coach says, in one place a clinician can review (CLINICAL.md, "Wording").

Warm, short, concrete; no jargon, no blame. Functions here only format: decisions come from
the protocol, the check-in and triage modules.
"""

from collections.abc import Iterable
from datetime import date

from coach.checkin import Answers, meaningful_improvement
from coach.protocol import HEAT_WORSE_SOON_AFTER, Cause, DayPlan, Phase
from coach.reminders import Kind
from coach.stretches import STOP_RULE
from coach.triage import Assessment, Tier

DISCLAIMER = (
    "I give general self-care guidance. I am not a doctor and not an emergency service. "
    "If you feel very unwell, call your local emergency number."
)

WELCOME = (
    "Hi, I'm your back self-care coach 👋\n\n"
    "If your back feels warm, burning or tingly, I'll guide you day by day: cold for the first "
    "48 hours, then heat, plus gentle stretches and water. Each day I'll check in with a few "
    "quick taps, and I'll tell you straight away if something you report needs a doctor.\n\n"
    f"{DISCLAIMER}\n\n"
    "To coach you I need to store your answers (you can export or delete them any time). "
    "Is that OK?"
)
CONSENT_YES = "I agree"
CONSENT_NO = "No thanks"
CONSENT_DECLINED = (
    "No problem, I haven't stored anything. If you change your mind, send /start. "
    "If you ever have worrying symptoms, call your local emergency number."
)
CONSENT_NEEDED = "Before we start, I need your OK to store your answers. Send /start to see what that means."
ONBOARDING_START = "Thank you. A few quick questions to set up your plan."
ONBOARDING_RESUME = "Let's carry on setting up your plan."
ONBOARDED = "All set! I'll check in with you every day at {time}. Here is your plan for today:"
SHARE_LOCATION = "📍 Share my location"
SHARE_LOCATION_HINT = (
    "Or tap the button below to share your location (it is used once, to find your time zone, and not stored)."
)
BACK = "« Back"
DONE = "Done ✓"
NONE_OF_THESE = "None of these"
SKIP = "Skip"

ZONE_SET = "Time zone set to {zone}."
ZONE_UNKNOWN = "I couldn't find a place called that. Try your nearest big city, or a zone like Europe/Berlin."
ZONE_SEVERAL = "{place} has several time zones. Which city are you in or near?"
TIME_UNKNOWN = "Please type a time like 08:30 or 19:00."
WAKE_UNKNOWN = "Please type a range like 07:30-22:30 (at least 6 hours)."

CHECKIN_INTRO = "Time for your check-in. It takes under a minute."
CHECKIN_RESUME = "Let's pick up your check-in where we left off."
CHECKIN_NEED_SETUP = "Let's finish setting you up first, then we can check in."
CHECKIN_THANKS = "Thanks, that's today's check-in done."
BUTTON_EXPIRED = "This button has expired."
PICK_A_BUTTON = "Please tap one of the buttons above."
# The safety net: the message named something from the red-flag list (or was in a language the
# coach cannot read yet) and no rule decided; asking beats staying silent.
SAFETY_NET = "To be safe, I'd like to check: do you have any of these right now? Tap the one that fits, or \u201cNone of these\u201d."
SAFETY_NET_OTHER_LANGUAGE = (
    "Sorry, I can only read English for now. To be safe: do you have any of these right now? "
    "Tap the one that fits, or \u201cNone of these\u201d. If you feel very unwell, call your local emergency number."
)
SAFETY_NET_NONE = "Thanks for checking. If anything changes, tell me at once or call {number}."

NOTHING_STORED = "I don't have anything stored about you."
EXPORT_JSON = "Everything I have stored about you."
EXPORT_CSV = "Your check-ins, one row each, for a spreadsheet."
DELETE_CONFIRM = (
    "This erases everything I have stored about you: your settings, episodes, every check-in answer "
    "and every warning I sent. It can't be undone. Delete everything?"
)
DELETE_YES = "Yes, delete everything"
DELETE_NO = "No, keep my data"
DELETED = "Done: everything about you is erased. If you'd like coaching again, send /start."
DELETE_KEPT = "OK, nothing was deleted."

PAUSED = "Paused. I won't send check-ins until you send /resume. You can still write to me any time."
RESUMED = "Welcome back! Your daily check-ins are on again."
ALREADY_PAUSED = "You're already paused. Send /resume when you want check-ins again."
NOT_PAUSED = "Your check-ins are already on."

PRIVATE_ONLY = "I only work in a private chat, to keep your health information private. Please message me directly."
UNSUPPORTED_MESSAGE = "I can only read text and button taps. Please type or tap instead."
STILL_SAVING = "⏳ My storage is busy, so I'm still saving that. No need to send it again."
SOMETHING_WENT_WRONG = (
    "Sorry, something went wrong on my side, so that may not have been saved. Please try again in a moment. "
    "If you have worrying symptoms, don't wait: call your local emergency number."
)
LOCATION_NOT_NEEDED = "Thanks, but I only use a location to set your time zone. To change it, use /settings."
NOT_UNDERSTOOD = (
    "I'm not sure what you mean, sorry. You can:\n"
    "/checkin – do today's check-in\n"
    "/plan – see today's plan\n"
    "/help – everything I can do\n\n"
    "If something feels wrong, tell me in your own words and I'll say what to do."
)

HELP = (
    "Here's what I can do:\n"
    "/start – set up or start over\n"
    "/checkin – do a check-in now\n"
    "/plan – today's plan\n"
    "/progress – your pain chart and how it is going\n"
    "/settings – time zone, check-in time, waking hours, which reminders\n"
    "/pause and /resume – stop or restart reminders and check-ins\n"
    "/caregiver – share your progress with someone who looks after you\n"
    "/export – get a copy of all your data\n"
    "/delete – erase all your data\n"
    "/help – this message\n\n"
    "You can also just tell me how you feel, any time. If you mention a warning sign, "
    "I'll tell you what to do and how soon.\n\n"
    f"{DISCLAIMER}"
)

SETTINGS_MENU = (
    "Your settings:\nTime zone: {zone}\nCheck-in time: {time}\nWaking hours: {wake}\nStretch reminders: {stretch}\n"
    "Reminders on: {reminders}\n\nWhat would you like to change?"
)
SETTINGS_ZONE = "Time zone"
SETTINGS_TIME = "Check-in time"
SETTINGS_WAKE = "Waking hours"
SETTINGS_STRETCH = "Stretch times"
SETTINGS_KINDS = "Which reminders"
SETTINGS_KINDS_PROMPT = (
    "Tap a reminder to turn it on or off. Sessions and water come every 2–3 hours while you're awake: "
    "change your waking hours to move them."
)
SETTINGS_CLOSE = "Close"
SETTINGS_SAVED = "Saved. Your next check-in is {when}."
SETTINGS_SAVED_NO_CHECKIN = "Saved. Your daily check-in reminder is off: send /checkin whenever you like."
SETTINGS_CLOSED = "Settings closed."
STRETCH_TIMES_UNKNOWN = "Please type one or two times like 10:30, 18:00."
STRETCH_TIMES_SET = "Stretch reminders at {times}."

REMINDER_NAMES = {
    Kind.CHECKIN: "Daily check-in",
    Kind.THERAPY: "Cold/heat sessions",
    Kind.STRETCH: "Stretches",
    Kind.WATER: "Water",
}
REMINDER_DONE = "✅ Done"
REMINDER_SNOOZE = "⏰ Snooze 30 min"
REMINDER_SKIP_TODAY = "Skip today"
REMINDER_DONE_REPLY = "✅ Done. Well done!"
REMINDER_SNOOZED = "⏰ Snoozed: I'll remind you again at {when}."
REMINDER_SKIPPED = "Skipped: no more sessions today. Rest is fine too; we carry on tomorrow."
REMINDER_ALREADY = "Already noted, thank you."
CHECKIN_NUDGE = "A gentle nudge: today's check-in is still waiting for you. It takes under a minute."
_SESSION_NOW = {
    Phase.COLD: "🧊 Time for a cold session: a wrapped cold pack, 15–20 minutes. Never ice straight on the skin.",
    Phase.HEAT: "🔥 Time for heat: a heating pad, warm bath or shower, 15–20 minutes. Warm, not hot.",
    Phase.MOIST_HEAT: "♨️ Time for moist heat: a warm, damp towel or a warm shower, 15–20 minutes.",
    Phase.CONTRAST: "🔄 Time for warm and cold: a warm damp towel and a wrapped cold pack, a few minutes each, 15–20 minutes in all.",
}


def reminder_switch(kind: Kind, *, on: bool) -> str:
    """A settings button showing whether a kind of reminder is on."""
    return f"{'✅' if on else '⬜'} {REMINDER_NAMES[kind]}"


def reminders_on(kinds: Iterable[Kind]) -> str:
    """'daily check-in, water', or 'none'."""
    return ", ".join(REMINDER_NAMES[kind].lower() for kind in kinds) or "none"


def reminder_message(kinds: Iterable[Kind], plan: DayPlan | None) -> str:
    """Sessions, stretches and water falling due together, as one message."""
    lines = []
    for kind in dict.fromkeys(kinds):
        if kind is Kind.THERAPY:
            lines.append(_SESSION_NOW[plan.phase if plan else Phase.COLD])
        elif kind is Kind.STRETCH:
            names = ", ".join(s.name for s in plan.stretches) if plan else "your stretches from /plan"
            lines.append(f"🧘 Time for your gentle stretches: {names}. /plan shows how. {STOP_RULE}")
        elif kind is Kind.WATER:
            lines.append("💧 Time for a glass of water.")
    return "\n".join(lines)


PHASE_HEADINGS = {
    Phase.COLD: "❄️ Cold",
    Phase.HEAT: "🔥 Heat",
    Phase.MOIST_HEAT: "♨️ Moist heat",
    Phase.CONTRAST: "🔄 Warm and cold, alternating",
}
PHASE_HOW = {
    Phase.COLD: "A cold pack or a bag of frozen peas wrapped in a towel, 15–20 minutes, about every "
    "2–3 waking hours. Never put ice straight on your skin.",
    Phase.HEAT: "A heating pad, warm bath or warm shower, 15–20 minutes, 2–3 times today. "
    "Not too hot, and never while falling asleep.",
    Phase.MOIST_HEAT: "A warm, damp towel or a warm shower, 15–20 minutes, 2–3 times today. "
    "Moist heat is gentler on sensitive nerves than a dry heating pad.",
    Phase.CONTRAST: "Alternate a warm damp towel and a wrapped cold pack, a few minutes each, "
    "15–20 minutes in all, 2–3 times today.",
}
COLD_AGAIN_HOW = (
    "Back to cold: a cold pack wrapped in a towel, 15–20 minutes, a few times today, "
    "since heat of any kind has made it worse."
)
WHY_CHANGED = {
    Phase.MOIST_HEAT: "You said heat made it worse, so today we switch to moist heat.",
    Phase.CONTRAST: "Moist heat didn't suit you either, so today we try warm and cold alternating.",
    Phase.COLD: "Heat keeps making it worse, so we go back to cold.",
}


def phase_heading(plan: DayPlan) -> str:
    """The short name of today's therapy."""
    return PHASE_HEADINGS[plan.phase]


def render_plan(plan: DayPlan) -> str:
    """Today's plan as one message."""
    lines = [f"📋 Your plan for day {plan.day}", ""]
    lines.append(PHASE_HEADINGS[plan.phase])
    if plan.phase is Phase.COLD and plan.heat_worse_reports:
        lines.append(COLD_AGAIN_HOW)
    else:
        lines.append(PHASE_HOW[plan.phase])
    if plan.heat_worse_reports and plan.phase in WHY_CHANGED:
        lines.append(WHY_CHANGED[plan.phase])
    if plan.hours_until_heat is not None:
        lines.append(
            f"Cold is best for the first 48 hours. About {plan.hours_until_heat} hours to go, then we switch to heat."
        )
    if plan.heat_worse_reports >= HEAT_WORSE_SOON_AFTER:
        lines.append(
            "Since heat has made it worse more than once, please book a GP appointment in the next few days: a pain specialist can help."
        )
    lines += ["", "🧘 Gentle stretches (2–3 times today)"]
    lines += [f"• {s.name}: {s.how}" for s in plan.stretches]
    lines.append(STOP_RULE + " Keep moving gently; avoid heavy lifting while it's sore.")
    lines += ["", "💧 Water", "A glass of water every 2–3 waking hours."]
    if plan.cause is Cause.ILLNESS:
        lines[-1] += " A little more while you're ill."
        lines += [
            "",
            "🤒 While you're ill",
            "Rest, fluids, and sleep in a comfortable position. If you get pain in your side just "
            "under the ribs with a fever, or burning or cloudy pee, get medical help today.",
        ]
    lines += [
        "",
        "A pharmacist can tell you whether an over-the-counter anti-inflammatory is right for you.",
    ]
    return "\n".join(lines)


def phase_change_message(plan: DayPlan) -> str:
    """Told once when the cold phase ends."""
    return (
        "It's been 48 hours since this started, so it's time to switch from cold to heat. 🔥\n"
        f"{PHASE_HOW[plan.phase]}\n"
        "If heat makes it worse, tell me in your check-in and we'll adjust."
    )


def checkin_summary(answers: Answers, first_pain: int | None, tomorrow: DayPlan) -> str:
    """The end of a check-in: what was recorded, any progress, and tomorrow's therapy."""
    lines = [CHECKIN_THANKS]
    if answers.pain is not None:
        lines.append(f"Pain today: {answers.pain}/10.")
        if first_pain is not None and meaningful_improvement(first_pain, answers.pain):
            lines.append(f"That's down from {first_pain} when you started: a real, meaningful improvement. 🎉")
    if answers.red_flags:
        lines.append("Please follow the advice I sent about the symptoms you ticked.")
    elif answers.trend == "worse":
        lines.append("Sorry it's worse today. Go gently, and tell me if anything new appears.")
    if answers.heat_effect == "worse" and tomorrow.phase in WHY_CHANGED:
        lines.append(WHY_CHANGED[tomorrow.phase].replace("today", "tomorrow"))
    lines += ["", f"Tomorrow: {PHASE_HEADINGS[tomorrow.phase]}. Send /plan any time for the details."]
    return "\n".join(lines)


_WHAT_TO_DO = {
    Tier.EMERGENCY: "Call {number} now or go to the nearest emergency department. Do not wait for the next check-in.",
    Tier.URGENT: "Get medical help today: an urgent appointment with your doctor or an urgent-care line "
    "(111 in the UK), or a pharmacist for a rash. If it gets worse fast, call {number}.",
    Tier.SOON: "Please book an appointment with your GP in the next few days. If it gets much worse, get help sooner.",
}
_OPENERS = {
    Tier.EMERGENCY: "🚨 This needs help now.",
    Tier.URGENT: "⚠️ This needs a doctor today.",
    Tier.SOON: "🩺 This is worth getting checked.",
}


ACK_GOT_HELP = "I've got help"
ACK_GETTING_HELP = "I'm getting help now"
ACK_MISTAKE = "This was a mistake"
ACK_THANKS = (
    "Thank you. I've paused your reminders, and tomorrow I'll ask how you are. If things get worse, call {number}."
)
ACK_MISTAKE_THANKS = (
    "Thanks for telling me. Your check-ins carry on as usual. "
    "If anything worrying does happen, tell me or call {number}."
)
FOLLOW_UP = "Yesterday I suggested getting medical help. How are you today?"
FOLLOW_UP_OK = "I'm OK, carry on"
FOLLOW_UP_CARE = "Still getting care"
FOLLOW_UP_RESUMED = "Glad to hear it. Your reminders are back on. Let's do today's check-in."
FOLLOW_UP_HOLD = (
    "Take care. Your reminders stay paused, and I'll ask again tomorrow. If things get worse, call {number}."
)


def escalation_advice(tier: Tier, number: str) -> str:
    """What to do and how soon, for a tier."""
    return _WHAT_TO_DO[tier].format(number=number)


def escalation_message(assessment: Assessment, number: str) -> str:
    """What was reported, what to do, how soon, and the number to call."""
    reported = "; ".join(t.quote or t.label for t in assessment.triggers)
    parts = [_OPENERS[assessment.tier], f"You told me about: {reported}.", escalation_advice(assessment.tier, number)]
    if assessment.question:
        parts.append(assessment.question)
    return "\n\n".join(parts)


# ===========================================================================
# Caregivers, progress, summaries, charts and STarT Back (issue 5)
#
# Formatting only: what is shared is decided by coach.invites.Sharing and enforced in
# coach.summaries; scores and readings come from coach.progress and coach.start_back.
# ===========================================================================

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def day_name(day: date) -> str:
    """'Monday' for a date, in English whatever the server's locale."""
    return DAY_NAMES[day.weekday()]


def since(start: date, today: date) -> str:
    """'today', 'since yesterday', 'since Monday' or 'since Monday 2 March'."""
    days = (today - start).days
    if days <= 0:
        return "today"
    if days == 1:
        return "since yesterday"
    if days < 7:
        return f"since {day_name(start)}"
    return f"since {day_name(start)} {start.day} {MONTH_NAMES[start.month - 1]}"


# --- Invitations -------------------------------------------------------------

SHARE_WHAT_PROMPT = (
    "What should the person you invite receive? Tap to tick or untick, then Done. "
    "They never see your notes or anything you don't tick."
)
SHARE_DAILY = "A daily summary"
SHARE_WEEKLY = "A weekly summary with a chart"
SHARE_MISSED = "An alert when I miss check-ins"
SHARE_ESCALATIONS = "An alert if I'm told to get urgent care"
SHARE_SCREENING = "My back-pain questionnaire result"
SHARE_NOTHING = "Please tick at least one thing to share."
MISSED_AFTER_PROMPT = "After how many missed check-ins in a row should they get an alert?"
DAILY_TIME_PROMPT = (
    "What time would you like the daily summary, in your own time zone? Pick one or type a time like 19:30."
)


def sharing_items(
    daily_at: str | None, weekly: bool, missed_after: int | None, escalations: bool, screening: bool
) -> list[str]:
    """What a caregiver receives, one item each ("a daily summary at 20:00", …)."""
    items = [f"a daily summary at {daily_at}"] if daily_at else []
    items += ["a weekly summary with a progress chart"] if weekly else []
    if missed_after == 1:
        items.append("an alert after a missed check-in")
    elif missed_after:
        items.append(f"an alert after {missed_after} missed check-ins in a row")
    items += ["an alert if they are told to get urgent or emergency care"] if escalations else []
    items += ["their back-pain questionnaire result (STarT Back)"] if screening else []
    return items


def bullets(items: list[str]) -> str:
    """Items as a bulleted list, one per line."""
    return "\n".join(f"• {item}" for item in items)


INVITE_CREATED = (
    "Here is your invitation. Send this link to the person you'd like to share with:\n{link}\n\n"
    "Or they can open @{bot} and type this code: {code}\n\n"
    "It works once and for {hours} hours. They will receive:\n{items}"
)
INVITATION_PREVIEW = (
    "{name} invites you to see how their back is doing, through this self-care coach.\n\n"
    "You will receive:\n{items}\n\n"
    "You will never see {name}'s notes or anything they haven't chosen to share. "
    "Either of you can stop sharing at any time with /caregiver.\n\n"
    "Would you like to accept?"
)
INVITE_ACCEPT = "Accept"
INVITE_DECLINE = "Decline"
INVITE_UNKNOWN = "I don't recognise that invitation code. Please check it, or ask for a new invitation."
INVITE_EXPIRED = "This invitation has expired (they last 48 hours). Please ask {name} for a new one."
INVITE_USED = "This invitation has already been used. Please ask for a new one if you need it."
INVITE_OWN = "This is your own invitation: send the link to the person you'd like to share with."
INVITE_ALREADY_LINKED = "You already receive updates from {name}."
ACCEPTED_TO_PERSON = "{caregiver} accepted your invitation. They will receive:\n{items}"
ACCEPTED_TO_CAREGIVER = (
    "You're now connected with {name}. You will receive:\n{items}\n\nTo stop at any time, send /caregiver."
)
DECLINED_TO_PERSON = "{caregiver} declined your invitation. Nothing is shared with them."
DECLINED_TO_CAREGIVER = "OK, you declined. {name} has been told, and nothing is shared with you."
STOP_SHARING = "Stop sharing"
STOPPED_BY_PERSON_TO_PERSON = "Done: you no longer share anything with {caregiver}. They have been told."
STOPPED_BY_PERSON_TO_CAREGIVER = "{name} has stopped sharing with you. You won't receive any more updates about them."
STOPPED_BY_CAREGIVER_TO_CAREGIVER = "Done: you won't receive any more updates from {name}. They have been told."
STOPPED_BY_CAREGIVER_TO_PERSON = "{caregiver} has stopped receiving your updates. Nothing is shared with them any more."
SOMEONE = "Someone"  # when a Telegram first name is empty
INVITE_SOMEONE = "➕ Invite someone"
CAREGIVER_ZONE_PROMPT = "Which time zone are you in? Your summaries come at your own local time."
CAREGIVER_DAILY_TIME_SET = "Daily summary at {time}"
CAREGIVER_ALL_SET = "All set: your daily summary comes at {time} your time. Send /caregiver to stop at any time."
CAREGIVER_ALL_SET_WEEKLY = (
    "All set: your weekly summary comes on Sunday evenings, your time. Send /caregiver to stop at any time."
)


def stop_sharing_with(caregiver: str) -> str:
    return f"Stop sharing with {caregiver or SOMEONE}"


def stop_following(person: str) -> str:
    return f"Stop receiving {person or SOMEONE}'s updates"


def same_zone_as(person: str, zone: str | None) -> str:
    return f"Same as {person or SOMEONE} ({zone or 'UTC'})"


def caregiver_overview(sharing: list[tuple[str, list[str]]], following: list[str], *, can_invite: bool) -> str:
    """/caregiver: who the person shares with (and what), and whose updates they receive."""
    parts = []
    if sharing:
        parts.append(
            "You share your progress with:\n"
            + "\n".join(f"• {name or SOMEONE}: {', '.join(items)}" for name, items in sharing)
        )
    if following:
        parts.append("You receive updates from:\n" + "\n".join(f"• {name or SOMEONE}" for name in following))
    if not parts:
        parts.append(
            "You don't share your progress with anyone yet."
            if can_invite
            else (
                "You don't receive anyone's updates. If someone sent you an invitation, open its link or type its code here."
            )
        )
    if can_invite:
        parts.append(
            "You can invite a partner, a relative or your physiotherapist to receive a daily or weekly summary "
            "and alerts. You choose what they see; they never see your notes."
        )
    return "\n\n".join(parts)


# --- Progress for the person (/progress) -------------------------------------

PROGRESS_NONE = "No pain scores yet. Do a /checkin and I'll show you how it changes from day to day."
PROGRESS_FIRST = "Your first pain score was {pain}/10 {when}. After your next check-in I'll show you the trend."
PROGRESS_BETTER = (
    "Pain down from {first} to {latest} {since}: that is a meaningful improvement. 🎉 Keep going with the plan."
)
PROGRESS_SAME = (
    "Pain about the same {since}: {first} then, {latest} now. Keep going with the plan; changes often take a few days."
)
PROGRESS_WORSE = (
    "Pain up from {first} to {latest} {since}. Go gently and keep to the plan. If it keeps getting worse "
    "over the next few days, book a GP appointment; if anything new appears, like numbness, weakness "
    "or a fever, tell me straight away."
)
PROGRESS_TWO_WEEKS = (
    "It's been two weeks without a clear improvement, so please book a GP appointment in the next few days."
)


# --- Summaries and alerts for caregivers -------------------------------------

CHECKIN_ANSWERED = "Check-in: answered ✓"
CHECKIN_MISSED_TODAY = "Check-in: not answered yet today."
TREND_WORDS = {"better": "better", "same": "about the same", "worse": "worse"}


def pain_line(pain: int, yesterday: int | None) -> str:
    """'Pain: 4/10, down from 6 yesterday.'"""
    if yesterday is None or yesterday == pain:
        change = "" if yesterday is None else ", the same as yesterday"
    else:
        change = f", {'down' if pain < yesterday else 'up'} from {yesterday} yesterday"
    return f"Pain: {pain}/10{change}."


def daily_heading(name: str, day: int) -> str:
    return f"📋 {name}'s back, day {day}"


def feels_line(name: str, trend: str) -> str:
    return f"{name} says it feels {TREND_WORDS[trend]} compared with yesterday."


def therapy_line(phase: Phase, sessions: str | None) -> str:
    done = f", sessions done: {sessions}" if sessions is not None else ""
    return f"Today's therapy: {PHASE_HEADINGS[phase]}{done}"


def habits_line(stretches: str | None, water: str | None) -> str | None:
    parts = [f"Stretches or walks: {stretches}."] if stretches is not None else []
    parts += [f"Water: {water} glasses."] if water is not None else []
    return " ".join(parts) or None


SOON_TO_CAREGIVER = "🩺 I suggested {name} book a GP appointment in the next few days."


def screening_line(name: str, risk: str, suggest: bool) -> str:
    line = f"Back-pain questionnaire (STarT Back): {risk} risk."
    return line + (f" I suggested {name} see a physiotherapist or GP." if suggest else "")


def weekly_heading(name: str, first_day: int, last_day: int) -> str:
    return f"📈 {name}'s week: days {first_day}–{last_day} of this episode"


def weekly_checkins_line(answered: int, due: int) -> str:
    return f"Check-ins answered: {answered} of {due}."


WEEKLY_PAIN = {
    "better": "Pain: down from {first} to {latest} since the start, a meaningful improvement.",
    "same": "Pain: about the same, {first} at the start and {latest} now.",
    "worse": "Pain: up from {first} at the start to {latest} now.",
}
WEEKLY_NO_PAIN = "No pain scores this week."

ESCALATION_TO_CAREGIVER = {
    "emergency": (
        "🚨 {name} has just told me about a warning sign that needs emergency help. I've told them to call "
        "{number} now or go to an emergency department.\n\n"
        "Please call {name} now. If you can't reach them, or they can't make the call, get emergency "
        "help to them: the emergency number where they are is {number}."
    ),
    "urgent": (
        "⚠️ {name} has just told me about a warning sign that needs a doctor today. I've told them to get an "
        "urgent appointment or call an urgent-care line today.\n\n"
        "Please call or check on {name}, and help them get seen today if you can."
    ),
}
ESCALATION_HELD = "Since the last alert, {name} was told to get help {count} more time(s)."
ESCALATION_LATER = "I'll tell you when {name} lets me know they're getting help."
ESCALATION_FOLLOW_UP = {
    "got": "✅ {name} says they've got help.",
    "getting": "✅ {name} says they're getting help now.",
    "mistake": "{name} says the alert was a mistake, so no action is needed. A quick hello never hurts, though.",
}
MISSED_ONE = "{name} hasn't answered their last check-in."
MISSED_MANY = "{name} hasn't answered their last {count} check-ins in a row."
MISSED_WHAT_TO_DO = "It may be nothing: a quick message or call to see how they are would help."


# --- Charts ------------------------------------------------------------------

CHART_PAIN = "Pain (0–10)"
CHART_MISSED = "Missed check-in"
CHART_EMPTY = "No check-ins yet"
CHART_PHASES = {Phase.COLD: "Cold", Phase.HEAT: "Heat", Phase.MOIST_HEAT: "Moist heat", Phase.CONTRAST: "Warm and cold"}


def chart_title(name: str | None = None) -> str:
    """'Your pain from day to day', or 'Anna's pain from day to day' for a caregiver."""
    owner = f"{name}'s" if name else "Your"
    return f"{owner} pain from day to day"


# --- STarT Back screening ----------------------------------------------------

START_BACK_INTRO = (
    "A short, optional questionnaire: 9 quick questions about the last 2 weeks (the Keele STarT Back "
    "tool). It helps tell whether seeing a physiotherapist or GP would help you recover. Shall we do it?"
)
START_BACK_YES = "Yes, let's do it"
START_BACK_LATER = "Not now"
START_BACK_AGAIN = "It's been two weeks: shall we do the short back-pain questionnaire again to see what's changed?"
START_BACK_RESULT = {
    "low": "Thanks. Your answers suggest a low risk of this back pain holding you back for long. "
    "Keep going with the plan: staying gently active helps most.",
    "medium": "Thanks. Your answers suggest this back pain may take longer to settle. A physiotherapist "
    "can help it settle sooner: please consider booking one, or see your GP.",
    "high": "Thanks. Your answers suggest the pain is weighing on you, and that can slow recovery. "
    "A physiotherapist or your GP can help with both the pain and the worry: please consider booking "
    "an appointment in the next week or two.",
}
START_BACK_PLAN_LINE = (
    "🩺 Your back-pain questionnaire suggests seeing a physiotherapist or GP: they can help it settle sooner."
)
