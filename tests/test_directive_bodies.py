"""A MyST directive whose body is Markdown (a captioned table, an admonition) is part of the page:
its table is read as a table and its prose as prose; directives holding code or maths stay code.
The pages are written for these tests, in the shapes Jupyter Book and Sphinx sites use."""
from __future__ import annotations

from claimcheck.ingest.text import parse_text
from test_table_structure import extractor, read  # noqa: F401  (the fixture and reader the table tests share)

CAPTIONED = """## Serving cost

```{table} Decoder throughput on one L4
:name: decoder-throughput
:align: center
Runtime | Tokens/s | Memory (GB)
:-------|---------:|-----------:
FastGen | 812 | 14.2
BaseServe | 455 | 17.9
```
"""


def test_a_table_directive_is_read_as_a_table_with_its_argument_as_caption():
    document = parse_text(CAPTIONED, "t.md")
    cell = next(c for c in document.cells if c.text == "812")
    assert cell.headers == ("Tokens/s",)
    assert dict(cell.labels)["Runtime"] == "FastGen"
    assert cell.caption == "Decoder throughput on one L4"
    # the option lines stay code: their words are not the table's
    assert document.in_code(CAPTIONED.index(":align:"))
    assert not any(c.text == "center" for c in document.cells)


def test_the_figures_of_a_table_directive_are_claims(extractor):
    claims, _ = read(extractor, CAPTIONED)
    assert {text for _, text in claims} >= {"812", "455", "14.2", "17.9"}


ADMONITION = """The new allocator shipped this week.

```{note}
Peak memory fell from 9.4 GB to 6.1 GB on the nightly benchmark.
```
"""


def test_an_admonition_body_is_prose():
    document = parse_text(ADMONITION, "t.md")
    assert not document.in_code(ADMONITION.index("9.4 GB"))
    assert document.in_code(ADMONITION.index("{note}"))


def test_code_and_maths_directives_stay_code():
    for tag in ("{code-cell} python", "{math}", "{code-block} bash", "{eval-rst}"):
        text = f"Intro.\n\n```{tag}\nbatch = 64\nloss = 0.31 * x\n```\n"
        document = parse_text(text, "t.md")
        assert document.in_code(text.index("0.31")), tag
        assert document.printed == ()


def test_a_directive_with_only_options_has_no_body():
    text = "```{table}\n:name: empty\n```\nAfter: 3.5 s\n"
    document = parse_text(text, "t.md")
    assert document.cells == ()
    assert document.in_code(text.index(":name:"))
