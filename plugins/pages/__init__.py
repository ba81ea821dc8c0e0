"""The pages of a strategy site, generated from checked content; MkDocs is only one way to build them."""

from .edition import PageSpec, StandardEdition, report_uri
from .news import strategy_uri

__all__ = ["PageSpec", "StandardEdition", "report_uri", "strategy_uri"]
