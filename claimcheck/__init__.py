"""claimcheck: find the numbers in research prose that do not hold."""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["Report", "check", "extract", "__version__"]


def __getattr__(name: str):
    # The API loads on first use, so that `claimcheck --version` and `--help` import nothing heavy.
    # `api` binds `claimcheck.extract` to the function DESIGN.md promises once the `extract`
    # subpackage of the same name is imported.
    if name in ("Report", "check", "extract"):
        from . import api
        return getattr(api, name)
    if not name.startswith("__"):  # `claimcheck.api`, `claimcheck.sources` after `import claimcheck`
        import importlib
        try:
            return importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"{__name__}.{name}":
                raise
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
