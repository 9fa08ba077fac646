"""A server process made ready before its first reader: every page's code loaded, then the
garbage collector told to leave what was loaded alone.

The libraries behind the pages (WeasyPrint, Altair, DuckDB...) fill a process with
objects that live as long as it does. Left in the collector's care, each full
collection walks them all: a pause of a hundred milliseconds or more every few pages.
`gc.freeze()` moves them out of its sight, as long-running Python servers do.
"""

import gc
from importlib import import_module

from django.conf import settings


def warm_and_freeze() -> None:
    import_module(settings.ROOT_URLCONF)  # imports every view, and the libraries they use
    gc.collect()
    gc.freeze()
