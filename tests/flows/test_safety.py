"""Which updates skip the person's queue: their own words with a warning sign, nothing else."""

from datetime import UTC, datetime

from telegram import CallbackQuery, Chat, Message, Update, User

from flows.safety import needs_advice

ALEX = User(1001, "Alex", is_bot=False)
WARNING = "I can't pee and both my legs are numb"


def _message(text: str, chat: Chat = Chat(1001, Chat.PRIVATE)) -> Message:
    return Message(1, datetime.now(UTC), chat, from_user=ALEX, text=text)


def test_a_message_or_an_edit_with_a_warning_sign_skips_the_queue():
    assert needs_advice(Update(1, message=_message(WARNING)))
    assert needs_advice(Update(2, edited_message=_message(WARNING)))
    assert needs_advice(Update(3, message=_message("I feel numb")))  # the direct question is advice too


def test_everything_else_waits_its_turn():
    assert not needs_advice(Update(4, message=_message("my back feels warm today")))
    assert not needs_advice(Update(5, message=_message(WARNING, chat=Chat(-100, Chat.GROUP))))
    # a tap under the advice, whose text repeats the warning sign: acknowledgements must stay in order
    tap = CallbackQuery(
        "q1", ALEX, "instance", message=_message(f"You told me about: {WARNING}"), data="1|esc|1|ack|got"
    )
    assert not needs_advice(Update(6, callback_query=tap))
