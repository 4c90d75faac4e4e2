"""Caregiver invitations: one-time codes, the deep link that carries them, and what is shared.

A code is 28 characters of Crockford's base32 (0-9 and a-z without i, l, o, u): 140 random
bits, lower case, so it fits a Telegram /start payload as it is. Only its sha256 is stored.
Typed codes are read leniently where that cannot change the code: any case, spaces or hyphens
between groups, and o/i/l for the digits 0/1 they look like.
"""

import hashlib
import re
import secrets
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import datetime, time, timedelta
from typing import Any

from coach import wording
from coach.questions import Question, options

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # Crockford's base32
CODE_LENGTH = 28  # 28 * 5 = 140 bits
PAYLOAD_PREFIX = "c_"  # /start payloads for caregiver invitations start with this
INVITE_VALID = timedelta(hours=48)

_LOOKALIKES = str.maketrans({"o": "0", "i": "1", "l": "1"})
_SEPARATORS = re.compile(r"[\s\-]+")
_CODE = re.compile(f"[{ALPHABET}]{{{CODE_LENGTH}}}")
_LINK_PAYLOAD = re.compile(r"(?:[?&]start=|^/start\s+)([A-Za-z0-9_-]+)", re.IGNORECASE)


def new_code() -> str:
    """A fresh random code; it always holds a digit 2-9, so a typed code is told from words."""
    while True:
        code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
        if any(c in "23456789" for c in code):
            return code


def _canonical(text: str) -> str | None:
    """The code in `text` (any case, separators, look-alikes), or None if it is not one."""
    code = _SEPARATORS.sub("", text).casefold().translate(_LOOKALIKES)
    return code if _CODE.fullmatch(code) else None


def hash_code(code: str) -> str:
    """The sha256 hex digest stored instead of the code (of its canonical form when it is one)."""
    return hashlib.sha256((_canonical(code) or code).encode()).hexdigest()


def start_payload(code: str) -> str:
    """The /start payload for a code: at most 64 characters of A-Za-z0-9_-."""
    return PAYLOAD_PREFIX + code


def deep_link(bot_username: str, code: str) -> str:
    """https://t.me/<bot>?start=c_<code>."""
    return f"https://t.me/{bot_username.lstrip('@')}?start={start_payload(code)}"


def display_code(code: str) -> str:
    """The code in groups of four for typing: ABCD-EFGH-…"""
    upper = code.upper()
    return "-".join(upper[i : i + 4] for i in range(0, len(upper), 4))


def code_from_start_payload(payload: str) -> str | None:
    """The code in a /start payload, or None if the payload is not an invitation."""
    if not payload.casefold().startswith(PAYLOAD_PREFIX):
        return None
    return _canonical(payload[len(PAYLOAD_PREFIX) :])


def code_from_text(text: str) -> str | None:
    """The code in a typed or pasted message: the bare code, the payload, "/start c_…" or the link.

    A bare code needs a digit, as every code has one, so ordinary words are never read as a code.
    """
    text = text.strip()
    found = _LINK_PAYLOAD.search(text)
    if found:
        return code_from_start_payload(found.group(1))
    if text.casefold().startswith(PAYLOAD_PREFIX):
        return code_from_start_payload(text)
    return _canonical(text) if any(c.isdigit() for c in text) else None


def expires_at(created_at: datetime) -> datetime:
    """When an invitation made at `created_at` stops working."""
    return created_at + INVITE_VALID


def is_expired(created_at: datetime, now: datetime) -> bool:
    """Whether an invitation made at `created_at` is too old to accept at `now`."""
    return now >= expires_at(created_at)


# ---------------------------------------------------------------------------
# What the caregiver receives
# ---------------------------------------------------------------------------
MISSED_CHOICES = (1, 2, 3)
DEFAULT_DAILY_TIME = time(20, 0)


