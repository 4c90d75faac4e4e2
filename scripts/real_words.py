"""Write coach/red_flags/<lang>/real_words.txt: real words a misspelling fix must leave alone.

    pip install wordfreq && python scripts/real_words.py en

The triage corrects a word towards the red-flag lexicon when it is one or two edits from a
lexicon word ("numbnes" -> "numbness"). A real word that close ("ladder", "dinner", "never")
must stay as written: this lists every common word (wordfreq's top 80,000 for the language)
within reach of a lexicon word, so the running coach needs no dictionary of its own (a few
thousand words instead of wordfreq's 30 MB).
"""

import sys
from pathlib import Path

from wordfreq import top_n_list

from coach.triage.language import load

COMMON = 80_000


def main(code: str) -> None:
    language = load(code)
    vocabulary = language.spelling.vocabulary
    near = set()
    for word in top_n_list(code, COMMON):
        if len(word) < 5 or word in vocabulary or not word.isalpha():
            continue
        if language.spelling.nearest(word) is not None:  # the same search the coach makes
            near.add(word)
    out = Path(__file__).resolve().parent.parent / "coach" / "red_flags" / code / "real_words.txt"
    out.write_text("\n".join(sorted(near)) + "\n", encoding="utf-8")
    print(f"{out}: {len(near)} words")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "en")
