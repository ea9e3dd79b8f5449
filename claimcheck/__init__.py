"""claimcheck: find the numbers in research prose that do not hold."""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["check", "extract", "__version__"]


def __getattr__(name: str):
    # spaCy is slow to import: load the pipeline only when an entry point is used
    if name in ("check", "extract", "Report"):
        from . import api
        return getattr(api, name)
    raise AttributeError(name)
