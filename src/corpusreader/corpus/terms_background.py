"""The part of term extraction that needs nothing from the rest of the corpus, run in
a worker process while the parent process does the rest.

Two things are read from each document on its own: its document symbols
(``terms_symbols``) and its repeated word pairs and triples
(``terms_phrases.phrase_grams``, the heaviest single step: it counts every word
pair of the corpus). On a corpus of ``MIN_DOCUMENTS`` or more, ``Background``
hands the documents' texts to one worker process (spawned, so it is safe from
threads and from a Textual app) as soon as extraction starts; the worker masks
the cards (``terms_cards.masked_texts``) as the parent does, finds the symbols
(first: the parent needs them early), then the grams. The parent asks for each
result when it needs it. On a smaller corpus, or when a worker cannot be started
or fails, the same functions run in the parent: the results are the same either
way, only the time differs.
"""

from __future__ import annotations

import gc
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor

from .model import Document
from .terms_cards import masked_texts
from .terms_phrases import phrase_grams
from .terms_symbols import symbol_mentions
from .terms_text import Mention, texts_of

MIN_DOCUMENTS = 300  # below this, starting a process (~0.3 s) costs more than it saves

Texts = list[tuple[int, str]]  # (paragraph, text), the title as -1

_kept: list[Texts] | None = None  # the worker's masked texts, between its two tasks


class Background:
    """Symbols and phrase grams of ``documents``; a worker computes them on a large corpus."""

    def __init__(self, documents: list[Document], min_documents: int = MIN_DOCUMENTS):
        self._documents = documents
        self._pool: ProcessPoolExecutor | None = None
        self._symbols: Future | None = None
        self._grams: Future | None = None
        if len(documents) >= min_documents:
            self._start([texts_of(document) for document in documents])

    def _start(self, raw: list[Texts]) -> None:
        try:
            # one process: the grams task reads what the symbols task left in it
            self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
            self._symbols = self._pool.submit(_symbols_task, raw)
            self._grams = self._pool.submit(_grams_task)
        except Exception:  # no processes here (a sandbox, a closed interpreter): in-process
            self._stop()

    def symbols(self) -> list[list[list[Mention]]]:
        """Per document, per text (``texts_of`` order): the symbol mentions."""
        found = self._result(self._symbols)
        if found is None:
            texts = [masked_texts(texts_of(document))[0] for document in self._documents]
            found = _symbols_of(texts)
        return found

    def phrase_grams(self) -> list[list[tuple[tuple[str, ...], int]]]:
        """Per document: ``terms_phrases.phrase_grams``."""
        found = self._result(self._grams)
        self._stop()
        if found is None:
            found = [phrase_grams(masked_texts(texts_of(document))[0]) for document in self._documents]
        return found

    def _result(self, future: Future | None):
        if future is None:
            return None
        try:
            return future.result()
        except Exception:  # a worker that died or failed: the parent does it instead
            self._stop()
            return None

    def _stop(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = None
        self._symbols = self._grams = None


def _symbols_of(doc_texts: list[Texts]) -> list[list[list[Mention]]]:
    return [[symbol_mentions(doc, paragraph, text) for paragraph, text in texts]
            for doc, texts in enumerate(doc_texts)]


def _symbols_task(raw: list[Texts]) -> list[list[list[Mention]]]:
    global _kept
    gc.disable()  # a short-lived worker that makes millions of tuples and no cycles
    _kept = [masked_texts(texts)[0] for texts in raw]
    return _symbols_of(_kept)


def _grams_task() -> list[list[tuple[tuple[str, ...], int]]]:
    global _kept
    doc_texts, _kept = _kept, None
    if doc_texts is None:
        raise RuntimeError("the symbols task did not run in this process")
    words: dict[str, str] = {}  # one object per word: pickled once, not once per pair
    return [[(tuple(words.setdefault(w, w) for w in gram), count) for gram, count in phrase_grams(texts)]
            for texts in doc_texts]
