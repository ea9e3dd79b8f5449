"""The fact-checker's report: one self-contained HTML file.

Each digest is shown with every claim highlighted by its verdict; each finding has a panel with
the claim, the computed or source value and its evidence (text with page and line, and for PDF
sources a crop of the page around the figure, embedded as a data URI). Filters by rule and
severity, summary counts, and keyboard navigation (j/k or arrows, Enter to open). Every piece of
document text is escaped (control characters and undecodable file-name bytes shown as backslash
escapes first, `visible`), and a Content-Security-Policy allows no network and no script but the
report's own (by hash).
"""
from __future__ import annotations

import base64
import hashlib
from html import escape as _escape

from .crops import crop_png
from .json_report import fingerprint
from .visible import visible


def escape(text, quote: bool = True) -> str:
    """HTML-escaped, with control characters and lone surrogates shown as backslash escapes."""
    return _escape(visible(text), quote=quote)


_STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
header{position:sticky;top:0;background:#fff;border-bottom:1px solid #ddd;padding:.6em 1.2em;z-index:2}
h1{font-size:1.2em;margin:.2em 0}.counts span{margin-right:1em}.filters label{margin-right:.8em;font-size:.9em}
main{display:grid;grid-template-columns:minmax(0,1.1fr) minmax(0,1fr);gap:1.2em;padding:1em 1.2em}
.doc{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.6em 1em;overflow-x:auto}
.doc h2{font-size:1em;color:#555}.line{white-space:pre-wrap;font-family:ui-monospace,monospace;font-size:.85em}
.ln{color:#999;display:inline-block;width:3.2em;text-align:right;margin-right:.8em;user-select:none}
mark.claim{background:#e8eefc;border-radius:3px;padding:0 1px;cursor:pointer}
mark.error{background:#ffd3d0;outline:1px solid #d33}mark.warning{background:#ffe9b3;outline:1px solid #c90}
mark.supported,mark.rounded{background:#d7f5dc}mark.notfound{background:#eee}
.finding{background:#fff;border:1px solid #ddd;border-left:5px solid #999;border-radius:6px;margin-bottom:.8em;padding:.5em .8em}
.finding.error{border-left-color:#d33}.finding.warning{border-left-color:#c90}.finding.info{border-left-color:#39c}
.finding.active{box-shadow:0 0 0 3px #4a7dff}.finding .evidence{display:none;margin-top:.4em}
.finding.active .evidence{display:block}.finding .head{cursor:pointer}.code{font-weight:600}
.evidence li{margin:.2em 0}.evidence img{max-width:100%;border:1px solid #ccc;display:block;margin:.3em 0}
.hidden{display:none}kbd{border:1px solid #bbb;border-radius:3px;padding:0 .3em;font-size:.8em}
"""

_SCRIPT = """
(function(){
  var panels=[].slice.call(document.querySelectorAll('.finding'));
  var current=-1;
  function visible(){return panels.filter(function(p){return !p.classList.contains('hidden');});}
  function activate(p){
    panels.forEach(function(q){q.classList.remove('active');});
    if(!p){return;}
    p.classList.add('active');current=visible().indexOf(p);
    p.scrollIntoView({block:'nearest'});
    var mark=document.getElementById(p.getAttribute('data-mark'));
    if(mark){mark.scrollIntoView({block:'center'});}
  }
  panels.forEach(function(p){p.querySelector('.head').addEventListener('click',function(){activate(p);});});
  [].slice.call(document.querySelectorAll('mark.claim[data-finding]')).forEach(function(m){
    m.addEventListener('click',function(){activate(document.getElementById(m.getAttribute('data-finding')));});
  });
  function filter(){
    var rules={},levels={};
    [].slice.call(document.querySelectorAll('input[data-rule]')).forEach(function(b){rules[b.getAttribute('data-rule')]=b.checked;});
    [].slice.call(document.querySelectorAll('input[data-severity]')).forEach(function(b){levels[b.getAttribute('data-severity')]=b.checked;});
    panels.forEach(function(p){
      var show=rules[p.getAttribute('data-rule')]!==false&&levels[p.getAttribute('data-severity')]!==false;
      p.classList.toggle('hidden',!show);
    });
  }
  [].slice.call(document.querySelectorAll('.filters input')).forEach(function(b){b.addEventListener('change',filter);});
  document.addEventListener('keydown',function(e){
    var list=visible();if(!list.length){return;}
    if(e.key==='j'||e.key==='ArrowDown'){current=Math.min(current+1,list.length-1);activate(list[current]);e.preventDefault();}
    else if(e.key==='k'||e.key==='ArrowUp'){current=Math.max(current-1,0);activate(list[current]);e.preventDefault();}
    else if(e.key==='Enter'&&current>=0){activate(list[current]);}
  });
  filter();
})();
"""


def _verdict_class(finding) -> str:
    if finding.severity in ("error", "warning"):
        return finding.severity
    return {"supported": "supported", "rounded": "rounded"}.get(finding.verdict, "notfound")


def _crop(evidence, cache: dict) -> str | None:
    """A PNG data URI of the page region around a PDF figure, or None."""
    key = (evidence.document, evidence.page, evidence.bbox)
    if key not in cache:
        png = crop_png(evidence.document, evidence.page, evidence.bbox)
        cache[key] = "data:image/png;base64," + base64.b64encode(png).decode("ascii") if png else None
    return cache[key]


def _document_html(result, marks: dict[int, tuple[str, str]], index: int) -> str:
    """The digest's lines, each claim wrapped in a <mark> (escaped text only)."""
    document = result.document
    by_line: dict[int, list] = {}
    for claim in result.claims:
        by_line.setdefault(claim.line, []).append(claim)
    out = [f'<section class="doc"><h2>{escape(document.name)}</h2>']
    for number in range(1, len(document.line_starts) + 1):
        text = document.line_text(number)
        start = document.line_starts[number - 1]
        pieces, cursor = [], 0
        for claim in sorted(by_line.get(number, []), key=lambda c: c.quantity.start):
            s, e = claim.quantity.start - start, claim.quantity.end - start
            if s < cursor or e > len(text):
                continue
            pieces.append(escape(text[cursor:s]))
            css, finding_id = marks.get(id(claim), ("", ""))
            attrs = f' id="m{index}-{claim.quantity.start}"'
            if finding_id:
                attrs += f' data-finding="{finding_id}"'
            title = escape(f"{claim.kind} {claim.metric or ''} {claim.subject or ''}".strip(), quote=True)
            pieces.append(f'<mark class="claim {css}"{attrs} title="{title}">{escape(text[s:e])}</mark>')
            cursor = e
        pieces.append(escape(text[cursor:]))
        out.append(f'<div class="line"><span class="ln">{number}</span>{"".join(pieces)}</div>')
    out.append("</section>")
    return "\n".join(out)


def render_html(results) -> str:
    crops: dict = {}
    marks: dict[int, tuple[str, str]] = {}
    panels: list[tuple[tuple, str]] = []
    counts = {"error": 0, "warning": 0, "info": 0}
    rules = set()
    for d, result in enumerate(results):
        for k, f in enumerate(result.findings):
            finding_id = f"f{d}-{k}"
            counts[f.severity] = counts.get(f.severity, 0) + 1
            rules.add(f.rule)
            previous = marks.get(id(f.claim))
            rank = {"error": 3, "warning": 2}.get(f.severity, 1)
            if previous is None or rank > {"error": 3, "warning": 2}.get(previous[0], 1):
                marks[id(f.claim)] = (_verdict_class(f), finding_id)
            evidence = []
            for e in f.evidence:
                place = (f"page {e.page}, " if e.page else "") + f"line {e.line}"
                item = (f"<li><b>{escape(e.text)}</b> ({escape(place)} of {escape(str(e.document))})"
                        + (f" — {escape(e.note)}" if e.note else ""))
                uri = _crop(e, crops)
                if uri:
                    item += f'<img alt="{escape(place, quote=True)}" src="{uri}">'
                evidence.append(item + "</li>")
            expected = "" if f.expected is None else f"<div>computed or source value: <b>{escape(f'{f.expected:g}')}</b></div>"
            if f.fix is not None:
                expected += (f"<div>fix: <code>{escape(f.fix.old)}</code> &rarr; <code>{escape(f.fix.new)}</code> "
                             f"({'safe: --fix applies it' if f.fix.safe else 'review before applying'})</div>")
            order = ({"error": 0, "warning": 1}.get(f.severity, 2), d, f.claim.line, f.claim.column)
            panels.append((order,
                f'<article class="finding {escape(f.severity)}" id="{finding_id}" data-rule="{escape(f.rule)}" '
                f'data-severity="{escape(f.severity)}" data-mark="m{d}-{f.claim.quantity.start}" '
                f'data-fingerprint="{fingerprint(f, result.sentence_of(f.claim))}">'
                f'<div class="head"><span class="code">{escape(f.rule)}</span> {escape(f.name)} · {escape(f.severity)} · '
                f'line {f.claim.line}: <b>{escape(f.claim.text)}</b></div>'
                f'<div class="message">{escape(f.message)}</div>'
                f'<div class="evidence">{expected}<ul>{"".join(evidence) or "<li>no further evidence</li>"}</ul></div>'
                f'</article>'))
    panels = [html for _, html in sorted(panels, key=lambda p: p[0])]  # errors first, then warnings
    documents = "\n".join(_document_html(r, marks, d) for d, r in enumerate(results))
    claims = sum(len(r.claims) for r in results)
    rule_boxes = "".join(f'<label><input type="checkbox" checked data-rule="{escape(r)}"> {escape(r)}</label>'
                         for r in sorted(rules))
    level_boxes = "".join(f'<label><input type="checkbox" checked data-severity="{s}"> {s}</label>'
                          for s in ("error", "warning", "info"))
    digest = base64.b64encode(hashlib.sha256(_SCRIPT.encode()).digest()).decode()
    policy = (f"default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; "
              "base-uri 'none'; form-action 'none'")
    title = "claimcheck report: " + ", ".join(r.document.name.replace("\\", "/").rsplit("/", 1)[-1] for r in results)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title><style>{_STYLE}</style></head>
<body><header><h1>{escape(title)}</h1>
<div class="counts"><span id="count-claims">{claims} claims</span><span>{counts['error']} errors</span>
<span>{counts['warning']} warnings</span><span>{counts['info']} notes</span>
<span><kbd>j</kbd>/<kbd>k</kbd> next/previous finding, click a highlight to open it</span></div>
<div class="filters">{rule_boxes} | {level_boxes}</div></header>
<main><div>{documents}</div><div id="findings">{''.join(panels) or '<p>No findings.</p>'}</div></main>
<script>{_SCRIPT}</script></body></html>
"""
