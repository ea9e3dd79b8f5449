"""Command line: argument parsing only; the work is done by `api`, `verify` and `report`.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage, configuration
or input error (a message on stderr, never a traceback); 3 could not check: a source failed to
parse (the rest is still checked and reported, but CI must not read the run as clean).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__
from .extract.decide import ModelError

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, EXIT_UNCHECKED = 0, 1, 2, 3
FORMATS = ("text", "concise", "json", "github", "sarif", "rdjson", "junit", "html")
_SEVERITY = {"info": 0, "warning": 1, "error": 2}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # exit 2 with the usage line, as argparse does, but say where to look
        self.print_usage(sys.stderr)
        print(f"claimcheck: error: {message} (see 'claimcheck {self.prog.split()[-1]} --help')"
              if " " in self.prog else f"claimcheck: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="claimcheck", description="Find the numbers in research prose that do not hold.")
    parser.add_argument("--version", action="version", version=f"claimcheck {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    check = commands.add_parser("check", help="check digests: arithmetic, consistency, comparisons",
                                description="Check each digest's numeric claims against each other and "
                                "against their sources. Typed at a terminal with no DIGEST, checks the bundled "
                                "example digest (--example does so anywhere).")
    check.add_argument("digests", nargs="*", metavar="DIGEST",
                       help="files, folders (searched for .md, .markdown, .txt, .text, .html, .htm, .tex, .rst) or "
                       "glob patterns ('digests/**/*.md'); '-' for standard input")
    check.add_argument("--example", action="store_true", help="check the bundled example digest")
    check.add_argument("--exclude", action="append", default=[], metavar="PATTERN",
                       help="leave out what folders and patterns find that matches PATTERN: a file or folder "
                       "name ('drafts', '*.draft.md') or a path ending ('archive/2023/*'); repeatable; "
                       "files named on the command line are always checked")
    check.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                       help="check N files at once (default: the number of cores; 1 checks in this process)")
    check.add_argument("--diff", action="store_true",
                       help="print the safe fixes as a unified diff instead of the report (nothing is written)")
    check.add_argument("--fix", action="store_true",
                       help="apply the safe fixes to the digests (figures computed from operands on their own "
                       "line, one reading) and report what is left")
    check.add_argument("--statistics", action="store_true",
                       help="print the number of findings per rule instead of the findings")
    check.add_argument("--stdin-filename", metavar="PATH",
                       help="the name standard input ('-') is reported under; its folder is where "
                       "configuration is looked for")
    check.add_argument("--self", action="store_true", dest="self_check",
                       help="check each paper against itself: the figures of its prose against its own tables "
                       "(with a table --output)")
    check.add_argument("--manifest", metavar="CSV",
                       help="pair digests with their sources: a CSV with columns digest, source and optionally id "
                       "(paths relative to it); its digests are checked")
    check.add_argument("--papers", metavar="FOLDER",
                       help="a folder of papers named by arXiv id (2406.12345.pdf): each digest is checked against "
                       "the ones it cites")
    check.add_argument("--scheduler", metavar="ADDRESS",
                       help="run a table --output on a Dask cluster: a scheduler's address, or 'local' for one on "
                       "this machine (pip install 'claimcheck[dask]')")
    check.add_argument("--source", "-s", action="append", default=[], metavar="[ARXIV_ID=]PATH",
                       help="a paper (PDF, text, Markdown), a fact sheet (CSV) or a folder of them to check "
                       "the digest against; repeatable; ARXIV_ID= ties it to the digest section citing that id")
    check.add_argument("--format", choices=FORMATS, default=None,
                       help="text (colour on a terminal unless NO_COLOR), concise, json, github, sarif, rdjson, "
                       "junit, html (a self-contained report: use with --output)")
    check.add_argument("--output", "-o", metavar="FILE", help="write the report here instead of stdout (- is stdout)")
    check.add_argument("--fail-on", choices=("error", "warning", "never"), default=None,
                       help="lowest severity that makes the exit code 1 (default: error)")
    check.add_argument("--select", metavar="CODES", help="only these rules, comma-separated (CC101,CC105)")
    check.add_argument("--ignore", metavar="CODES", help="skip these rules, comma-separated")
    check.add_argument("--baseline", metavar="FILE",
                       help="silence the findings recorded in FILE (by fingerprint, so moved lines stay silenced) "
                       "and list recorded findings that no longer occur")
    check.add_argument("--write-baseline", metavar="FILE",
                       help="record today's findings in FILE and exit 0")
    check.add_argument("--no-cache", action="store_true",
                       help="re-read every file (extracted claims are otherwise cached by content hash in "
                       "$CLAIMCHECK_CACHE, default ~/.cache/claimcheck)")
    check.add_argument("--tolerance", type=float, default=None, metavar="FRACTION",
                       help="extra relative tolerance on top of rounding (default 0; 0.01 = 1%%)")

    extract = commands.add_parser("extract", help="list the numeric claims of files",
                                  description="Print every numeric claim with its kind, metric and subject.")
    extract.add_argument("files", nargs="+", metavar="FILE",
                         help="files, folders or glob patterns (PDF, LaTeX, HTML, Markdown, text)")
    extract.add_argument("--format", choices=("table", "json"), default="table")
    extract.add_argument("--output", "-o", metavar="FILE",
                         help="write here; a name ending in .parquet, .csv or .jsonl writes one row per claim of "
                         "every file (an archive run: parallel, resumable, a failing file is a row with its error)")
    extract.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                         help="read N files at once (default: the number of cores)")
    extract.add_argument("--scheduler", metavar="ADDRESS",
                         help="run a table --output on a Dask cluster ('local' or a scheduler's address)")
    extract.add_argument("--no-cache", action="store_true", help="re-read every file")
    extract.add_argument("--all", action="store_true", dest="all_numbers",
                         help="also list every number that is not a claim: known non-claims (year, "
                              "version, citation, setting...) and unread numbers, each with its reason")

    commands.add_parser("server", help="run the Language Server (LSP over stdio) for editors",
                        description="A Language Server over stdio: diagnostics for Markdown, text, HTML and "
                        "LaTeX files as they are opened and edited, and quick fixes. Needs pygls "
                        "(pip install 'claimcheck[lsp]').")
    commands.add_parser("rules", help="list the rules")
    rule = commands.add_parser("rule", help="print one rule's documentation")
    rule.add_argument("code", metavar="CODE")
    return parser


class _VisibleStream:
    """stderr with control characters from file names and documents shown as escapes (line
    breaks kept): a message naming a file must not send escape sequences to a terminal."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text: str) -> int:
        from .report.visible import visible
        self.stream.write("\n".join(visible(part) for part in text.split("\n")))
        return len(text)

    def __getattr__(self, name):
        return getattr(self.stream, name)


