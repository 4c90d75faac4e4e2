"""Button callback data: short, versioned, validated.

Format `1|<flow>|<ref>|<step>|<value>` (at most 64 bytes). `ref` is the record the button acts
on (a check-in id, or the person id); handlers check it belongs to whoever pressed, and that
`step` is still the current one. Anything else is answered "this button has expired".
"""

from dataclasses import dataclass

VERSION = "1"
MAX_BYTES = 64
MAX_REF = 2**31 - 1  # record ids are 32-bit integer keys


@dataclass(frozen=True)
class Callback:
    """A decoded button press."""

    flow: str
    ref: int
    step: str
    value: str

    def encode(self) -> str:
        data = "|".join((VERSION, self.flow, str(self.ref), self.step, self.value))
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"callback data too long for Telegram: {len(data.encode())} bytes")
        return data


def decode(data: str | None) -> Callback | None:
    """The button press, or None for anything forged, stale in format, or malformed."""
    if not data or len(data.encode()) > MAX_BYTES:
        return None
    parts = data.split("|")
    # isdigit() alone lets through '²' (int() fails) and refs too big for the database's keys
    if (
        len(parts) != 5
        or parts[0] != VERSION
        or not (parts[2].isascii() and parts[2].isdigit())
        or int(parts[2]) > MAX_REF
    ):
        return None
    return Callback(flow=parts[1], ref=int(parts[2]), step=parts[3], value=parts[4])


def pattern(flow: str) -> str:
    """A regex matching this flow's buttons, for CallbackQueryHandler."""
    return rf"^{VERSION}\|{flow}\|"
