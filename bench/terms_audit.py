#!/usr/bin/env python3
"""Terms audit (issue 15): what the term index gets wrong on real archives, as counts.

Usage (from the repository root):
    .venv/bin/python bench/terms_audit.py [--synthetic N] [--examples K] [FOLDER ...]

Default folders: the Kremlin and web development sets (``/work/shared/devsets/*/raw``)
and a synthetic archive of N documents made once under ``/tmp/h10/synth-N`` with
``/work/shared/tools/make_corpus.py``. For each folder it prints:

- ``unattested``: acronyms with a long form that no document attests: no document
  writes it out with the acronym (``Long Form (LF)`` / ``LF (Long Form)``) and no
  document holds both the acronym standing as itself and the long form;
- ``misplaced``: occurrences where the text at the listed offsets is not the term, one
  of its aliases or its long form, or (people) a word of the name;
- ``lone``: one-word person mentions that are a month, a weekday, a common word (a stop
  word of any language, or a word the same document writes in lower case), a place, a
  given name, or a surname with no full mention of that person in the same document (its
  text, its hover cards or its speaker). Listed apart, not counted: a surname after the
  person's full name that the corpus elsewhere mostly writes in lower case (``Green accepts``);
- ``after-a-name``: one-word person mentions right after a capitalised word that is no
  post, honorific, small word, nor a noun after an article: likely the end of another
  person's name (``Amy Lee`` is no James Lee);
- ``posts``: for the Kremlin set, the people of the hover cards in the gold
  (``gold/*.json``, field ``people``) found in their document with the card's post as
  the post for that document, as a share.

Examples of each (``--examples``) follow the counts, to see what to fix.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path("/work/shared")
KREMLIN = SHARED / "devsets" / "kremlin"


def load(folder: Path):
    sys.path.insert(0, str(ROOT / "src"))
    from corpusreader.corpus.loading.pipeline import build_corpus  # noqa: PLC0415
    from corpusreader.corpus.terms.index import TermIndex  # noqa: PLC0415
    documents = build_corpus([str(folder)])[0].documents
    return documents, TermIndex.build(documents)


def paragraph_text(document, paragraph: int) -> str:
    return (document.title or "") if paragraph == -1 else document.paragraphs[paragraph]


def fold(text: str) -> str:
    from corpusreader.corpus.terms.mentions import normal  # noqa: PLC0415
    return normal(text).removesuffix("'s").removesuffix("'")


# -- 1. acronyms with an unattested long form
def unattested(documents, index) -> list[str]:
    texts = [" \n ".join([d.title or "", *d.paragraphs]) for d in documents]
    out = []
    for term in index.terms:
        if term.kind != "acronym" or not term.expansion:
            continue
        acronym, long_form = term.term, term.expansion
        words = r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", long_form))
        written = re.compile(rf"(?<![\w-]){words}s?(?![\w-])", re.IGNORECASE)
        stands = re.compile(rf"(?<![\w/.&-]){re.escape(acronym)}s?(?![\w&]|-\d)")  # BMI-Werte: BMI
        defined = re.compile(rf"{words}s?\s*\(\s*{re.escape(acronym)}s?\s*\)|"
                             rf"{re.escape(acronym)}s?\s*\(\s*{words}s?\s*\)", re.IGNORECASE)
        if not any(defined.search(texts[doc]) or (stands.search(texts[doc]) and written.search(texts[doc]))
                   for doc in term.documents):
            out.append(f"{acronym} = {long_form}")
    return out


# -- 2. occurrences where the text is not the term
def misplaced(documents, index) -> list[str]:
    out = []
    for term in index.terms:
        names = {fold(n) for n in term.names} | ({fold(term.expansion)} if term.expansion else set())
        words = {w for n in names for w in n.split()} if term.kind == "person" else set()
        for o in term.occurrences:
            seen = paragraph_text(documents[o.doc], o.paragraph)[o.start:o.end]
            here = fold(seen)
            if here in names or here.rstrip("s") in names or (here and here in words):
                continue
            if term.kind == "acronym" and seen.rstrip("s") == term.term:
                continue
            out.append(f"{term.key}: {seen!r} in {documents[o.doc].path}")
    return out


# -- 3. one-word person mentions that are no person
# Not counted, listed: a surname after the person's full name in the same document, which that
# document never writes in lower case, but the corpus mostly does ('Green accepts', 'schreibt Stern').
NAMED_COMMON = "named in full before; lower case elsewhere in the corpus"
# Counted apart: a surname right after a capitalised word that may be another given name ('Amy Lee').
ANOTHER = "part of another name"


def lone(documents, index) -> list[str]:
    from corpusreader.corpus.data import entries, json_data, word_list  # noqa: PLC0415
    words = Counter(w for d in documents for p in d.paragraphs for w in re.findall(r"\b[A-Za-z]+\b", p))
    lower = Counter({w: c for w, c in words.items() if w.islower()})
    capital = Counter({w.casefold(): c for w, c in words.items() if not w.islower()})
    dated = {f for name in ("months", "weekdays") for line in entries(name) for f in line.casefold().split()}
    bad_words = dated | word_list("given_names", fold=True) | word_list("places", fold=True)
    languages = json_data("stopwords_by_language")["languages"]
    stop = word_list("stopwords", fold=True) | {w.casefold() for language, listed in languages.items()
                                                 if language != "en" for w in listed.split()}
    out = []
    texts: dict[int, str] = {}

    def texts_of(doc: int) -> str:
        if doc not in texts:
            texts[doc] = " \n ".join([documents[doc].title or "", *documents[doc].paragraphs])
        return texts[doc]

    for term in index.terms:
        if term.kind != "person":
            continue
        full = {o.doc for o in term.occurrences
                if len(paragraph_text(documents[o.doc], o.paragraph)[o.start:o.end].replace(".", ". ").split()) > 1}
        for o in term.occurrences:
            seen = paragraph_text(documents[o.doc], o.paragraph)[o.start:o.end]
            if len(seen.replace(".", ". ").split()) > 1:
                continue
            word = re.sub(r"['’]s?$", "", seen)
            named = o.doc in full or named_in(documents[o.doc], term.names)
            folded = word.casefold()
            in_lower = re.search(rf"(?<![\w-]){re.escape(folded)}(?![\w-])", texts_of(o.doc)) is not None
            reason = ("month/weekday/given name/place" if folded in bad_words else
                      "common word" if folded in stop or len(word) <= 2 or (in_lower and word != folded) else
                      "no full mention in the document" if not named else
                      ANOTHER if after_name(paragraph_text(documents[o.doc], o.paragraph), o.start) else
                      NAMED_COMMON if lower[folded] > capital[folded] else None)
            if reason:
                out.append(f"{term.term}: {seen!r} ({reason}) in {documents[o.doc].path}")
    return out


def after_name(text: str, start: int) -> bool:
    """Whether a capitalised word that is no post, honorific or small word, nor a noun after an
    article (``der Parteichef Renner``), stands right before ``start``."""
    from corpusreader.corpus.data import word_list  # noqa: PLC0415
    from corpusreader.corpus.terms.mentions import stopwords_any_language  # noqa: PLC0415
    before = re.search(r"(?:(\S+)[ \xa0])?(\S+)[ \xa0]$", text[max(0, start - 60):start])
    word = before.group(2) if before else ""
    article = (before.group(1) or "").casefold() in word_list("determiners", fold=True) if before else False
    return (word[:1].isupper() and word.isalpha() and word not in word_list("posts") and not article
            and word not in word_list("honorifics") and word.casefold() not in stopwords_any_language())


def named_in(document, names: list[str]) -> bool:
    """Whether a card or the speaker of ``document`` names the person in full."""
    full = {fold(n) for n in names if " " in n}
    return any(fold(c.name) in full or fold(" ".join(c.name.split()[::-1])) in full for c in document.cards) \
        or fold(document.speaker or "") in full


# -- 4. the hover cards' posts
def posts(documents, index) -> tuple[int, int, list[str]]:
    from corpusreader.corpus.terms.mentions import translit_fold  # noqa: PLC0415
    by_name = {Path(d.path).name: number for number, d in enumerate(documents)}
    found = total = 0
    misses = []
    for gold_file in sorted((KREMLIN / "gold").glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        doc = by_name.get(gold["file"])
        if doc is None or not gold.get("people"):
            continue
        people = {}
        for count in [c for items in index.terms_of(doc).values() for c in items]:
            if count.term.kind == "person":
                for name in count.term.names:
                    people.setdefault(frozenset(translit_fold(w) for w in name.split()), count.term)
        for person in gold["people"]:
            total += 1
            term = people.get(frozenset(translit_fold(w) for w in person["name"].split()))
            role = post_in(term, doc) if term else None
            if role and fold(role) == fold(person["role"]):
                found += 1
            else:
                misses.append(f"{gold['file']}: {person['name']} = {person['role']!r}, got "
                              f"{'no person' if term is None else repr(role)}")
    return found, total, misses


def post_in(term, doc: int) -> str | None:
    """The post the index gives ``term`` for document ``doc`` (its overall post where
    it has no per-document one)."""
    role_in = getattr(term, "role_in", None)
    if callable(role_in):
        return role_in(doc)
    return term.role


def synthetic(size: int) -> Path:
    folder = Path(f"/tmp/h10/synth-{size}")
    if not folder.exists():
        folder.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(SHARED / "tools" / "make_corpus.py"), str(SHARED / "texts"),
                        str(folder), str(size)], check=True)
    return folder


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folders", nargs="*", type=Path)
    ap.add_argument("--synthetic", type=int, default=1000)
    ap.add_argument("--examples", type=int, default=0)
    args = ap.parse_args()
    folders = args.folders or [KREMLIN / "raw", SHARED / "devsets" / "web" / "raw", synthetic(args.synthetic)]
    for folder in folders:
        documents, index = load(folder)
        lone_found = lone(documents, index)
        checks = {"unattested": unattested(documents, index), "misplaced": misplaced(documents, index),
                  "lone": [e for e in lone_found if NAMED_COMMON not in e and ANOTHER not in e],
                  "after-a-name": [e for e in lone_found if ANOTHER in e],
                  "named-common (not counted)": [e for e in lone_found if NAMED_COMMON in e]}
        line = f"{folder}: {len(documents)} documents, {len(index.terms)} terms; " + ", ".join(
            f"{name} {len(found)}" for name, found in checks.items())
        posts_found = None
        if folder.resolve() == (KREMLIN / "raw").resolve():
            found, total, misses = posts(documents, index)
            posts_found = misses
            line += f", posts {found}/{total} ({100 * found / max(total, 1):.1f} %)"
        print(line, flush=True)
        if args.examples:
            for name, found in checks.items():
                if name in ("lone", "after-a-name"):
                    print("    lone by reason:", dict(Counter(e.rsplit("(", 1)[1].split(")")[0] for e in found)))
                for example in found[::max(1, len(found) // args.examples)][:args.examples]:
                    print(f"    {name}: {example}")
            for example in (posts_found or [])[:args.examples]:
                print(f"    posts: {example}")


if __name__ == "__main__":
    main()
