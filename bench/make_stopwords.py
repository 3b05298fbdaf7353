"""Write the cleaner's stopword lists (``data/stopwords_by_language.json``) from a package's data.

The lists come from the ``stop-words`` package (BSD-3-Clause; its data is the
stop-words project's lists), one a language, folded as the cleaner folds words.
Run once after a change of the package; the output is part of the source tree.

    .venv/bin/pip install stop-words        # training-only, the `train` extra
    .venv/bin/python bench/make_stopwords.py
"""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path

import stop_words

OUT = Path(__file__).resolve().parents[1] / "src/corpusreader/corpus/data/stopwords_by_language.json"


def main() -> None:
    languages: dict[str, str] = {}
    for code in sorted(stop_words.LANGUAGE_MAPPING):
        found = sorted({w.casefold() for w in stop_words.get_stop_words(code) if any(ch.isalpha() for ch in w) and " " not in w})
        languages[code] = " ".join(found)
    data = {
        "source": f"stop-words {version('stop-words')} (PyPI), BSD-3-Clause",
        "made_by": "bench/make_stopwords.py",
        "languages": languages,
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(languages)} languages, {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
