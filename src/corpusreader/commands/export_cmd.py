"""``corpusreader export``: the cleaned corpus to standard output, a file or a folder."""

from __future__ import annotations

import sys
from pathlib import Path

from ..corpus.export import ExportError, export_files
from ..corpus.export_stream import render_pieces
from ..corpus.loading.files import bundled_corpus, printable
from .common import fail, load, use_cache


def run(args) -> int:
    corpus, status = load(args.paths, use_cache(args))
    if not corpus.documents:
        print("corpusreader: nothing to export: no readable documents", file=sys.stderr)
        return status or 2
    terms = None
    if args.format == "json":
        from ..corpus.loading.indexes import term_index

        terms = term_index(corpus.documents, use_cache(args)).to_json()
    if args.output == "-":
        for piece in render_pieces(corpus.documents, args.format, terms):  # a document at a time
            sys.stdout.write(piece)
        sys.stdout.flush()
        return status
    inputs = [Path(p) for p in args.paths] or [bundled_corpus()]
    try:
        written = export_files(corpus.documents, args.format, Path(args.output), inputs,
                               force=args.force, terms=terms)
    except (ExportError, OSError) as error:
        return fail(str(error))
    where = written[0] if len(written) == 1 else Path(args.output)
    print(f"corpusreader: wrote {len(written)} file(s) to {printable(str(where))}", file=sys.stderr)
    return status
