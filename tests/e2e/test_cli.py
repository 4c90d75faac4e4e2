"""The `coach` command as an operator runs it: a real process against the Bot API double."""

import asyncio
import json
import os
import signal
import sys
from pathlib import Path

from tests.botapi import BotApiDouble

COACH = [sys.executable, "-m", "coach"]


def _env(api: BotApiDouble, tmp_path: Path) -> dict[str, str]:
    return os.environ | {
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'coach.db'}",
        "LOG_LEVEL": "DEBUG",
    }


async def test_coach_run_answers_start_and_stops_cleanly(tmp_path):
    async with BotApiDouble() as api:
        process = await asyncio.create_subprocess_exec(
            *COACH, "run", env=_env(api, tmp_path), cwd=tmp_path, stderr=asyncio.subprocess.PIPE
        )
        try:
            for _ in range(300):  # start-up: migrations, then getMe
                if api.calls_to("deleteWebhook"):
                    break
                await asyncio.sleep(0.1)
            api.send_text(4242, "/start")
            welcome = await api.wait_for(4242, "store your answers", timeout=10)
            assert "not a doctor" in welcome["text"]
            api.send_text(4242, "my secret words about my back")
            await api.wait_for(4242, "Is that OK?", since=api.mark(4242), timeout=10)
            assert [c["command"] for c in api.my_commands()][:3] == ["start", "checkin", "plan"]
        finally:
            process.send_signal(signal.SIGTERM)
            _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode == 0, stderr.decode()
    logs = stderr.decode()
    assert api.token not in logs and api.token.split(":")[1] not in logs
    assert "secret words" not in logs
    assert (tmp_path / "coach.db").exists()


async def test_coach_run_without_a_token_says_how_to_get_one(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    process = await asyncio.create_subprocess_exec(*COACH, "run", env=env, cwd=tmp_path, stderr=asyncio.subprocess.PIPE)
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode == 2
    assert "@BotFather" in stderr.decode() and ".env.example" in stderr.decode()


async def test_coach_migrate_creates_the_database(tmp_path):
    async with BotApiDouble() as api:
        process = await asyncio.create_subprocess_exec(*COACH, "migrate", env=_env(api, tmp_path), cwd=tmp_path)
        assert await asyncio.wait_for(process.wait(), timeout=60) == 0
    assert (tmp_path / "coach.db").stat().st_size > 0


async def test_coach_triage_prints_one_json_line_per_input_line(tmp_path):
    lines = ["no fever, just a warm back", "I can't pee and my bum is numb", "", "temp 38.6 and chills"]
    process = await asyncio.create_subprocess_exec(
        *COACH, "triage", stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, cwd=tmp_path
    )
    stdout, _ = await asyncio.wait_for(process.communicate("\n".join(lines).encode() + b"\n"), timeout=60)
    results = [json.loads(line) for line in stdout.decode().splitlines()]
    assert [r["tier"] for r in results] == ["self_care", "emergency", "self_care", "urgent"]
    assert all(set(r) == {"tier", "triggers"} for r in results)


async def test_a_second_coach_run_on_the_same_token_stops_and_the_first_keeps_answering(tmp_path):
    async with BotApiDouble() as api:
        env = _env(api, tmp_path) | {"LOG_LEVEL": "INFO"}
        first = await asyncio.create_subprocess_exec(
            *COACH, "run", env=env, cwd=tmp_path, stderr=asyncio.subprocess.PIPE
        )
        try:
            api.send_text(4242, "/start")
            await api.wait_for(4242, "store your answers", timeout=30)  # the first is polling, and has been answered

            second = await asyncio.create_subprocess_exec(
                *COACH, "run", env=env, cwd=tmp_path, stderr=asyncio.subprocess.PIPE
            )
            _, said = await asyncio.wait_for(second.communicate(), timeout=60)
            assert second.returncode == 1
            assert "Another instance is already polling Telegram with this bot token" in said.decode()
            assert "coach webhook" in said.decode() and "Traceback" not in said.decode()

            api.send_text(5353, "/start")
            await api.wait_for(5353, "store your answers", timeout=30)
        finally:
            first.send_signal(signal.SIGTERM)
            _, stderr = await asyncio.wait_for(first.communicate(), timeout=30)
    assert first.returncode == 0, stderr.decode()
    logs = stderr.decode()
    assert "Traceback" not in logs
    assert logs.count("Another instance started polling Telegram") <= 1
