"""claimcheck: find the numbers in research prose that do not hold."""
from __future__ import annotations

__version__ = "0.1.0"

# The API module imports neither spaCy nor pandas (they load on first use). Binding here, after
# the `claimcheck.extract` subpackage is imported, makes `claimcheck.extract` the function that
# DESIGN.md promises rather than the subpackage of the same name.
from .api import Report, check, extract  # noqa: E402

__all__ = ["Report", "check", "extract", "__version__"]
