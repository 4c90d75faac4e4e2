"""One poller per token: how an instance reads Telegram's 409 Conflict."""

import logging

from telegram.error import Conflict, NetworkError

from flows.polling import OnePoller, PollingRequest

FIGHT = Conflict("Conflict: terminated by other getUpdates request; make sure that only one bot instance is running")


def _poller(answered: bool):
    request = PollingRequest(connection_pool_size=1)
    request.answered = answered
    stopped, now = [], [0.0]
    return OnePoller(request, lambda: stopped.append(True), now=lambda: now[0]), stopped, now


def test_an_instance_whose_polls_never_came_back_is_the_second_and_stops_once(caplog):
    poller, stopped, _ = _poller(answered=False)
    with caplog.at_level(logging.WARNING, logger="flows.polling"):
        poller(FIGHT)
        poller(FIGHT)
    assert stopped == [True]
    assert [r.levelname for r in caplog.records] == ["ERROR"]
    assert "coach webhook" in caplog.records[0].getMessage() and caplog.records[0].exc_info is None


def test_a_running_instance_says_so_at_most_once_a_minute_and_goes_on(caplog):
    poller, stopped, now = _poller(answered=True)
    with caplog.at_level(logging.WARNING, logger="flows.polling"):
        for second in range(0, 150, 3):  # a Conflict every 3 s for two and a half minutes
            now[0] = float(second)
            poller(FIGHT)
    assert stopped == []
    assert len(caplog.records) == 3  # at 0 s, 60 s and 120 s
    assert all(r.exc_info is None for r in caplog.records)


def test_other_polling_errors_are_one_line_each_and_stop_nothing(caplog):
    poller, stopped, _ = _poller(answered=False)
    with caplog.at_level(logging.WARNING, logger="flows.polling"):
        poller(NetworkError("connection reset"))
    assert stopped == [] and len(caplog.records) == 1 and caplog.records[0].exc_info is None
