"""Settings the coach cannot work with are refused when it starts, saying what would work."""

import asyncio
import os
import sys

import pytest


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("postgresql://coach:pa55word@db/coach", "postgresql+asyncpg://"),
        ("mysql+aiomysql://coach:pa55word@db/coach", "sqlite:///"),
        ("not a url pa55word", "is not a database URL"),
    ],
)
async def test_a_database_url_the_coach_cannot_use_is_refused_at_start_without_echoing_it(tmp_path, url, says):
    """Any other PostgreSQL driver would fail at the first unit of work, long after start-up."""
    env = os.environ | {"DATABASE_URL": url, "TELEGRAM_BOT_TOKEN": "123456:TEST-token"}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "coach", "migrate", env=env, cwd=tmp_path, stderr=asyncio.subprocess.PIPE
    )
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode == 2
    assert "DATABASE_URL" in stderr.decode().upper() and says in stderr.decode()
    assert "pa55word" not in stderr.decode()
