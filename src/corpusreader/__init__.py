"""corpusreader: a keyboard-driven terminal reader for collections of web-scraped documents."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("corpusreader")
except PackageNotFoundError:  # running from a checkout without an install
    __version__ = "0.0.0+checkout"
