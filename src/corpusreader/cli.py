"""The ``corpusreader`` command: argument parsing, dispatch and exit codes.

Exit status (see CONTRACT.md): 0 success, 1 a search that found nothing,
2 a usage error, a named path that cannot be read, a cache that cannot be
cleared, standard output that cannot be written, or the reader started without
a terminal. Never a traceback. Options may stand after the arguments
(``parse_intermixed_args``).
"""

from __future__ import annotations

import argparse
import signal
import sys

from .streams import OutputError, guarded
from .termination import Terminated, raise_on_termination

COMMANDS = ("export", "search", "terms", "notes")
FAILED = 2
EXPORT_FORMATS = ("txt", "md", "html", "json", "jsonl")


def _reader_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="corpusreader",
        description="Read a collection of web-scraped documents, cleaned of page chrome.",
        epilog=(
            "commands:\n"
            "  corpusreader export [PATH ...] --format FMT [-o OUT]   write the cleaned corpus\n"
            "  corpusreader search QUERY [PATH ...]                   fuzzy search\n"
            "  corpusreader terms [PATH ...]                          terms and cross-references\n"
            "  corpusreader notes [--format md|json]                  your marks and notes, with citations\n"
            "Run 'corpusreader COMMAND --help' for a command's options."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files and folders to read (default: the bundled corpus)")
    parser.add_argument("--version", action=_Version)
    _cache_options(parser)
    return parser


class _Version(argparse.Action):
    """``--version``: the installed version, looked up only when asked for."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, **kwargs) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the program's version and exit", **kwargs)

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        from . import __version__

        print(f"corpusreader {__version__}")
        parser.exit()


def _cache_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-cache", action="store_true",
                        help="neither read nor write the cache of processed documents")
    parser.add_argument("--clear-cache", action="store_true",
                        help="delete the cache of processed documents first")


def _apply_cache_options(args: argparse.Namespace) -> int | None:
    """``--clear-cache`` (``--no-cache`` is passed down to the loading). Imports only what the
    flag needs: the reader's first paint waits for imports."""
    if args.clear_cache:
        from .corpus.loading import cache

        problem = cache.Cache().clear()
        if problem:
            from .corpus.controls import printable

            print(f"corpusreader: error: cannot clear the cache: {printable(problem)}", file=sys.stderr)
            return FAILED
    return None


def _command_parser(command: str) -> argparse.ArgumentParser:
    """The parser of one command (``corpusreader COMMAND --help`` shows its options)."""
    parser = argparse.ArgumentParser(prog="corpusreader")
    parser.add_argument("--version", action=_Version)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    export = sub.add_parser("export", help="write the cleaned corpus",
                            description="Write the cleaned documents in one of several formats.")
    export.add_argument("paths", nargs="*", metavar="PATH")
    export.add_argument("--format", "-f", choices=EXPORT_FORMATS, required=True)
    export.add_argument("-o", "--output", metavar="OUT", default="-",
                        help="a file (json, jsonl), a folder (one file a document), or - for standard output")
    export.add_argument("--force", action="store_true", help="overwrite files that exist")

    from .corpus.search.query import SYNTAX_HELP

    search = sub.add_parser("search", help="fuzzy search over the corpus", epilog=SYNTAX_HELP,
                            formatter_class=argparse.RawDescriptionHelpFormatter,
                            description="Typo-tolerant search over titles and paragraphs, best first.")
    search.add_argument("query", nargs="?", metavar="QUERY")
    search.add_argument("paths", nargs="*", metavar="PATH")
    search.add_argument("--queries", metavar="FILE", help="one query a line (- for standard input)")
    search.add_argument("--limit", type=int, default=None, metavar="N", help="at most N results (default 10)")
    search.add_argument("--format", choices=("text", "json", "kwic", "kwic-csv"), default="text",
                        help="kwic, kwic-csv: every match in its context (keyword in context)")
    search.add_argument("--sort", choices=("relevance", "newest", "oldest", "left", "right"), default="relevance",
                        help="left, right: kwic lines by the words before or after the match")
    search.add_argument("--group", action="store_true", help="one result a document, its best paragraph")
    search.add_argument("--all", action="store_true", help="every result (kwic formats: the default)")
    search.add_argument("--context", type=int, default=50, metavar="CHARS", help="kwic context on each side")

    terms = sub.add_parser("terms", help="the extracted terms and their cross-references",
                           description="Acronyms, people, organisations, places, documents and key phrases.")
    terms.add_argument("paths", nargs="*", metavar="PATH")
    terms.add_argument("--format", choices=("text", "json"), default="text")
    for each in (export, search, terms):
        _cache_options(each)
    notes = sub.add_parser("notes", help="your marks and notes, with their citations",
                           description="The marks and notes made in the reader (m), and the saved searches, "
                                       "with their citations. They live in the user's data folder "
                                       "($CORPUSREADER_DATA_DIR overrides it).")
    notes.add_argument("--format", choices=("md", "json"), default="md")
    return sub.choices[command]


def main(argv: list[str] | None = None) -> int:
    """Run the command line with standard output and error guarded (``streams.py``): output that
    cannot be written is one line and status 2; a warning that cannot be written changes nothing."""
    with guarded():
        try:
            status = _main(list(sys.argv[1:] if argv is None else argv))
            sys.stdout.flush()
        except OutputError as error:
            if error.broken_pipe:  # the reader of our output went away (| head): nothing more to say
                return 0
            print(f"corpusreader: cannot write to standard output: {error}", file=sys.stderr)
            return FAILED
        return status


def parse_holding_signals(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    """``parse_intermixed_args`` with Ctrl-C, SIGTERM and SIGHUP held until it returns: it swaps its
    positionals' nargs and restores them in a ``finally`` that an interrupt raised halfway turns into
    an AttributeError (an internal error, where 130 or 128 + n is due)."""
    if not hasattr(signal, "pthread_sigmask"):
        return parser.parse_intermixed_args(argv)
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM, signal.SIGHUP})
    try:
        return parser.parse_intermixed_args(argv)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _on_a_terminal() -> bool:
    """The reader reads keys from standard input and draws on standard error (Textual); none may be redirected."""
    return all(stream is not None and stream.isatty() for stream in (sys.stdin, sys.stdout, sys.stderr))


