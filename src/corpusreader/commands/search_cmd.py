"""``corpusreader search``: not built yet."""

from .common import fail


def run(args) -> int:
    return fail("search is not available yet")
