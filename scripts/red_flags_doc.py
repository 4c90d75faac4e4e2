"""Write docs/red-flags.md from the rules in coach/red_flags/, for clinical review.

.venv/bin/python scripts/red_flags_doc.py          # rewrite the document
.venv/bin/python scripts/red_flags_doc.py --check  # exit 1 if it is out of date
"""

import sys
from pathlib import Path

from coach import red_flags as rf
from coach import wording
from coach.triage import Tier
from coach.triage.language import load
from coach.triage.phrases import _split_top

DOC = Path(__file__).resolve().parent.parent / "docs" / "red-flags.md"
EXAMPLES = 6  # words shown for each concept


def render() -> str:
    """The whole document."""
    english = load("en")
    lines = [
        "# Red flags: what escalates, and to which tier",
        "",
        "Generated from `coach/red_flags/` by `scripts/red_flags_doc.py`; do not edit by hand. The rules",
        "of each tier are in `coach/red_flags/<tier>.py`; what people call each concept, in English, is in",
        "`coach/red_flags/en/lexicon.py`, and the words that negate, date or explain away a mention are in",
        "`coach/red_flags/en/modifiers.py`. How the engine applies them: `docs/triage.md`.",
        "",
        'A rule fires on a concept that is *reported*: not negated ("no fever"), resolved ("it\'s gone',
        'now"), in the past ("years ago"), someone else\'s past ("my mum had"), hypothetical ("what if",',
        '"I read that") or explained away ("legs weak from the gym"). Someone else\'s *current* symptom',
        "counts as the person's own. `A × B` means a symptom of A said about a place (or with a",
        "qualifier) of B, in one clause or joined across clauses.",
        "",
    ]
    for tier in rf.TIERS:
        lines += [f"## `{tier}`", "", wording.escalation_advice(Tier.from_key(tier), number="112"), ""]
        lines += [f"- {rule.label} (`{rule.id}`): {_needs(rule)}" for rule in rf.RULES if rule.tier == tier]
        lines.append("")
    lines += [
        "## Vague reports: the tier used meanwhile, and the one question asked",
        "",
        "| report | tier | reported as | question |",
        "|---|---|---|---|",
    ]
    lines += [f"| {rule.label} | `{rule.tier}` | {_needs(rule)} | {rule.question} |" for rule in rf.VAGUE]
    lines += [
        "",
        "## The checklist (every check-in, and the safety net)",
        "",
        "| button | tier | covers |",
        "|---|---|---|",
    ]
    lines += [f"| {item.label} | `{item.tier}` | {', '.join(f'`{c}`' for c in item.covers)} |" for item in rf.CHECKLIST]
    lines += [
        "",
        "The safety net shows this checklist when a message names a concept marked *net* below and no",
        "rule decides, when an emergency concept is only asked about or said to be gone, or when the",
        "message is in a language the coach does not read.",
        "",
        "## Concepts (English)",
        "",
        "| concept | kind | net | for example |",
        "|---|---|---|---|",
    ]
    for name, concept in sorted(english.concepts.items()):
        lines.append(f"| `{name}` | {concept.role} | {'yes' if concept.net else ''} | {_examples(concept.phrases)} |")
    return "\n".join(lines) + "\n"


def _needs(rule: rf.Rule) -> str:
    parts = [" or ".join(f"`{c}`" for c in rule.any_of)] if rule.any_of else []
    parts += [f"({', '.join(first)}) × ({', '.join(second)})" for first, second in rule.linked]
    text = " or ".join(parts)
    if rule.with_any:
        text += f"; only with: {', '.join(rule.with_any)}"
    if rule.not_with:
        text += f"; not in a sentence with: {', '.join(rule.not_with)}"
    if rule.unless:
        text += f"; dropped for: {', '.join(rule.unless)}"
    return text


def _examples(phrases: tuple[str, ...]) -> str:
    words = [
        alt
        for phrase in phrases
        for alt in _split_top(phrase, "|")
        if "(" not in alt and "@" not in alt and "#" not in alt
    ]
    shown = ", ".join(w.replace("|", "/") for w in words[:EXAMPLES])
    return shown + (", …" if len(words) > EXAMPLES else "")


def main() -> int:
    text = render()
    if "--check" in sys.argv:
        if not DOC.exists() or DOC.read_text() != text:
            print(f"{DOC} is out of date: run scripts/red_flags_doc.py", file=sys.stderr)
            return 1
        return 0
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
