"""corpusreader: a keyboard-driven terminal reader for collections of web-scraped documents."""


def __getattr__(name: str) -> str:
    """``__version__``, looked up only when asked for: importlib.metadata costs 10-30 ms at start."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("corpusreader")
        except PackageNotFoundError:  # running from a checkout without an install
            return "0.0.0+checkout"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
