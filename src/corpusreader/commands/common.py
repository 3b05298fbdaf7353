"""What every command does first: load the corpus and report what was skipped."""

from __future__ import annotations

import sys

from ..corpus.loading.files import notices, printable
from ..corpus.loading.pipeline import build_corpus
from ..corpus.model import Corpus, LoadProblem

USAGE_ERROR = 2


def warn(problem: LoadProblem) -> None:
    print(f"corpusreader: skipped {printable(problem.path)}: {problem.reason}", file=sys.stderr)


def note(path: str, message: str) -> None:
    print(f"corpusreader: note: {printable(path)}: {message}", file=sys.stderr)


def fail(message: str) -> int:
    print(f"corpusreader: error: {printable(message)}", file=sys.stderr)
    return USAGE_ERROR


def use_cache(args) -> bool:
    """Whether the command may read and write the cache (not with ``--no-cache``)."""
    return not args.no_cache


def load(paths: list[str], use_cache: bool = True) -> tuple[Corpus, int]:
    """The corpus of the paths, and the exit status their problems call for."""
    corpus, named = build_corpus(paths, use_cache=use_cache)
    for problem in named:
        print(f"corpusreader: error: {printable(problem.path)}: {problem.reason}", file=sys.stderr)
    for problem in corpus.problems:
        warn(problem)
    for document in corpus.documents:
        for message in notices(document):
            note(document.path, message)
    return corpus, USAGE_ERROR if named else 0
