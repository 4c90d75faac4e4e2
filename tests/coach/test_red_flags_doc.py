"""The clinician-facing red-flag document matches the rules the engine applies."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_docs_red_flags_md_is_generated_from_the_current_rules():
    check = subprocess.run(
        [sys.executable, "scripts/red_flags_doc.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT)},
    )
    assert check.returncode == 0, check.stderr