@dataclass(frozen=True)
class Sharing:
    """What one caregiver receives; the person chooses, the caregiver picks the daily time."""

    daily: bool = True
    weekly: bool = True
    missed_after: int | None = 2  # alert after this many missed check-ins in a row; None: never
    escalations: bool = True
    daily_time: time = DEFAULT_DAILY_TIME  # in the caregiver's own time zone
    screening: bool = False  # the STarT Back result (opt-in: it touches on mood and worry)

    def __post_init__(self) -> None:
        if self.missed_after not in (None, *MISSED_CHOICES):
            raise ValueError(f"missed_after must be None or one of {MISSED_CHOICES}")
        if self.daily_time.tzinfo is not None or self.daily_time.second or self.daily_time.microsecond:
            raise ValueError("daily_time is a naive local time in whole minutes")

    @property
    def shares_anything(self) -> bool:
        return self.daily or self.weekly or self.missed_after is not None or self.escalations or self.screening

    def describe(self) -> list[str]:
        """What the caregiver will receive, one plain-language item each."""
        return wording.sharing_items(
            daily_at=self.daily_time.strftime("%H:%M") if self.daily else None,
            weekly=self.weekly,
            missed_after=self.missed_after,
            escalations=self.escalations,
            screening=self.screening,
        )

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict for storage."""
        return {**asdict(self), "daily_time": self.daily_time.strftime("%H:%M")}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Sharing":
        """The inverse of `to_dict`; missing keys take their defaults."""
        fields = dict(data)
        if "daily_time" in fields:
            fields["daily_time"] = time.fromisoformat(fields["daily_time"])
        return cls(**fields)

    def to_text(self) -> str:
        """A compact string for a text column, e.g. "d w m2 e s @20:00"."""
        flags = [flag for flag, on in (("d", self.daily), ("w", self.weekly)) if on]
        flags += [f"m{self.missed_after}"] if self.missed_after else []
        flags += [flag for flag, on in (("e", self.escalations), ("s", self.screening)) if on]
        return " ".join([*flags, "@" + self.daily_time.strftime("%H:%M")])

    @classmethod
    def from_text(cls, text: str) -> "Sharing":
        """The inverse of `to_text`."""
        parts = text.split()
        missed = next((int(p[1:]) for p in parts if p.startswith("m")), None)
        at = next((time.fromisoformat(p[1:]) for p in parts if p.startswith("@")), DEFAULT_DAILY_TIME)
        return cls("d" in parts, "w" in parts, missed, "e" in parts, at, "s" in parts)


# The choice as tap-to-answer questions: the person ticks what to share (and how many missed
# check-ins), the caregiver picks the daily time when accepting.
SHARE_WHAT = Question(
    "share",
    wording.SHARE_WHAT_PROMPT,
    options(
        ("daily", wording.SHARE_DAILY),
        ("weekly", wording.SHARE_WEEKLY),
        ("missed", wording.SHARE_MISSED),
        ("escalations", wording.SHARE_ESCALATIONS),
        ("screening", wording.SHARE_SCREENING),
    ),
    columns=1,
    multi=True,
)
MISSED_AFTER = Question(
    "missed_after",
    wording.MISSED_AFTER_PROMPT,
    options(*((str(n), str(n)) for n in MISSED_CHOICES)),
    columns=3,
)
DAILY_TIME = Question(
    "daily_time",
    wording.DAILY_TIME_PROMPT,
    options(*((f"{h:02d}:00", f"{h:02d}:00") for h in (8, 12, 18, 19, 20, 21))),
    columns=3,
    typed=True,
)


def ticked(sharing: Sharing) -> set[str]:
    """The SHARE_WHAT values ticked for a Sharing, to show the current choice."""
    on = {"daily": sharing.daily, "weekly": sharing.weekly, "missed": sharing.missed_after is not None}
    on |= {"escalations": sharing.escalations, "screening": sharing.screening}
    return {value for value, is_on in on.items() if is_on}


def sharing_from(values: Iterable[str], missed_after: int = 2, daily_time: time = DEFAULT_DAILY_TIME) -> Sharing:
    """A Sharing from the ticked SHARE_WHAT values and the MISSED_AFTER answer."""
    values = set(values)
    unknown = values - {o.value for o in SHARE_WHAT.options}
    if unknown:
        raise ValueError(f"unknown sharing options: {sorted(unknown)}")
    return Sharing(
        daily="daily" in values,
        weekly="weekly" in values,
        missed_after=missed_after if "missed" in values else None,
        escalations="escalations" in values,
        daily_time=daily_time,
        screening="screening" in values,
    )


MAX_NAME = 64  # characters of a first name shown to the other side


def shown_name(first_name: str | None) -> str:
    """A Telegram first name as the other side of a link sees it: control and format characters
    (a right-to-left override, zero-width joiners, line breaks) out, spaces collapsed, at most
    MAX_NAME characters, so a name can neither reorder nor break the message it is shown in."""
    kept = "".join(
        " " if c.isspace() else "" if unicodedata.category(c) in ("Cc", "Cf") else c for c in first_name or ""
    )
    return " ".join(kept.split())[:MAX_NAME]
