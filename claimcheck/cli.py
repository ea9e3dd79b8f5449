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
                                description="Check each digest's numeric claims against each other. "
                                "With no DIGEST, checks the bundled example digest.")
    check.add_argument("digests", nargs="*", metavar="DIGEST", help="text or Markdown files ('-' for stdin)")
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
    extract.add_argument("files", nargs="+", metavar="FILE")
    extract.add_argument("--format", choices=("table", "json"), default="table")
    extract.add_argument("--output", "-o", metavar="FILE")
    extract.add_argument("--all", action="store_true", dest="all_numbers",
                         help="also list every number that is not a claim: known non-claims (year, "
                              "version, citation, setting...) and unread numbers, each with its reason")

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
        return {"check": _check, "extract": _extract, "rules": _rules, "rule": _rule}[args.command](args)
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


from .ingest.text import InputError  # noqa: E402  (no heavy imports: text ingest is plain Python)


def _documents(paths: list[str]):
    from .files import FileProblem, check_input, read_stream
    from .ingest.text import decode_text, parse_text, read_document
    documents = []
    for path in paths:
        if not path:
            raise _UsageError("an empty file name among the documents")
        try:
            if path == "-":  # bytes, decoded as a file's are: the terminal's encoding plays no part
                try:
                    raw = read_stream(sys.stdin.buffer)
                except FileProblem as problem:
                    raise InputError(f"<stdin>: {problem}") from None
                documents.append(parse_text(decode_text(raw, "<stdin>"), "<stdin>"))
                continue
            if path.lower().endswith((".pdf", ".html", ".htm", ".tex")):
                try:  # these readers open the file themselves: refuse a FIFO or a device first
                    check_input(path)
                except FileProblem as problem:
                    raise InputError(f"{path}: {problem}") from None
            if path.lower().endswith(".pdf"):
                from .api import read_pdf_cached
                documents.append(read_pdf_cached(path))
            elif path.lower().endswith((".html", ".htm", ".tex")):
                from .sources import read_any
                documents.append(read_any(Path(path)))
            else:
                documents.append(read_document(path))
        except InputError as error:
            raise _UsageError(str(error)) from None
    return documents


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
    select = _codes(args.select) if args.select else settings.select
    ignore = _codes(args.ignore) if args.ignore else settings.ignore
    form = args.format or settings.format
    fail_on = args.fail_on or settings.fail_on
    tolerance = settings.tolerance if args.tolerance is None else args.tolerance
    if not 0 <= tolerance < 1:  # also refuses nan, which every comparison fails
        raise _UsageError(f"--tolerance must be a fraction in [0, 1), got {tolerance}")
    if args.no_cache:
        from . import cache
        cache.disable()
    paths = args.digests
    if not paths:
        from .api import example_path
        paths = [str(example_path())]
        print(f"claimcheck: no digest given; checking the bundled example {paths[0]}", file=sys.stderr)
    documents = _documents(paths)
    from .api import check_document
    from .sources import SourceError, load_sources
    sources, unchecked = [], []
    for spec in settings.sources + args.source:
        try:
            sources += load_sources([spec], warn=_warn)
        except SourceError as error:  # it exists but cannot be read: the check is incomplete
            unchecked.append(str(error))
        except InputError as error:
            raise _UsageError(str(error)) from None
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
    results = [check_document(d, select, ignore, tolerance, sources, settings.severity) for d in documents]
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
    _write(_render(results, form, color=_use_color(args.output)), args.output)
    if unchecked:
        return EXIT_UNCHECKED
    if fail_on == "never":
        return EXIT_CLEAN
    threshold = _SEVERITY[fail_on]
    failing = any(_SEVERITY[f.severity] >= threshold for r in results for f in r.findings)
    return EXIT_FINDINGS if failing else EXIT_CLEAN


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


def _extract(args) -> int:
    documents = _documents(args.files)
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
