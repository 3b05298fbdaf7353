"""``corpusreader search``: typo-tolerant search from the command line (CONTRACT.md).

``search QUERY [PATH ...]`` runs one query; ``search --queries FILE [PATH ...]``
runs one query a line of FILE (``-``: standard input; blank lines skipped;
a trailing space is kept, since it tells a finished word from one being typed)
against one index, each with the time of the search alone.

The query language (``corpus/search/query.py``, the same as the app's search
screen): "phrases", -exclusions, year:/date: ranges and site:/speaker:/
title:/place: fields; an acronym finds its long form and a person's other
spellings (from the term index, cached like the search index). ``--sort``
orders the results by relevance (the default), newest or oldest; ``--group``
gives one result a document; ``--all`` every result. ``--format kwic`` and
``kwic-csv`` give every match in its context (keyword in context), sortable
with ``--sort left|right``. What a query could not say (an unclosed quote, a
bad date) is a note on standard error, never an error.

Exit status: 0 when something was found (with ``--queries``: when at least one
query found something, so a benchmark's misses do not fail the run); 1 when
nothing was found (every query, for ``--queries``, or an empty FILE); 2 for a
usage error or an unreadable PATH or FILE named on the command line.
"""

from __future__ import annotations

import sys
import time

from ..corpus.controls import json_text, printable
from ..corpus.loading.indexes import search_index, term_index
from ..corpus.search.aliases import Aliases
from ..corpus.search.engine import run as run_query
from ..corpus.search.index import Hit, SearchIndex
from ..corpus.search.kwic import concordance, sort_lines, to_csv, to_text
from ..corpus.search.results import ORDERS
from .common import fail, load, use_cache
from .queries import QueriesError, read_queries

NOTHING_FOUND = 1
DEFAULT_LIMIT = 10
KWIC_FORMATS = ("kwic", "kwic-csv")
BOLD, PLAIN = "\x1b[1;33m", "\x1b[0m"


def run(args) -> int:
    paths = list(args.paths)
    if args.queries is not None:
        if args.query is not None:  # argparse gave the first PATH to QUERY
            paths.insert(0, args.query)
        try:
            queries = read_queries(args.queries)
        except QueriesError as error:
            return fail(f"{args.queries}: cannot read the queries: {error}")
    elif args.query is None:
        return fail("search needs a QUERY (or --queries FILE)")
    else:
        queries = [args.query]
    kwic = args.format in KWIC_FORMATS
    if args.limit is not None and args.limit < 1:
        return fail(f"--limit must be 1 or more, not {args.limit}")
    if args.sort in ("left", "right") and not kwic:
        return fail(f"--sort {args.sort} is for --format kwic or kwic-csv")
    limit = None if args.all or (kwic and args.limit is None) else args.limit or DEFAULT_LIMIT

    corpus, status = load(paths, use_cache(args))
    if not corpus.documents:
        print("corpusreader: nothing to search: no readable documents", file=sys.stderr)
        return status or NOTHING_FOUND
    index = search_index(corpus.documents, use_cache(args))
    aliases = Aliases(term_index(corpus.documents, use_cache(args)))
    _ = (index.layout, index.metadata)  # made once, before any query is timed
    if kwic:
        return _concordance(index, aliases, queries, args, limit) or status
    order = args.sort if args.sort in ORDERS else "relevance"
    answers = [_timed(index, aliases, query, limit, order, args.group) for query in queries]

    if args.format == "json":
        objects = [_json(query, elapsed, hits) for query, elapsed, hits in answers]
        sys.stdout.write(json_text(objects if args.queries is not None else objects[0]) + "\n")
    else:
        colour = sys.stdout.isatty()
        for query, elapsed, hits in answers:
            _print_text(query, elapsed, hits, colour, header=args.queries is not None)
    sys.stdout.flush()
    found = any(hits for _, _, hits in answers)
    return status or (0 if found else NOTHING_FOUND)


def _timed(index: SearchIndex, aliases: Aliases, query: str, limit: int | None, order: str,
           grouped: bool) -> tuple[str, float, list[Hit]]:
    start = time.perf_counter()
    results = run_query(index, query, aliases)
    hits = list(results.all(order, grouped)) if limit is None else results.page(0, limit, order, grouped)
    elapsed = (time.perf_counter() - start) * 1000.0
    _hints(query, results.hints)
    return query, elapsed, hits


def _hints(query: str, hints: list[str]) -> None:
    for hint in hints:
        print(f"corpusreader: note: {printable(query)}: {hint}", file=sys.stderr)


def _concordance(index: SearchIndex, aliases: Aliases, queries: list[str], args, limit: int | None) -> int:
    """Every match of each query in its context, as aligned text or CSV (one header for all queries)."""
    lines = []
    for query in queries:
        results = run_query(index, query, aliases)
        _hints(query, results.hints)
        order = args.sort if args.sort in ORDERS else "relevance"
        lines += concordance(results, order, args.context, limit)
    lines = sort_lines(lines, args.sort)
    if args.format == "kwic-csv":
        sys.stdout.write(to_csv(lines))
    else:
        sys.stdout.write(to_text(lines, args.context))
    sys.stdout.flush()
    if not lines:
        print(f"no match for {printable(' | '.join(queries))}", file=sys.stderr)
    return 0 if lines else NOTHING_FOUND


def _json(query: str, elapsed: float, hits: list[Hit]) -> dict:
    return {"query": query, "elapsed_ms": round(elapsed, 3), "results": [hit.to_json() for hit in hits]}


def _print_text(query: str, elapsed: float, hits: list[Hit], colour: bool, header: bool) -> None:
    if header:
        print(f"== {printable(query)}  ({len(hits)} results, {elapsed:.1f} ms)")
    if not hits:
        print(f"no match for {printable(query)}", file=sys.stderr if not header else sys.stdout)
    for rank, hit in enumerate(hits, 1):
        where = "title" if hit.paragraph < 0 else f"paragraph {hit.paragraph}"
        date = f"  {hit.date}" if hit.date else ""
        print(f"{rank:>2}. {printable(hit.title)}{date}")
        print(f"    {printable(hit.path)}:{hit.paragraph}  ({where}, score {hit.score:.1f})")
        print(f"    {_marked(hit, colour)}")
        print()


def _marked(hit: Hit, colour: bool) -> str:
    """The snippet, its matches in bold where the output is a terminal."""
    if not colour:
        return hit.snippet
    parts, last = [], 0
    for start, end in hit.snippet_spans:
        parts += [hit.snippet[last:start], BOLD, hit.snippet[start:end], PLAIN]
        last = end
    parts.append(hit.snippet[last:])
    return "".join(parts)