def _main(argv: list[str]) -> int:
    try:
        if argv and argv[0] in COMMANDS:
            raise_on_termination()
            args = parse_holding_signals(_command_parser(argv[0]), argv[1:])
            args.command = argv[0]
            if args.command == "notes":
                from .commands.notes_cmd import run as notes

                return notes(args)
            if (failed := _apply_cache_options(args)) is not None:
                return failed
            if args.command == "export":
                from .commands.export_cmd import run
            elif args.command == "search":
                from .commands.search_cmd import run
            else:
                from .commands.terms_cmd import run
            return run(args)
        args = parse_holding_signals(_reader_parser(), argv)
        if (failed := _apply_cache_options(args)) is not None:
            return failed
        if args.clear_cache and not args.paths and argv == ["--clear-cache"]:
            print("corpusreader: cache cleared", file=sys.stderr)
            return 0
        if "-" in args.paths and sys.stdin is not None and not sys.stdin.isatty():  # curl … | corpusreader -
            from .corpus.loading.stdin import reattach_terminal, spool_stdin

            spool_stdin()
            reattach_terminal()
        if not _on_a_terminal():
            print("corpusreader: the reader needs a terminal; to work without one use export, search or terms",
                  file=sys.stderr)
            return FAILED
        from .app import run_app

        return run_app(args.paths, use_cache=not args.no_cache)
    except KeyboardInterrupt:
        print("corpusreader: interrupted", file=sys.stderr)
        return 130
    except Terminated as stop:  # SIGTERM or SIGHUP, once what was being written is cleaned up
        try:
            print(f"corpusreader: terminated by {stop}", file=sys.stderr)
        except (OSError, ValueError):
            pass
        return stop.exit_status
    except OutputError:
        raise  # main's to report
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else (0 if done.code is None else 2)
    except Exception as error:  # the last guard: one line, never a traceback
        print(f"corpusreader: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return 70
