"""Write docs/red-flags.md from the rules in coach/red_flags.py, for clinical review.

    .venv/bin/python scripts/red_flags_doc.py          # rewrite the document
    .venv/bin/python scripts/red_flags_doc.py --check  # exit 1 if it is out of date
"""

import sys
from pathlib import Path

from coach import red_flags as rf
from coach import wording
from coach.triage import Tier

DOC = Path(__file__).resolve().parent.parent / "docs" / "red-flags.md"
TIERS = (rf.EMERGENCY, rf.URGENT, rf.SOON)


def render() -> str:
    """The whole document."""
    lines = [
        "# Red flags: what escalates, and to which tier",
        "",
        "Generated from `coach/red_flags.py` by `scripts/red_flags_doc.py`; do not edit by hand.",
        "The phrase patterns themselves are in that file; this lists what each tier covers.",
        "",
    ]
    for tier in TIERS:
        lines += [f"## `{tier}`", "", wording.escalation_advice(Tier.from_key(tier), number="112"), ""]
        lines += [f"- {rule.label} (`{rule.id}`)" + _combined(rule) for rule in rf.RULES if rule.tier == tier]
        lines.append("")
    lines += [
        "## Vague reports: the tier used meanwhile, and the one question asked",
        "",
        "| report | tier | question |",
        "|---|---|---|",
    ]
    lines += [f"| {rule.label} | `{rule.tier}` | {rule.question or ''} |" for rule in rf.AMBIGUITIES]
    lines += ["", "## The check-in checklist", "", "| button | tier | covers |", "|---|---|---|"]
    lines += [f"| {item.label} | `{item.tier}` | {', '.join(f'`{c}`' for c in item.covers)} |" for item in rf.CHECKLIST]
    return "\n".join(lines) + "\n"


def _combined(rule: rf.Rule) -> str:
    return f" — only together with: {', '.join(f'`{a}`' for a in rule.also)}" if rule.also else ""


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
