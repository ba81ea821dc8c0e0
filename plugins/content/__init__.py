"""The content model of council strategies and the loader that checks it.

This package knows nothing of MkDocs: the site's plugins, the command line and
the tests all load content through ``load_library``.
"""

from .library import Library, LoadedReport, LoadedStrategy
from .loader import load_library
from .problems import ContentError, Problem

__all__ = ["ContentError", "Library", "LoadedReport", "LoadedStrategy", "Problem", "load_library"]
