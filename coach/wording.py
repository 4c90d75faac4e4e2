"""Everything the coach says, in one place a clinician can review (CLINICAL.md, "Wording").

Warm, short, concrete; no jargon, no blame. Functions here only format: decisions come from
the protocol, the check-in and triage modules.
"""

from coach.checkin import Answers, meaningful_improvement
from coach.protocol import HEAT_WORSE_SOON_AFTER, Cause, DayPlan, Phase
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
SHARE_LOCATION_HINT = "Or tap the button below to share your location (it is used once, to find your time zone, and not stored)."
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
SOMETHING_WENT_WRONG = (
    "Sorry, something went wrong on my side and I couldn't save that. Please try again in a moment. "
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
    "/settings – time zone, check-in time, waking hours\n"
    "/pause and /resume – stop or restart daily check-ins\n"
    "/export – get a copy of all your data\n"
    "/delete – erase all your data\n"
    "/help – this message\n\n"
    "You can also just tell me how you feel, any time. If you mention a warning sign, "
    "I'll tell you what to do and how soon.\n\n"
    f"{DISCLAIMER}"
)

SETTINGS_MENU = "Your settings:\nTime zone: {zone}\nCheck-in time: {time}\nWaking hours: {wake}\n\nWhat would you like to change?"
SETTINGS_ZONE = "Time zone"
SETTINGS_TIME = "Check-in time"
SETTINGS_WAKE = "Waking hours"
SETTINGS_CLOSE = "Close"
SETTINGS_SAVED = "Saved. Your next check-in is {when}."
SETTINGS_CLOSED = "Settings closed."

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
        lines.append(f"Cold is best for the first 48 hours. About {plan.hours_until_heat} hours to go, then we switch to heat.")
    if plan.heat_worse_reports >= HEAT_WORSE_SOON_AFTER:
        lines.append("Since heat has made it worse more than once, please book a GP appointment in the next few days: a pain specialist can help.")
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
    "Thank you. I've paused your reminders, and tomorrow I'll ask how you are. "
    "If things get worse, call {number}."
)
ACK_MISTAKE_THANKS = (
    "Thanks for telling me. Your check-ins carry on as usual. "
    "If anything worrying does happen, tell me or call {number}."
)
FOLLOW_UP = "Yesterday I suggested getting medical help. How are you today?"
FOLLOW_UP_OK = "I'm OK, carry on"
FOLLOW_UP_CARE = "Still getting care"
FOLLOW_UP_RESUMED = "Glad to hear it. Your reminders are back on. Let's do today's check-in."
FOLLOW_UP_HOLD = "Take care. Your reminders stay paused, and I'll ask again tomorrow. If things get worse, call {number}."


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
