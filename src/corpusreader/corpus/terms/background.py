"""The parts of term extraction that read each document on its own, run in a worker
process while the parent process does the rest.

Three things need nothing but a document's texts (and, for the last, a few
regular expressions): its document symbols (``terms_symbols``), its repeated
word pairs and triples (``terms_phrases.phrase_grams``, the heaviest single
step: it counts every word pair of the corpus) and where the acronyms' long
forms stand (``terms_acronyms.long_form_spans``, once the acronyms are known).
On a corpus of ``MIN_DOCUMENTS`` or more, ``Background`` hands the documents'
texts (cards already masked) to two worker processes (spawned, so it is safe
from threads and from a Textual app) as soon as they are ready. The first keeps
all the texts for its three tasks: symbols (the parent needs them early), the grams of
the first quarter of the documents, the long forms; the second takes the grams
of the rest. The parent asks for each result when it needs it. On a smaller corpus,
or when a worker cannot be started or fails, the same functions run in the
parent: the results are the same either way, only the time differs.

A script that builds an index at import time needs ``if __name__ == "__main__":``
(a spawned process imports the main module).
"""

from __future__ import annotations

import gc
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

from .acronyms import long_form_spans
from .mentions import Mention
from .phrases import phrase_grams
from .symbols import symbol_mentions

MIN_DOCUMENTS = 2000  # measured (bench/terms_bench.py): even at 1,000 documents, ahead at 3,000

Texts = list[tuple[int, str]]  # (paragraph, text), the title as -1
T = TypeVar("T")
Grams = list[tuple[tuple[str, ...], int]]

_kept: list[Texts] | None = None  # the worker's masked texts, between its tasks


class Background:
    """Symbols, phrase grams and long forms of ``documents``; workers compute them on a
    large corpus. ``close`` when done."""

    def __init__(self, doc_texts: list[Texts]):
        self._pools: list[ProcessPoolExecutor] = []
        self._symbols: Future | None = None
        self._grams: list[Future] = []
        self._long_forms: Future | None = None
        if len(doc_texts) >= MIN_DOCUMENTS:
            self._start(doc_texts)

    def _start(self, doc_texts: list[Texts]) -> None:
        first = len(doc_texts) // 4  # the first worker's share of the grams: it has more to do
        try:
            context = multiprocessing.get_context("spawn")
            # one process each: the first one's later tasks read the texts its first task kept
            self._pools = [ProcessPoolExecutor(1, mp_context=context) for _ in range(2)]
            self._symbols = self._pools[0].submit(_symbols_task, doc_texts)
            self._grams = [self._pools[0].submit(_grams_task, first),
                           self._pools[1].submit(_grams_of_task, doc_texts[first:])]
        except Exception:  # no processes here (a sandbox, a closed interpreter): in-process
            self._stop()

    def symbols(self, doc_texts: list[Texts]) -> list[list[list[Mention]]]:
        """Per document, per text: the symbol mentions (``doc_texts``: the masked texts)."""
        found = self._result(self._symbols)
        return _symbols_of(doc_texts) if found is None else found

    def phrase_grams(self, doc_texts: list[Texts]) -> list[Grams]:
        """Per document: ``terms_phrases.phrase_grams``."""
        parts = [self._result(future) for future in self._grams]
        done = [part for part in parts if part is not None]
        if not parts or len(done) < len(parts):
            return [phrase_grams(texts) for texts in doc_texts]
        return [grams for part in done for grams in part]

    def find_long_forms(self, patterns: list[tuple]) -> None:
        """Start looking for the long forms (``terms_acronyms.AcronymFinder.patterns``)."""
        if self._pools:
            try:
                self._long_forms = self._pools[0].submit(_long_forms_task, patterns)
            except Exception:
                self._stop()

    def long_form_spans(self, doc_texts: list[Texts], patterns: list[tuple]) -> list[tuple]:
        """``terms_acronyms.long_form_spans(doc_texts, patterns)``."""
        found = self._result(self._long_forms)
        return long_form_spans(doc_texts, patterns) if found is None else found

    def close(self) -> None:
        self._stop()

    def _result(self, future: Future[T] | None) -> T | None:
        if future is None:
            return None
        try:
            return future.result()
        except Exception:  # a worker that died or failed: the parent does it instead
            self._stop()
            return None

    def _stop(self) -> None:
        for pool in self._pools:
            pool.shutdown(wait=False, cancel_futures=True)
        self._pools = []
        self._symbols = self._long_forms = None
        self._grams = []


def _symbols_of(doc_texts: list[Texts]) -> list[list[list[Mention]]]:
    return [[symbol_mentions(doc, paragraph, text) for paragraph, text in texts]
            for doc, texts in enumerate(doc_texts)]


def _grams_of(doc_texts: list[Texts]) -> list[Grams]:
    words: dict[str, str] = {}  # one object per word: pickled once, not once per pair
    return [[(tuple(words.setdefault(w, w) for w in gram), count) for gram, count in phrase_grams(texts)]
            for texts in doc_texts]


# -- in the workers (short-lived processes that make millions of tuples and no cycles: no GC)
def _symbols_task(doc_texts: list[Texts]) -> list[list[list[Mention]]]:
    global _kept
    gc.disable()
    _kept = doc_texts
    return _symbols_of(_kept)


def _grams_task(stop: int) -> list[Grams]:
    return _grams_of(_texts()[:stop])


def _grams_of_task(doc_texts: list[Texts]) -> list[Grams]:
    gc.disable()
    return _grams_of(doc_texts)


def _long_forms_task(patterns: list[tuple]) -> list[tuple]:
    global _kept
    doc_texts, _kept = _texts(), None
    return long_form_spans(doc_texts, patterns)


def _texts() -> list[Texts]:
    if _kept is None:
        raise RuntimeError("the symbols task did not run in this process")
    return _kept
