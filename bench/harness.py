"""The orchestrator's side: the bot in a worker process, the Bot API double here.

The double (tests/botapi) runs on this process's event loop, so its cost never counts as the
bot's. It stamps every request with `time.monotonic()` on arrival, the same clock the worker
reports in, so latencies across the two processes are differences of one clock.
"""

import asyncio
import contextlib
import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.botapi import BotApiDouble, Call

ROOT = Path(__file__).resolve().parent.parent
LIMITED = ("sendmessage", "editmessagetext", "editmessagereplymarkup")  # what the limiter paces here


class WorkerFailed(RuntimeError):
    pass


@dataclass
class Worker:
    """The bot process and the events it reported."""

    process: asyncio.subprocess.Process
    log_path: Path
    events: list[dict] = field(default_factory=list)
    _changed: asyncio.Event = field(default_factory=asyncio.Event)
    _reader: asyncio.Task | None = None

    @classmethod
    async def start(cls, config: dict, log_path: Path) -> "Worker":
        log = open(log_path, "wb")  # noqa: SIM115 - handed to the child, closed when it exits
        command = [sys.executable, "-m", "bench.worker", json.dumps(config)]
        if os.environ.get("BENCH_PROFILE"):  # e.g. BENCH_PROFILE=/tmp/prof: py-spy flame data per worker
            out = Path(os.environ["BENCH_PROFILE"]) / (log_path.stem + ".txt")
            command = [
                str(Path(sys.executable).parent / "py-spy"),
                "record",
                "--format",
                "raw",
                "--threads",
                "-r",
                "200",
                "-o",
                str(out),
                "--",
                *command,
            ]
        process = await asyncio.create_subprocess_exec(
            *command,
            cwd=ROOT,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=log,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
            limit=1 << 20,
        )
        log.close()
        worker = cls(process, log_path)
        worker._reader = asyncio.create_task(worker._read())
        return worker

    async def _read(self) -> None:
        assert self.process.stdout is not None
        async for line in self.process.stdout:
            try:
                self.events.append(json.loads(line))
            except ValueError:
                continue
            self._changed.set()
        self._changed.set()

    def _tail(self) -> str:
        try:
            lines = self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return ""
        return "\n".join(lines[-25:])

    async def wait_event(self, name: str, *, after: int = 0, timeout: float = 120.0) -> dict:
        """The first event `name` at index `after` or later."""
        deadline = time.monotonic() + timeout
        while True:
            for event in self.events[after:]:
                if event["event"] == name:
                    return event
            if self.process.returncode is not None or (self._reader is not None and self._reader.done()):
                raise WorkerFailed(
                    f"the worker exited (code {self.process.returncode}) before {name!r}:\n{self._tail()}"
                )
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise WorkerFailed(f"no {name!r} from the worker within {timeout:.0f}s:\n{self._tail()}")
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), min(remaining, 1.0))

    def named(self, name: str) -> list[dict]:
        return [event for event in self.events if event["event"] == name]

    async def _command(self, command: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(command.encode() + b"\n")
        await self.process.stdin.drain()

    async def probe(self) -> dict:
        """CPU seconds, RSS and time in the worker now."""
        index = len(self.events)
        await self._command("probe")
        return await self.wait_event("probe", after=index, timeout=30)

    async def stop(self, timeout: float = 60.0) -> dict | None:
        """Shut the application down and wait for the process to end."""
        stopped = None
        if self.process.returncode is None:
            try:
                await self._command("stop")
                stopped = await self.wait_event("stopped", timeout=timeout)
            except (WorkerFailed, ConnectionError):
                pass
            try:
                await asyncio.wait_for(self.process.wait(), timeout)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
        if self._reader is not None:
            await self._reader
        return stopped


class Watch:
    """Reads the double's request log incrementally (never rescans what it has seen)."""

    def __init__(self, api: BotApiDouble):
        self.api = api
        self.seen = 0
        self.sent_ok: list[Call] = []  # successful sendMessage calls, in arrival order
        self.limited: list[Call] = []  # every completed message-changing call, in arrival order
        self.failed = 0
        self._pending: list[Call] = []

    def update(self) -> None:
        calls = self.api.calls
        fresh = calls[self.seen :]
        self.seen = len(calls)
        still = []
        for call in self._pending + fresh:
            if call.status == 0:
                still.append(call)  # in flight: look again next time
                continue
            method = call.method.lower()
            if method in LIMITED and call.status == 200:
                self.limited.append(call)
                if method == "sendmessage":
                    self.sent_ok.append(call)
            elif call.status >= 400 and method != "getupdates":
                self.failed += 1
        self._pending = still

    async def until(
        self, condition: Callable[["Watch"], bool], *, timeout: float, quiet: float | None = None, step: float = 0.05
    ) -> bool:
        """Polls until `condition`; False after `timeout`, or once messages stopped coming for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            self.update()
            if condition(self):
                return True
            now = time.monotonic()
            if now > deadline or (quiet is not None and self.sent_ok and now - self.sent_ok[-1].at > quiet):
                return False
            await asyncio.sleep(step)