def main(argv: list[str] | None = None) -> int:
    if not isinstance(sys.stderr, _VisibleStream):
        sys.stderr = _VisibleStream(sys.stderr)
    try:
        return _main(argv)
    finally:
        if isinstance(sys.stderr, _VisibleStream):
            sys.stderr = sys.stderr.stream


def _main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "output", None) == "-":
        args.output = None  # "-o -": standard output, as "-" is standard input (a file named - is ./-)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    from . import files
    files.reset()  # the inputs an output must not overwrite are this run's
    problem = _user_patterns_problem()
    if problem:
        print(f"claimcheck: error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    try:
        return {"check": _check, "extract": _extract, "rules": _rules, "rule": _rule,
                "server": _server}[args.command](args)
    except _UsageError as error:
        print(f"claimcheck: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except ModelError as error:  # CLAIMCHECK_READER_MODEL names no readable model
        print(f"claimcheck: error: reader model: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_CLEAN
    except RecursionError:
        print("claimcheck: error: input nested too deeply to read", file=sys.stderr)
        return EXIT_UNCHECKED
    except Exception as error:  # a bug must not print a traceback into a CI log: say what failed
        if os.environ.get("CLAIMCHECK_DEBUG"):
            raise
        print(f"claimcheck: error: could not check ({type(error).__name__}: {str(error)[:200]}); "
              f"set CLAIMCHECK_DEBUG=1 for details and please report it", file=sys.stderr)
        return EXIT_UNCHECKED


class _UsageError(Exception):
    pass


def _user_patterns_problem() -> str:
    """What is wrong with the folder of patterns CLAIMCHECK_PATTERNS names, or '': the patterns
    are loaded here, so that a file of the wrong shape is a usage error naming the folder, not an
    internal error halfway through a check."""
    folder = os.environ.get("CLAIMCHECK_PATTERNS")
    if not folder:
        return ""
    if not os.path.isdir(folder):
        return f"CLAIMCHECK_PATTERNS: {folder}: not a folder"
    from .extract.claims import default_extractor
    try:
        default_extractor()
    except Exception as error:  # any shape the loaders do not expect: a JSON error, a missing key, a wrong type
        return f"CLAIMCHECK_PATTERNS: {folder}: the patterns do not load ({type(error).__name__}: {str(error)[:200]})"
    return ""


def _silence_stdout() -> None:
    """Point standard output at /dev/null: what is still buffered for a closed pipe or a full
    device is then dropped at exit instead of raising again outside any handler."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):
        pass


def _codes(value: str | None) -> set[str] | None:
    if not value:
        return None
    from .verify import RULES
    codes = {c.strip().upper() for c in value.split(",") if c.strip()}
    unknown = sorted(codes - set(RULES))
    if unknown:
        raise _UsageError(f"unknown rule code {', '.join(unknown)} (known: {', '.join(sorted(RULES))})")
    return codes


from .ingest.markup import CONVERTED_SUFFIXES  # noqa: E402
from .ingest.text import InputError  # noqa: E402  (no heavy imports: text ingest is plain Python)


def _documents(paths: list[str], stdin_name: str | None = None):
    from .files import FileProblem, check_input, read_stream
    from .ingest.text import decode_text, parse_text
    documents = []
    stdin_name = stdin_name or "<stdin>"
    for path in paths:
        if not path:
            raise _UsageError("an empty file name among the documents")
        try:
            if path == "-":  # bytes, decoded as a file's are: the terminal's encoding plays no part
                try:
                    raw = read_stream(sys.stdin.buffer)
                except FileProblem as problem:
                    raise InputError(f"{stdin_name}: {problem}") from None
                documents.append(parse_text(decode_text(raw, stdin_name), stdin_name))
                continue
            if path.lower().endswith((".pdf",) + CONVERTED_SUFFIXES):
                try:  # these readers open the file themselves: refuse a FIFO or a device first
                    check_input(path)
                except FileProblem as problem:
                    raise InputError(f"{path}: {problem}") from None
            from .api import read_path
            documents.append(read_path(path))
        except InputError as error:
            raise _UsageError(str(error)) from None
    return documents


def _settings_per_document(paths: list[str], args, run, unchecked: list[str], paired=None) -> list[dict]:
    """What each document is checked with: the configuration found from its own folder upward
    (rules, severities, tolerance, sources), the command line over it. Documents under one
    configuration share one settings object, and each source is read once."""
    from . import config
    from .sources import SourceError, load_sources
    by_folder: dict[str, config.Settings] = {}
    by_file: dict[object, dict] = {}
    loaded: dict[str, list] = {}

    def sources_of(specs: list[str]) -> list:
        out = []
        for spec in specs:
            if spec not in loaded:
                try:
                    loaded[spec] = load_sources([spec], warn=_warn)
                except SourceError as error:  # it exists but cannot be read: the check is incomplete
                    loaded[spec] = []
                    unchecked.append(str(error))
                except InputError as error:
                    raise _UsageError(str(error)) from None
            out += loaded[spec]
        return out

    select = _codes(args.select) if args.select else None
    ignore = _codes(args.ignore) if args.ignore else None
    out = []
    for path in paths:
        named = args.stdin_filename if path == "-" and args.stdin_filename else path
        folder = str(Path(named).parent) if named != "-" else "."
        own = by_folder.get(folder)
        if own is None:
            try:
                own = by_folder[folder] = config.load(Path(folder)) if os.path.isdir(folder) else run
            except config.ConfigError as error:
                raise _UsageError(str(error)) from None
        if own.path == run.path:
            own = run
        own_sources = tuple((paired or {}).get(path, ()))  # a manifest's or a papers folder's, for this digest
        key = (own.path if own.path is not None else "defaults", own_sources)
        chosen = by_file.get(key)
        if chosen is None:
            tolerance = own.tolerance if args.tolerance is None else args.tolerance
            if not 0 <= tolerance < 1:  # also refuses nan, which every comparison fails
                raise _UsageError(f"--tolerance must be a fraction in [0, 1), got {tolerance}")
            chosen = by_file[key] = {
                "select": select if select is not None else own.select,
                "ignore": ignore if ignore is not None else own.ignore,
                "tolerance": tolerance, "severity": own.severity,
                "sources": sources_of(own.sources + args.source + list(own_sources))}
        out.append(chosen)
    return out


def _refuse_output(option: str, path: str | None) -> None:
    """Exit 2 before any work when an output names an input of this run or a special file."""
    from .files import output_problem
    problem = output_problem(path) if path else None
    if problem:
        raise _UsageError(f"{option} {path}: {problem}")


def _same_path(a: str, b: str) -> bool:
    """Do two output paths name one file (the same path, or links to one existing file)?"""
    try:
        return os.path.samefile(a, b)
    except OSError:  # not both there yet: compare where they would be written
        return os.path.realpath(a) == os.path.realpath(b)


def _write(text: str, output: str | None) -> None:
    from .files import FileProblem, write_atomically
    if output:
        try:
            write_atomically(output, text)
        except FileProblem as problem:
            raise _UsageError(f"--output {output}: {problem}") from None
        except OSError as error:
            raise _UsageError(f"cannot write {output}: {error.strerror or error}") from None
        return
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:  # a full device, a closed terminal
        _silence_stdout()
        raise _UsageError(f"cannot write the report to standard output: {error.strerror or error}") from None


def _check(args) -> int:
    from . import config
    try:
        settings = config.load()
    except config.ConfigError as error:
        raise _UsageError(str(error)) from None
    # the run's own settings (format, exit threshold, baseline, exclusions) come from the working
    # folder's configuration; what a document is checked with, from its own folder's
    _codes(args.select), _codes(args.ignore)  # unknown codes are refused before any work
    form = args.format or settings.format
    fail_on = args.fail_on or settings.fail_on
    if args.tolerance is not None and not 0 <= args.tolerance < 1:  # also refuses nan
        raise _UsageError(f"--tolerance must be a fraction in [0, 1), got {args.tolerance}")
    from . import cache
    cache.disable() if args.no_cache else cache.enable()  # per run: an earlier run's --no-cache does not carry over
    if args.jobs is not None and args.jobs < 1:
        raise _UsageError(f"--jobs must be 1 or more, got {args.jobs}")
    paths = list(args.digests)
    if args.example or not paths and not args.manifest:
        if not paths and not args.example and not sys.stdin.isatty():
            # a script whose list of files came out empty must not pass on the example's verdict
            raise _UsageError("no digest given: name files, folders or patterns, '-' for standard input, "
                              "or --example for the bundled example")
        from .api import example_path
        paths.append(str(example_path()))
        print(f"claimcheck: checking the bundled example {paths[-1]}", file=sys.stderr)
    from .discover import NothingFound, expand
    try:
        from .discover import DIGEST_SUFFIXES, PAPER_SUFFIXES
        paths = expand(paths, tuple(settings.exclude) + tuple(args.exclude),
                       suffixes=PAPER_SUFFIXES if args.self_check else DIGEST_SUFFIXES)
    except NothingFound as error:
        raise _UsageError(str(error)) from None
    if args.manifest:
        from .audit import read_manifest
        try:
            pairs = read_manifest(args.manifest)
        except (OSError, ValueError) as error:
            raise _UsageError(f"--manifest {args.manifest}: {error}") from None
        paired: dict[str, list[str]] = {}
        for digest, source in pairs:
            paired.setdefault(digest, []).append(source)
        paths = paths + [d for d in paired if d not in paths]
    else:
        paired = {}
    if args.papers:
        if not os.path.isdir(args.papers):
            raise _UsageError(f"--papers {args.papers}: not a folder")
        from .audit import papers_cited
        for path in paths:
            try:
                with open(path, encoding="utf-8", errors="replace") as handle:
                    cited = papers_cited(handle.read(), args.papers)
            except OSError:
                continue
            paired.setdefault(path, []).extend(cited)
    if _is_table(args.output) and args.format is None:
        from .audit import Job
        job = Job(mode="self" if args.self_check else "check",
                  select=frozenset(_codes(args.select) or settings.select or []) or None,
                  ignore=frozenset(_codes(args.ignore) or settings.ignore or []) or None,
                  tolerance=settings.tolerance if args.tolerance is None else args.tolerance,
                  severity=tuple(sorted(settings.severity.items())),
                  sources=tuple(settings.sources + args.source),
                  paired=tuple((d, tuple(s)) for d, s in paired.items()))
        return _audit(paths, job, args)
    if args.self_check or args.scheduler:
        raise _UsageError("--self and --scheduler write a table: give --output FILE.parquet, .csv or .jsonl")
    documents = _documents(paths, args.stdin_filename)
    unchecked: list[str] = []
    own_settings = _settings_per_document(paths, args, settings, unchecked, paired)
    from . import baseline
    if args.write_baseline and args.baseline:
        raise _UsageError("--baseline and --write-baseline in one run: a baseline is read or written, not both "
                          "(--write-baseline alone rewrites the configured baseline)")
    # writing a baseline reads none: the configured one is what --write-baseline refreshes
    baseline_file = None if args.write_baseline else (args.baseline or settings.baseline)
    try:  # read before the check: a baseline that is no baseline (or a FIFO) fails at once
        recorded = baseline.read(baseline_file) if baseline_file else None
    except baseline.BaselineError as error:
        raise _UsageError(str(error)) from None
    _refuse_output("--output", args.output)
    _refuse_output("--write-baseline", args.write_baseline)
    if args.output and args.write_baseline and _same_path(args.output, args.write_baseline):
        raise _UsageError(f"--output and --write-baseline both name {args.write_baseline}: one would replace the other")
    for message in unchecked:
        print(f"claimcheck: could not check against {message}", file=sys.stderr)
    from .batch import check_documents, default_jobs
    from .report.progress import Progress
    with Progress(len(documents), sys.stderr) as progress:
        results = check_documents(documents, own_settings, args.jobs or default_jobs(), progress.update)
    try:
        if args.write_baseline:
            count = baseline.write(args.write_baseline, results)
            print(f"claimcheck: wrote {count} finding(s) to {args.write_baseline}", file=sys.stderr)
            return EXIT_UNCHECKED if unchecked else EXIT_CLEAN
        if baseline_file:
            results, outcome = baseline.apply(results, recorded)
            print(f"claimcheck: {outcome.suppressed} finding(s) silenced by {baseline_file}", file=sys.stderr)
            for entry in outcome.stale:
                print(f"claimcheck: baseline entry no longer occurs (remove it): {entry.get('document')}: "
                      f"{entry.get('rule')} {entry.get('claim')!r} {entry.get('message', '')}", file=sys.stderr)
    except baseline.BaselineError as error:
        raise _UsageError(str(error)) from None
    if args.diff or args.fix:
        results = _apply_fixes(results, write=args.fix, output=args.output)
        if args.diff:
            return EXIT_UNCHECKED if unchecked else EXIT_CLEAN
    if args.statistics:
        from .report.statistics import render_statistics
        _write(render_statistics(results), args.output)
    else:
        _write(_render(results, form, color=_use_color(args.output)), args.output)
    if unchecked:
        return EXIT_UNCHECKED
    if fail_on == "never":
        return EXIT_CLEAN
    threshold = _SEVERITY[fail_on]
    failing = any(_SEVERITY[f.severity] >= threshold for r in results for f in r.findings)
    return EXIT_FINDINGS if failing else EXIT_CLEAN


def _apply_fixes(results, write: bool, output: str | None):
    """--diff: print the safe fixes as a diff. --fix: write them, and keep in the report only the
    findings still standing (those without a safe fix, or whose fix could not be placed)."""
    from . import apply_fixes
    from .files import FileProblem, read_input
    diffs, kept, applied, unsafe = [], [], 0, 0
    for result in results:
        safe = [f for f in result.findings if f.fix is not None and f.fix.safe]
        unsafe += sum(1 for f in result.findings if f.fix is not None and not f.fix.safe)
        path = result.document.name
        if not safe:
            kept.append(result)
            continue
        if path == "<stdin>" or not os.path.isfile(path) or path.lower().endswith((".pdf",) + CONVERTED_SUFFIXES):
            # standard input has no file to change; converted formats are fixed by hand
            _warn(f"{path}: {len(safe)} safe fix(es) not applied (only Markdown and text files are fixed)")
            kept.append(result)
            continue
        try:
            original = read_input(path).decode("utf-8")  # a byte-order mark stays, as a character
        except FileProblem as problem:
            raise _UsageError(f"{path}: {problem}") from None
        except UnicodeDecodeError:  # written back, its undecodable bytes would be lost
            _warn(f"{path}: not UTF-8; {len(safe)} safe fix(es) not applied")
            kept.append(result)
            continue
        fixed = apply_fixes.apply(path, original, [f.fix for f in safe])
        applied += len(fixed.applied)
        if fixed.left:
            _warn(f"{path}: {fixed.left} fix(es) not applied: the file no longer holds their figure there")
        if write:
            if fixed.applied:
                try:
                    apply_fixes.write(fixed)
                except OSError as error:
                    raise _UsageError(f"cannot write {path}: {error.strerror or error}") from None
            placed = set(fixed.applied)
            from dataclasses import replace
            kept.append(replace(result, findings=tuple(f for f in result.findings if f.fix not in placed)))
        else:
            diffs.append(apply_fixes.unified_diff(fixed))
            kept.append(result)
    if not write:
        _write("".join(diffs), output)
    verb = "fixed" if write else "would fix"
    print(f"claimcheck: {verb} {applied} finding(s); {unsafe} more fix(es) need a review (not safe: "
          f"see the report's 'fix' lines)", file=sys.stderr)
    return kept


def _warn(message: str) -> None:
    print(f"claimcheck: warning: {message}", file=sys.stderr)


def _use_color(output: str | None) -> bool:
    import os
    return output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _render(results, form: str, color: bool = False) -> str:
    if form == "json":
        from .report.json_report import render_findings
        return render_findings(results) + "\n"
    if form == "text":
        from .report.text_report import render_findings
        return render_findings(results, color=color)
    if form == "html":
        from .report.html_report import render_html
        return render_html(results)
    from .report import ci
    return {"concise": ci.render_concise, "github": ci.render_github, "sarif": ci.render_sarif,
            "rdjson": ci.render_rdjson, "junit": ci.render_junit}[form](results)


def _is_table(output: str | None) -> bool:
    from .audit import TABLE_SUFFIXES
    return bool(output) and output.lower().endswith(TABLE_SUFFIXES)


def _audit(paths: list[str], job, args) -> int:
    """An archive run: every file's rows into one table file (exit 3 when a file failed)."""
    from . import audit
    from .batch import default_jobs
    from .report.progress import Progress
    if args.jobs is not None and args.jobs < 1:
        raise _UsageError(f"--jobs must be 1 or more, got {args.jobs}")
    from .files import note_input
    # the workers read these: the table must not replace one (nor land in a source folder)
    for path in list(paths) + [spec.split("=", 1)[-1] if "=" in spec and not os.path.exists(spec) else spec
                               for spec in list(job.sources) + [s for _, ss in job.paired for s in ss]]:
        note_input(path)
    for extra in (getattr(args, "manifest", None), getattr(args, "baseline", None), _config_path()):
        if extra:
            note_input(extra)
    _refuse_output("--output", args.output)
    if args.scheduler:
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise _UsageError("--scheduler needs Dask: python3 -m pip install 'claimcheck[dask]'") from None
    with Progress(len(paths), sys.stderr) as progress:
        rows, stats = audit.run(paths, job, jobs=args.jobs or default_jobs(), progress=progress.update,
                                scheduler=args.scheduler)
    try:
        audit.write_table(rows, job.mode, args.output)
    except RuntimeError as error:
        raise _UsageError(str(error)) from None
    print(f"claimcheck: {stats.files} file(s), {len(rows)} row(s) to {args.output}: {stats.built} read, "
          f"{stats.cached} from an earlier run, {stats.errors} failed", file=sys.stderr)
    return EXIT_UNCHECKED if stats.errors else EXIT_CLEAN


def _config_path() -> str | None:
    """The configuration file of the working folder, if any (an input of every run)."""
    from . import config
    try:
        found = config.find_file()
    except config.ConfigError:
        return None
    return str(found[0]) if found else None


def _extract(args) -> int:
    from . import cache
    cache.disable() if args.no_cache else cache.enable()
    from .discover import PAPER_SUFFIXES, NothingFound, expand
    try:
        paths = expand(args.files, suffixes=PAPER_SUFFIXES)
    except NothingFound as error:
        raise _UsageError(str(error)) from None
    if _is_table(args.output):
        from .audit import Job
        return _audit(paths, Job(mode="extract"), args)
    documents = _documents(paths)
    _refuse_output("--output", args.output)
    if args.all_numbers:
        from .extract.claims import read_numbers
        readings = [(d, read_numbers(d)) for d in documents]
        pairs = [(d, list(r.claims)) for d, r in readings]
        others = [(d, list(r.others)) for d, r in readings]
    else:
        from .extract.claims import extract_claims
        pairs, others = [(d, extract_claims(d)) for d in documents], None
    if args.format == "json":
        from .report.json_report import render_claims
        _write(render_claims(pairs, numbers=others) + "\n", args.output)
    else:
        from .report.text_report import render_claims_table, render_numbers_table
        _write(render_claims_table(pairs) + (render_numbers_table(pairs, others) if others is not None else ""),
               args.output)
    return EXIT_CLEAN


def _server(args) -> int:
    from .server import run
    return run()


def _rules(args) -> int:
    from .verify import RULES
    for code, rule in sorted(RULES.items()):
        summary = rule.doc.splitlines()[0] if rule.doc else ""
        print(f"{code}  {rule.name:<26} {rule.severity:<8} {summary}")
    return EXIT_CLEAN


def _rule(args) -> int:
    from .verify import RULES
    rule = RULES.get(args.code.upper())
    if rule is None:
        raise _UsageError(f"unknown rule code {args.code} (known: {', '.join(sorted(RULES))})")
    print(f"{rule.code} {rule.name} ({rule.family}, default severity {rule.severity})\n")
    print(rule.doc)
    return EXIT_CLEAN


if __name__ == "__main__":
    raise SystemExit(main())
