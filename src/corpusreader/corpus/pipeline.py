"""From paths named by the user to a cleaned ``Corpus``: load, count templates, clean."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from .clean import clean, template_lines
from .load import discover, read
from .model import Corpus, Document, LoadProblem, RawDocument, Source


def read_sources(sources: Iterable[Source]) -> tuple[list[RawDocument], list[LoadProblem]]:
    raws: list[RawDocument] = []
    problems: list[LoadProblem] = []
    for source in sources:
        result = read(source)
        (problems if isinstance(result, LoadProblem) else raws).append(result)
    return raws, problems


def iter_documents(raws: list[RawDocument]) -> Iterator[Document]:
    """Clean each document, using the lines the corpus repeats as a signal."""
    template = template_lines(raws)
    for raw in raws:
        yield clean(raw, template)


def build_corpus(
    paths: Iterable[str],
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Corpus, list[LoadProblem]]:
    """Load and clean everything named. Returns the corpus and the problems
    with the command-line paths themselves (which the contract makes fatal)."""
    sources, named_problems, inner_problems = discover(paths)
    raws, read_problems = read_sources(sources)
    corpus = Corpus(problems=inner_problems + read_problems)
    for done, document in enumerate(iter_documents(raws), 1):
        corpus.documents.append(document)
        if progress:
            progress(done, len(raws))
    return corpus, named_problems
