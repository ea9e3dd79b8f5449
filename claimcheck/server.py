"""`claimcheck server`: a Language Server over stdio (pygls) for editors.

Diagnostics are published for Markdown, text, HTML and LaTeX files when they are opened, changed
or saved; each finding's fix is offered as a quick fix (preferred where it is safe). A file is
checked with the configuration found from its folder upward, as on the command line, against
the sources that configuration names. Positions are in the editor's own text: a figure is placed
on its line by its written text, which also maps HTML and LaTeX back from the text they are
read as; columns are sent in the position encoding the client chose (UTF-16 by default).
"""
from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import unquote, urlparse

from . import __version__
from .report.rule_docs import rule_url

logger = logging.getLogger(__name__)

LANGUAGES = {".md": "text", ".markdown": "text", ".mdown": "text", ".mkd": "text", ".txt": "text", ".text": "text",
             ".html": "html", ".htm": "html", ".tex": "latex"}


def path_of(uri: str) -> Path | None:
    parsed = urlparse(uri)
    return Path(unquote(parsed.path)) if parsed.scheme == "file" else None


def read_text(text: str, name: str):
    """A Document from an editor's text, read as the file of that name would be."""
    kind = LANGUAGES.get(Path(name).suffix.lower(), "text")
    if kind in ("html", "latex"):
        from .ingest.markup import parse_markup
        return parse_markup(text, name, kind)
    from .ingest.text import parse_text
    return parse_text(text, name)


def place(lines: list[str], line: int, column: int, written: str, search: int = 0) -> tuple[int, int] | None:
    """(line, column), 0-based, of `written` in the editor's lines: where the report puts it when
    the editor's line holds it there, else its occurrence nearest that column on that line, else
    (for converted HTML and LaTeX) on the nearest line within `search` lines that holds it."""
    index = line - 1
    for distance in range(0, search + 1):
        for k in ((index,) if distance == 0 else (index - distance, index + distance)):
            if not 0 <= k < len(lines):
                continue
            text = lines[k]
            if text[column - 1:column - 1 + len(written)] == written:
                return k, column - 1
            found, start = [], text.find(written)
            while start >= 0:
                found.append(start)
                start = text.find(written, start + 1)
            if found:
                return k, min(found, key=lambda s: abs(s - (column - 1)))
    return None


class Checker:
    """Checks editor texts with the configuration of their folder; sources read once each."""

    def __init__(self) -> None:
        self._sources: dict[str, list] = {}

    def _settings(self, path: Path | None):
        from . import config
        try:
            return config.load(path.parent if path is not None and path.parent.is_dir() else None)
        except config.ConfigError as error:
            logger.warning("configuration: %s", error)
            return config.Settings()

    def _load(self, specs: list[str]) -> list:
        from .sources import load_sources
        out = []
        for spec in specs:
            if spec not in self._sources:
                try:
                    self._sources[spec] = load_sources([spec])
                except Exception as error:  # a source that cannot be read: check without it, say so
                    logger.warning("source %s: %s", spec, error)
                    self._sources[spec] = []
            out += self._sources[spec]
        return out

    def findings(self, uri: str, text: str):
        """(finding, line, column) for each finding worth a diagnostic, placed in `text`."""
        from .api import check_document
        path = path_of(uri)
        name = str(path) if path is not None else uri
        settings = self._settings(path)
        document = read_text(text, name)
        result = check_document(document, settings.select, settings.ignore, settings.tolerance,
                                self._load(settings.sources), settings.severity)
        lines = text.split("\n")
        converted = LANGUAGES.get(Path(name).suffix.lower(), "text") != "text"
        out = []
        for finding in result.findings:
            if finding.severity == "info":
                continue
            claim = finding.claim
            at = place(lines, claim.line, claim.column, claim.text, search=40 if converted else 0)
            if at is None:
                at = (max(claim.line - 1, 0), 0)
            out.append((finding, *at))
        return out


def build_server():
    from lsprotocol import types
    from pygls.lsp.server import LanguageServer
    from pygls.workspace.position_codec import ServerTextPosition, ServerTextRange

    server = LanguageServer("claimcheck", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
    checker = Checker()
    severity = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning}

    def publish(uri: str) -> None:
        if LANGUAGES.get(Path(urlparse(uri).path).suffix.lower()) is None:
            return
        document = server.workspace.get_text_document(uri)
        try:
            found = checker.findings(uri, document.source)
        except Exception as error:  # one document that cannot be checked must not stop the server
            server.window_log_message(types.LogMessageParams(types.MessageType.Error, f"claimcheck: {uri}: {error}"))
            found = []
        diagnostics = []
        for finding, line, column in found:
            span = ServerTextRange(ServerTextPosition(line, column), ServerTextPosition(line, column + len(finding.claim.text)))
            fix = finding.fix
            diagnostics.append(types.Diagnostic(
                range=document.range_to_client_units(span), message=finding.message,
                severity=severity.get(finding.severity, types.DiagnosticSeverity.Information),
                code=finding.rule, code_description=types.CodeDescription(href=rule_url(finding.rule)),
                source="claimcheck",
                data={"fix": {"old": fix.old, "new": fix.new, "safe": fix.safe}} if fix is not None else None))
        server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls, params: types.DidOpenTextDocumentParams):
        publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls, params: types.DidChangeTextDocumentParams):
        publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls, params: types.DidSaveTextDocumentParams):
        publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls, params: types.DidCloseTextDocumentParams):
        server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=params.text_document.uri,
                                                                                diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls, params: types.CodeActionParams):
        actions = []
        for diagnostic in params.context.diagnostics:
            data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
            fix = data.get("fix")
            if diagnostic.source != "claimcheck" or not fix:
                continue
            edit = types.TextEdit(range=diagnostic.range, new_text=fix["new"])
            actions.append(types.CodeAction(
                title=f"Write {fix['new']} for {fix['old']} ({diagnostic.code})" + ("" if fix["safe"] else ": review"),
                kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic], is_preferred=bool(fix["safe"]),
                edit=types.WorkspaceEdit(changes={params.text_document.uri: [edit]})))
        return actions

    return server


def run() -> int:
    """Serve over stdio until the client asks the server to exit."""
    try:
        server = build_server()
    except ImportError:
        import sys
        print("claimcheck: error: the language server needs pygls: python3 -m pip install 'claimcheck[lsp]'",
              file=sys.stderr)
        return 2
    server.start_io()
    return 0
