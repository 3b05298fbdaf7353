"""``python -m corpusreader``: the same as the ``corpusreader`` command."""

import sys

from .cli import main

sys.exit(main())
