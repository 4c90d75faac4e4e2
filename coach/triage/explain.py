"""`coach triage --explain`: every step of a decision, for a clinician to review."""

from __future__ import annotations

from coach.triage.engine import _decide, read


def explain(text: str, lang: str | None = None) -> dict[str, object]:
    """The normalised text, every mention with its assertion and the modifier that set it, the
    rules that fired (and why any was dropped), and the outcome."""
    reading = read(text, lang)
    assessment = _decide(reading)
    return {
        "language": reading.language,
        "normalised": [" ".join(sentence.words) for sentence in reading.sentences],
        "mentions": [
            {
                "concept": m.concept,
                "words": m.quote,
                "asserted": not m.discounted(),
                **({"modifiers": m.by} if m.by else {}),
            }
            for m in reading.mentions
        ],
        "rules": reading.decided,
        **({"dropped": reading.dropped} if reading.dropped else {}),
        **assessment.to_json(),
    }
