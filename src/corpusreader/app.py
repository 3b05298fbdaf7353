"""The Textual reader: not built yet."""

import sys


def run_app(paths: list[str]) -> int:
    print("corpusreader: the reader is not available yet; try 'corpusreader export'", file=sys.stderr)
    return 2
