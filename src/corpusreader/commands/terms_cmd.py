"""``corpusreader terms``: the extracted terms and their cross-references.

Text (the default) lists the terms grouped by kind, each with its expansion or
post, its other spellings, how often it stands and in which documents; then,
per document, its related documents and the rare terms they share (the whole
output is kept in the cache: a second run on the same corpus prints it). JSON:
``{"terms": [...], "references": [...]}``: ``terms`` as in ``export --format
json`` (CONTRACT.md), ``references`` one entry a document: ``{"path",
"related": [{"path", "score", "shared": [term, ...]}]}``.
"""

from __future__ import annotations

import hashlib
import re
import sys
import zlib
from collections.abc import Callable, Sequence

from ..corpus.controls import BIDI_CONTROLS, json_text, printable
from ..corpus.loading import cache as cache_module
from ..corpus.loading.indexes import TERMS, fingerprint, term_index
from ..corpus.model import Document
from ..corpus.terms.index import KINDS, Term, TermIndex
from .common import load, use_cache

HEADINGS = {"acronym": "Acronyms", "person": "People", "organization": "Organisations",
            "place": "Places", "document": "Documents", "event": "Events", "phrase": "Key phrases"}
RELATED = 5
SHOWN_DOCUMENTS = 4


def run(args) -> int:
    corpus, status = load(args.paths, use_cache(args))
    if not corpus.documents:
        print("corpusreader: no readable documents", file=sys.stderr)
        return status or 2
    documents, cache = corpus.documents, use_cache(args)

    def report() -> str:
        index = term_index(documents, cache)
        return json_text(_json(index)) if args.format == "json" else "\n".join(_text(index))

    sys.stdout.write((_cached_report(args.format, documents, report) if cache else report()) + "\n")
    sys.stdout.flush()
    return status


def _cached_report(form: str, documents: Sequence[Document], make: Callable[[], str]) -> str:
    """``make()``, or the output made before from this very corpus and term index. Its key is the
    corpus's fingerprint and a digest of the term index blob it was made from, so an index blob
    that changed (rebuilt, damaged, replaced) is read, and rebuilt, before any output is reused."""
    store = cache_module.Cache()
    try:
        corpus = fingerprint(documents)

        def key() -> str | None:
            index = store.get_blob(TERMS, corpus)
            return f"{corpus}:{hashlib.sha256(index).hexdigest()}" if index else None

        known = key()
        blob = store.get_blob(f"terms-{form}", known) if known else None
        if blob is not None:
            try:
                return _report_from_blob(blob)
            except (ValueError, zlib.error):
                pass
        text = make()
        if made := key():
            store.put_blob(f"terms-{form}", made, zlib.compress(text.encode("utf-8", "surrogatepass"), 1))
        return text
    finally:
        store.close()


_UNPRINTED = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}]")


def _report_from_blob(blob: bytes) -> str:
    """The output a blob holds; ValueError for a damaged or oversized one, or one holding a
    character the command never prints (the output goes to a terminal as it is)."""
    inflater = zlib.decompressobj()
    text = inflater.decompress(blob, 1 << 30).decode("utf-8", "surrogatepass")
    if inflater.unconsumed_tail or not inflater.eof or _UNPRINTED.search(text):
        raise ValueError("unusable output blob")
    return text


def _json(index: TermIndex) -> dict:
    paths = [d.path for d in index.documents]
    return {
        "terms": index.to_json(),
        "references": [
            {"path": paths[doc],
             "related": [{"path": paths[r.doc], "score": r.score, "shared": [t.term for t in r.shared]}
                         for r in index.related(doc, RELATED)]}
            for doc in range(len(paths))
        ],
    }


def _text(index: TermIndex) -> list[str]:
    names = [printable(d.path) for d in index.documents]
    lines = [f"{len(index.terms)} terms in {len(names)} documents"]
    for kind in KINDS:
        terms = [t for t in index.terms if t.kind == kind]
        if not terms:
            continue
        lines += ["", f"{HEADINGS[kind]} ({len(terms)})"]
        for term in terms:
            lines += _term_lines(term, names)
    lines += ["", "Related documents"]
    for doc, name in enumerate(names):
        related = index.related(doc, RELATED)
        lines.append(f"  {name}")
        if not related:
            lines.append("      (none)")
        for r in related:
            shared = ", ".join(printable(t.term) for t in r.shared[:6])
            more = f" +{len(r.shared) - 6}" if len(r.shared) > 6 else ""
            lines.append(f"      {r.score:6.2f}  {names[r.doc]}  ({shared}{more})")
    return lines


def _in_time(term: Term) -> list[str]:
    """A person's posts, those with dates first and in the order of time."""
    dated = [p.role for p in term.posts]
    return dated + [r for r in term.roles if r not in dated]


def _post(term: Term, role: str) -> str:
    """``Foreign Minister (2004–2019)``: a post with the years of the documents stating it."""
    post = next((p for p in term.posts if p.role == role), None)
    if post is None or post.first is None or post.last is None:
        return printable(role)
    first, last = post.first[:4], post.last[:4]
    return f"{printable(role)} ({first}{'–' + last if last != first else ''})"


def _term_lines(term: Term, names: list[str]) -> list[str]:
    head = f"  {printable(term.term)}"
    detail = term.expansion if term.kind == "acronym" else term.role
    if detail:
        head += f" = {printable(detail)}" if term.kind == "acronym" else f" ({printable(detail)})"
    documents = term.documents
    head += f"  [{len(term.occurrences)}× in {len(documents)} document{'s' * (len(documents) != 1)}]"
    lines = [head]
    aliases = [a for a in term.aliases if a != term.expansion]
    if aliases:
        lines.append("      also: " + "; ".join(printable(a) for a in aliases))
    if term.kind == "person" and len(term.roles) > 1:
        lines.append("      posts: " + "; ".join(_post(term, role) for role in _in_time(term)))
    shown = ", ".join(names[d] for d in documents[:SHOWN_DOCUMENTS])
    rest = f" and {len(documents) - SHOWN_DOCUMENTS} more" if len(documents) > SHOWN_DOCUMENTS else ""
    lines.append(f"      in: {shown}{rest}")
    return lines
