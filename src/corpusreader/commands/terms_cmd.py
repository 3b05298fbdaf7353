"""``corpusreader terms``: not built yet."""

from .common import fail


def run(args) -> int:
    return fail("terms is not available yet")
