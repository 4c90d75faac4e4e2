"""Question keyboards: a question sent fresh and one redrawn after a tick look the same."""

import json

import pytest

from coach import checkin, invites, onboarding, start_back
from coach.protocol import Phase
from flows.keyboards import question_keyboard, question_markup

QUESTIONS = [
    *checkin.questions_for(Phase.COLD),
    *checkin.questions_for(Phase.HEAT),
    *(
        getattr(onboarding, name)
        for name in ("ONSET", "CAUSE", "TIMEZONE", "CHECKIN_TIME", "WAKING_HOURS", "STRETCH_TIMES")
    ),
    invites.SHARE_WHAT,
    invites.MISSED_AFTER,
    invites.DAILY_TIME,
    *start_back.ITEMS,
]


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda question: question.key)
@pytest.mark.parametrize("back", [False, True])
def test_the_json_sent_with_a_question_is_the_keyboard_a_redraw_sends(question, back):
    """`ask` sends the Bot API's JSON text; a tick's redraw sends PTB's keyboard object. Ticked
    options, Done or None of these, Skip and Back must come out the same from both."""
    ticked = [option.value for option in question.options[:2]] if question.multi else []
    for ticks in ([], ticked):
        expected = question_keyboard(question, "ci", 2**31 - 1, back=back, ticked=ticks)
        sent = question_markup(question, "ci", 2**31 - 1, back=back, ticked=ticks)
        assert (json.loads(sent) if sent else None) == (expected.to_dict() if expected else None)
