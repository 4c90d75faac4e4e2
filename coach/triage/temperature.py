"""Is a number a body temperature? High (38 °C / 100.4 °F or more), normal or low (under 36 °C)."""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass

HIGH, NORMAL, LOW = "hightemp", "normaltemp", "lowtemp"


@dataclass(frozen=True)
class TemperatureWords:
    """A language's words around temperatures."""

    temperature: frozenset[str]  # "temp", "fever": say the number is a body temperature
    context: frozenset[str]  # words just before a bare number that make it one ("temp of 39")
    not_body: frozenset[str]  # "bath", "outside": the number is something else's
    other_units: frozenset[str]  # "kg", "days": the number counts something else

    def read(self, text: str, value: float, unit: str, before: list[str], after: str, sentence: Set[str]) -> str | None:
        """HIGH, NORMAL or LOW if the number is a body temperature, else None."""
        if after in self.other_units:
            return None
        unit = unit.replace(" ", "")
        if unit.endswith(("c", "celsius", "centigrade")):
            scale = "C"
        elif unit.endswith(("f", "fahrenheit")):
            scale = "F"
        elif unit or self.context & set(before) and (self.temperature & sentence):
            scale = "C" if value <= 45 else "F"
        elif "." in text and 35 <= value < 43:  # a bare "38.5"
            scale = "C"
        elif "." in text and 95 <= value < 110:  # a bare "100.4"
            scale = "F"
        else:
            return None
        if self.not_body & sentence and not self.temperature & sentence:
            return None  # "the bath is 38 degrees", "40° outside"
        # above 43 °C (109.4 °F) a temperature is the weather's or the bath's, not a person's
        low, high, lowest, highest = (36.0, 38.0, 30, 43) if scale == "C" else (96.8, 100.4, 86, 109.4)
        if not lowest <= value <= highest:
            return None
        return HIGH if value >= high else LOW if value < low else NORMAL
