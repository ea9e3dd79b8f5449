"""`claimcheck server` as an editor meets it: a separate process spoken to over stdio in LSP's
own framing (Content-Length headers, JSON-RPC), as VS Code, Neovim or Helix would."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
import queue
from pathlib import Path

import pytest

pytest.importorskip("pygls")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "example_digest.md"


class Client:
    def __init__(self, cwd: Path) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "claimcheck", "server"], cwd=cwd,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.messages: queue.Queue = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value.strip())
            self.messages.put(json.loads(stream.read(length)))

    def send(self, method: str, params, request: bool = True) -> int | None:
        message = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            message["id"] = self.next_id
        body = json.dumps(message).encode("utf-8")
        self.process.stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode("ascii") + body)
        self.process.stdin.flush()
        return message.get("id")

    def wait_for(self, test, timeout: float = 120.0) -> dict:
        while True:
            message = self.messages.get(timeout=timeout)
            if test(message):
                return message

    def response(self, request_id: int) -> dict:
        return self.wait_for(lambda m: m.get("id") == request_id and "method" not in m)

    def diagnostics(self, uri: str) -> list[dict]:
        return self.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                             and m["params"]["uri"] == uri)["params"]["diagnostics"]

    def close(self) -> int:
        self.response(self.send("shutdown", None))
        self.send("exit", None, request=False)
        try:
            return self.process.wait(timeout=30)
        finally:
            self.process.kill()


@pytest.fixture
def client(tmp_path):
    c = Client(tmp_path)
    yield c
    if c.process.poll() is None:
        c.process.kill()


def test_initialize_open_change_and_quick_fix(client, tmp_path):
    init = client.response(client.send("initialize", {"processId": None, "rootUri": tmp_path.as_uri(),
                                                      "capabilities": {}}))
    capabilities = init["result"]["capabilities"]
    assert init["result"]["serverInfo"]["name"] == "claimcheck"
    assert capabilities["codeActionProvider"] and capabilities["textDocumentSync"]
    client.send("initialized", {}, request=False)

    text = EXAMPLE.read_text(encoding="utf-8")
    uri = (tmp_path / "digest.md").as_uri()
    client.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1,
                                                          "text": text}}, request=False)
    diagnostics = client.diagnostics(uri)
    by_line = {(d["range"]["start"]["line"], d["code"]): d for d in diagnostics}
    assert {code for _, code in by_line} == {"CC101", "CC102", "CC103", "CC104", "CC105", "CC106", "CC107"}
    speedup = by_line[(21, "CC102")]
    line = text.split("\n")[21]
    start, end = speedup["range"]["start"]["character"], speedup["range"]["end"]["character"]
    assert line[start:end] == "2.6×"  # UTF-16 units: every character before it is in the BMP
    assert speedup["severity"] == 1 and speedup["codeDescription"]["href"].endswith("/docs/rules/CC102.md")

    actions = client.response(client.send("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": speedup["range"], "context": {"diagnostics": [speedup]}}))["result"]
    (action,) = actions
    assert action["kind"] == "quickfix" and action["isPreferred"] is True
    (edit,) = action["edit"]["changes"][uri]
    assert edit == {"range": speedup["range"], "newText": "2.3×"}

    # the edit applied by the editor: that finding is gone, the others stay
    fixed = text.split("\n")
    fixed[21] = line[:start] + "2.3×" + line[end:]
    client.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                           "contentChanges": [{"text": "\n".join(fixed)}]}, request=False)
    after = {(d["range"]["start"]["line"], d["code"]) for d in client.diagnostics(uri)}
    # the speedup is gone; the headline's 2.6x, which the body no longer repeats, is now flagged
    assert after == (set(by_line) - {(21, "CC102")}) | {(3, "CC105")}
    assert client.close() == 0


def test_positions_in_latex_and_html_are_the_files_own(client, tmp_path):
    client.response(client.send("initialize", {"processId": None, "capabilities": {}}))
    client.send("initialized", {}, request=False)
    latex = ("\\section{Results}\n"
             "% a comment line\n"
             "Kite reaches 71.4 mAP on COCO, \\textbf{3.1 points} ahead of Ray (69.3).\n")
    uri = (tmp_path / "notes.tex").as_uri()
    client.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "latex", "version": 1,
                                                          "text": latex}}, request=False)
    (margin,) = [d for d in client.diagnostics(uri) if d["code"] == "CC101"]
    start = margin["range"]["start"]
    assert start["line"] == 2 and latex.split("\n")[2][start["character"]:].startswith("3.1 points")
    page = ("<!doctype html>\n<html><head><title>x</title></head>\n<body>\n<h2>Kite</h2>\n"
            "<p>Kite reaches 71.4 mAP on COCO,\n<b>3.1 points</b> ahead of Ray (69.3).</p>\n</body></html>\n")
    uri = (tmp_path / "notes.html").as_uri()
    client.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "html", "version": 1,
                                                          "text": page}}, request=False)
    (margin,) = [d for d in client.diagnostics(uri) if d["code"] == "CC101"]
    start = margin["range"]["start"]
    assert start["line"] == 5 and page.split("\n")[5][start["character"]:].startswith("3.1 points")
    assert client.close() == 0
