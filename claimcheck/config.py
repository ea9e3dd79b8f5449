"""Settings from `[tool.claimcheck]` in pyproject.toml or from claimcheck.toml, and CLAIMCHECK_*.

The file is found by walking up from the working directory (the nearest claimcheck.toml or
pyproject.toml with a [tool.claimcheck] table wins). Precedence: command line > environment >
file > defaults. An unknown key or a bad value is an error that names it.

    [tool.claimcheck]
    select = ["CC101", "CC105"]        # or ignore = [...]
    fail-on = "warning"                # error | warning | never
    format = "github"
    tolerance = 0.01                   # relative slack on top of rounding
    baseline = "claimcheck-baseline.json"
    exclude = ["drafts", "*.draft.md"]  # left out of what folders and patterns find
    [tool.claimcheck.severity]
    CC103 = "error"                    # error | warning | info
    [tool.claimcheck.sources]
    "2606.25040" = "papers/chorus.pdf" # paths relative to the configuration file
"""
from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path


class ConfigError(Exception):
    """A configuration file or variable that cannot be used (exit code 2)."""


@dataclass
class Settings:
    select: set[str] | None = None
    ignore: set[str] | None = None
    fail_on: str = "error"
    format: str = "text"
    tolerance: float = 0.0
    baseline: str | None = None
    severity: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    path: Path | None = None  # the file the settings came from


_ARXIV_ID = re.compile(r"\d{4}\.\d{4,5}(?:v\d+)?")
_KEYS = {"select", "ignore", "fail-on", "format", "tolerance", "baseline", "severity", "sources", "exclude"}
_FORMATS = ("text", "concise", "json", "github", "sarif", "rdjson", "junit", "html")


def find_file(start: Path | None = None) -> tuple[Path, dict] | None:
    """The nearest claimcheck.toml, or pyproject.toml holding [tool.claimcheck], at or above `start`."""
    folder = (start or Path.cwd()).resolve()
    for directory in (folder, *folder.parents):
        own = directory / "claimcheck.toml"
        if os.path.lexists(own):  # a FIFO, a folder or a broken link of that name is refused by _read, not skipped
            data = _read(own)
            tool = data.get("tool")
            if set(data) == {"tool"} and isinstance(tool, dict) and isinstance(tool.get("claimcheck"), dict):
                return own, tool["claimcheck"]  # the pyproject.toml table pasted as it stands
            return own, data
        project = directory / "pyproject.toml"
        if os.path.lexists(project):
            tool = _read(project).get("tool", {})
            if not isinstance(tool, dict):
                raise ConfigError(f"{project}: [tool] must be a table, got {_shown(tool)}")
            table = tool.get("claimcheck")
            if table is not None:
                return project, table
    return None


MAX_CONFIG_BYTES = 1024 * 1024


def _shown(value) -> str:
    """A value as the message shows it: its type and at most a line of it."""
    text = repr(value)
    return f"{type(value).__name__} {text[:60] + '...' if len(text) > 60 else text}"


def _read(path: Path) -> dict:
    from .files import FileProblem, read_input
    try:
        return tomllib.loads(read_input(path, MAX_CONFIG_BYTES).decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, ValueError) as error:
        # (ValueError: an integer past the digits Python converts, which tomllib does not catch)
        raise ConfigError(f"{path}: not valid TOML ({str(error)[:200]})") from None
    except RecursionError:
        raise ConfigError(f"{path}: nested too deeply to be a configuration file") from None
    except FileProblem as problem:
        raise ConfigError(f"{path}: {problem}") from None


def _codes(value, where: str, known: set[str]) -> set[str]:
    if isinstance(value, str):
        value = [v for v in value.split(",")]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of rule codes, got {_shown(value)}")
    codes = {v.strip().upper() for v in value if v.strip()}
    unknown = sorted(codes - known)
    if unknown:
        raise ConfigError(f"{where}: unknown rule code {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    return codes


def _apply(settings: Settings, table: dict, where: str, base: Path, known: set[str]) -> None:
    for key, value in table.items():
        name = f"{where}: {key}"
        if key not in _KEYS:
            raise ConfigError(f"{where}: unknown key {key!r} (known: {', '.join(sorted(_KEYS))})")
        if key in ("select", "ignore"):
            setattr(settings, key, _codes(value, name, known))
        elif key == "fail-on":
            if value not in ("error", "warning", "never"):
                raise ConfigError(f"{name}: expected error, warning or never, got {_shown(value)}")
            settings.fail_on = value
        elif key == "format":
            if value not in _FORMATS:
                raise ConfigError(f"{name}: expected one of {', '.join(_FORMATS)}, got {_shown(value)}")
            settings.format = value
        elif key == "tolerance":
            try:
                tolerance = float(value)
            except (TypeError, ValueError, OverflowError):
                raise ConfigError(f"{name}: expected a number, got {_shown(value)}") from None
            if isinstance(value, bool) or not 0 <= tolerance < 1:
                raise ConfigError(f"{name}: expected a fraction in [0, 1), got {_shown(value)}")
            settings.tolerance = tolerance
        elif key == "baseline":
            if not isinstance(value, str):
                raise ConfigError(f"{name}: expected a file name, got {_shown(value)}")
            settings.baseline = str(base / value)
        elif key == "severity":
            if not isinstance(value, dict):
                raise ConfigError(f"{name}: expected a table of CODE = level")
            for code, level in value.items():
                _codes([code], name, known)
                if level not in ("error", "warning", "info"):
                    raise ConfigError(f"{name}.{code}: expected error, warning or info, got {_shown(level)}")
                settings.severity[code.upper()] = level
        elif key == "exclude":
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{name}: expected a list of patterns (\"drafts\", \"*.draft.md\"), got {_shown(value)}")
            settings.exclude = list(value)
        elif key == "sources":
            if isinstance(value, dict):
                for k, v in value.items():
                    if not _ARXIV_ID.fullmatch(k) or not isinstance(v, str):
                        raise ConfigError(f"{name}.{k}: expected ARXIV_ID = \"path\" (\"2606.25040\" = "
                                          f"\"papers/chorus.pdf\"), got {_shown(v)}")
                settings.sources = [f"{k}={base / v}" for k, v in value.items()]
            elif isinstance(value, list) and all(isinstance(v, str) for v in value):
                settings.sources = [str(base / v) for v in value]
            else:
                raise ConfigError(f"{name}: expected a list of paths or a table of ARXIV_ID = path, "
                                  f"got {_shown(value)}")


def load(start: Path | None = None, environ: dict | None = None) -> Settings:
    """Defaults, then the file, then CLAIMCHECK_* variables (the command line comes last, in cli)."""
    from .verify import RULES
    known = set(RULES)
    settings = Settings()
    found = find_file(start)
    if found is not None:
        path, table = found
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.claimcheck] must be a table")
        where = f"{path}" + (" [tool.claimcheck]" if path.name == "pyproject.toml" else "")
        _apply(settings, table, where, path.parent, known)
        settings.path = path
    env = os.environ if environ is None else environ
    from_env = {}
    for key in ("select", "ignore", "fail-on", "format", "tolerance", "baseline"):
        variable = "CLAIMCHECK_" + key.upper().replace("-", "_")
        if env.get(variable):
            from_env[key] = env[variable]
    if from_env:
        _apply(settings, from_env, "environment (CLAIMCHECK_*)", Path.cwd(), known)
    return settings
