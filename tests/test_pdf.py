"""PDF ingestion on the real papers in ../shared/corpus/papers (skipped where it is absent)."""
from __future__ import annotations

import re

import pytest

from claimcheck.extract.claims import extract_claims
from claimcheck.ingest.pdf import read_pdf
from claimcheck.ingest.text import InputError


@pytest.fixture(scope="module")
def papers():
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "papers"
    if not root.is_dir():
        pytest.skip("../shared is not beside this checkout")
    return root


@pytest.fixture(scope="module", params=["pdfium", "pdfplumber"])
def pi2nli(request, papers):
    return read_pdf(papers / "pi2nli" / "paper.pdf", request.param)


def page_text(document, page):
    end = document.page_starts[page] if page < len(document.page_starts) else len(document.text)
    return document.text[document.page_starts[page - 1]:end]


def test_two_column_reading_order(pi2nli):
    # PI2NLI page 1: the left column's abstract runs on into its last line, then section 1 starts
    first = page_text(pi2nli, 1)
    assert first.index("Abstract") < first.index("limitations of current PI benchmarks") < first.index("1 Introduction")
    assert "In\naddition, our findings provide insights into the\nlimitations" in first


def test_footnote_marker_is_split_from_what_it_touches(pi2nli):
    # 'benchmarks.' followed by a raised 7-pt '1': every library reads 'benchmarks.1'
    assert "benchmarks.\u00b9" in page_text(pi2nli, 1)
    assert "benchmarks.1" not in pi2nli.text


def test_line_end_hyphens_are_joined(pi2nli):
    assert "natural language inference" in pi2nli.text.replace("\n", " ")
    assert "\ufffe" not in pi2nli.text and "lan-\nguage" not in pi2nli.text


def test_claims_keep_page_line_and_box(pi2nli):
    claims = extract_claims(pi2nli)
    assert claims and all(c.page and c.line and c.bbox for c in claims)
    for c in claims[:20]:
        x0, top, x1, bottom = c.bbox
        assert 0 <= x0 < x1 <= 612 and 0 <= top < bottom <= 842
        assert c.text.replace("\u2212", "-") in pi2nli.text


def test_both_backends_give_the_same_claims(papers):
    for name, floor in (("pi2nli", 0.95), ("maye", 0.8)):  # measured: 108 of 110 and 18 of 21 shared
        path = papers / name / "paper.pdf"
        # the same figures (value, kind, page): the two differ only in spacing ("52.03 ±1.44")
        a = {(c.page, round(c.value, 6), c.kind) for c in extract_claims(read_pdf(path, "pdfium"))}
        b = {(c.page, round(c.value, 6), c.kind) for c in extract_claims(read_pdf(path, "pdfplumber"))}
        assert a and len(a & b) / len(a | b) >= floor, (name, sorted(a ^ b))


def test_page_numbers_are_kept_out_of_the_prose(papers):
    document = read_pdf(papers / "maye" / "paper.pdf")
    assert len(document.page_starts) == 23
    numbered = 0
    for page in range(1, 24):
        text = page_text(document, page)
        last = list(re.finditer(r"[^\n]+", text))[-1]
        if re.fullmatch(r"\s*\d{1,3}\s*", last.group()):
            numbered += 1
            offset = document.page_starts[page - 1] + last.start() + len(last.group()) - len(last.group().lstrip())
            assert document.in_code(offset), (page, last.group())
    assert numbered >= 20
    claims = extract_claims(document)
    assert not [c for c in claims if document.in_code(c.quantity.start)]


def test_bad_pdfs_are_input_errors(tmp_path):
    fake = tmp_path / "x.pdf"
    fake.write_text("not a pdf")
    with pytest.raises(InputError, match="not a PDF"):
        read_pdf(fake)
    broken = tmp_path / "y.pdf"
    broken.write_bytes(b"%PDF-1.7\n%broken")
    with pytest.raises(InputError, match="cannot read"):
        read_pdf(broken)


def test_table_cell_links_to_its_row_and_column_headers(pi2nli):
    # PI2NLI page 4, Table 2 (booktabs, no vertical rules, backbones as multirow group labels):
    # pi2nli (ours) on PIT and on PARADE, under the RoBERTa-nli backbone
    cells = {(c.table, c.text.replace(" ", "")): c for c in pi2nli.cells}
    pit = cells[(2, "83.64±1.44")]
    labels = dict(pit.labels)
    assert (labels["Method"], pit.headers) == ("pi2nli (ours)", ("PIT",))
    assert labels["Backbone"].replace(" ", "") == "RoBERTanli"
    assert pi2nli.locate(pit.start).page == 4
    parade = cells[(2, "75.04±0.85")]
    assert (dict(parade.labels)["Method"], parade.headers) == ("pi2nli (ours)", ("PARADE",))
    # the same method under the other backbone is another row
    xlnet = cells[(2, "82.07±1.31")]
    assert (dict(xlnet.labels)["Method"], dict(xlnet.labels)["Backbone"].replace(" ", "")) == ("pi2nli (ours)", "XLNetnli")
    # "PAWS QQP" and "PAWS Wiki" are two columns; a row without a backbone ("−") has none
    assert cells[(2, "88.67±1.84")].headers == ("PAWS QQP",) and cells[(2, "93.87±0.18")].headers == ("PAWS Wiki",)
    assert dict(cells[(2, "27.18")].labels) == {"Backbone": "", "Method": "Random"}
    # "89.30 − 93.30": an empty cell between two figures is not a range
    assert cells[(2, "89.30")].headers == ("MSRP",) and cells[(2, "93.30")].headers == ("PAWS Wiki",)


def test_small_standard_deviations_are_not_footnote_marks(pi2nli):
    assert "52.03\u00b11.44" in pi2nli.text.replace(" \u00b1", "\u00b1")
    assert "1.\u2074\u2074" not in pi2nli.text


@pytest.mark.parametrize("backend", ["pdfium", "pdfplumber"])
def test_table_claims_carry_the_cell_frames(papers, backend):
    document = read_pdf(papers / "pi2nli" / "paper.pdf", backend)
    claims = [c for c in extract_claims(document) if c.text.startswith("83.64") and c.page == 4 and c.line < 30]
    assert claims and claims[0].subject == "pi2nli"  # "(ours)" is not the name
    assert (claims[0].dataset, claims[0].metric) == ("PIT", "f1")  # the caption: "F1 scores (%)"
    assert "backbone:robertanli" in claims[0].setting
    wiki = [c for c in extract_claims(document) if c.text.startswith("93.87") and c.page == 4]
    assert wiki and wiki[0].dataset == "PAWS Wiki"


@pytest.mark.parametrize("backend", ["pdfium", "pdfplumber"])
def test_maye_results_table_frames_methods_in_the_header(papers, backend):
    # MAYE Table 3 (page 10): Dataset / Model / Generation Config label columns, methods and
    # statistics in a two-level header under "Validation Set" and "Test Set", "-" empty cells
    document = read_pdf(papers / "maye" / "paper.pdf", backend)
    cells = [c for c in extract_claims(document) if c.page == 10 and document.cell_at(c.quantity.start)]
    frame = {(c.text, c.subject, c.dataset, tuple(sorted(c.setting))) for c in cells}
    assert ("66.0", "SFT", "mm_math5k", ("model:qwen2.5vlinstruct7b", "pass@k:pass@8", "split:validation",
                                         "statistic:max", "temperature:1")) in frame
    assert ("64.8", "RL", "mm_math5k", ("model:qwen2.5vlinstruct7b", "pass@k:pass@8", "split:validation",
                                        "statistic:mean", "temperature:1")) in frame
    assert ("34.3", "RL", "geometry3k", ("model:qwen2vlinstruct7b", "pass@k:pass@1", "split:test",
                                         "statistic:max", "temperature:0.6")) in frame
    assert all(c.metric == "accuracy" for c in cells)  # from the caption
    assert len(cells) == 96  # 12 rows of 10, less 24 empty cells in geometry3k's SFT columns


@pytest.mark.parametrize("backend", ["pdfium", "pdfplumber"])
def test_a_raised_footnote_digit_glued_to_a_number_is_split(tmp_path, backend):
    from pdf_maker import make_pdf
    path = tmp_path / "marker.pdf"
    # "Kite scores 91.20" at 10 pt, then a raised 6-pt "2" right after it, as LaTeX sets \footnote
    make_pdf(path, [(72, 700, 10, "Kite scores 91.20"), (147.3, 704, 6, "2"), (160, 700, 10, "F1 on the test set.")])
    document = read_pdf(path, backend)
    assert "91.20\u00b2" in document.text and "91.202" not in document.text
    (claim,) = [c for c in extract_claims(document) if c.text.startswith("91")]
    assert claim.value == 91.2 and claim.quantity.decimals == 2 and claim.metric == "f1"
    assert claim.page == 1 and claim.bbox[0] >= 72 - 1 and claim.bbox[1] < 100


@pytest.mark.parametrize("backend", ["pdfium", "pdfplumber"])
def test_line_end_hyphen_joins_a_word_but_not_a_name(tmp_path, backend):
    from pdf_maker import make_pdf
    path = tmp_path / "hyphen.pdf"
    make_pdf(path, [(72, 700, 10, "Our evalua-"), (72, 688, 10, "tion uses the Mixtral-"), (72, 676, 10, "Instruct model.")])
    text = read_pdf(path, backend).text.replace("\n", " ")
    assert "evaluation uses" in text and "Mixtral-" in text


def _cells_of(tmp_path, backend, lines) -> dict:
    """The table cells of a one-page PDF set from (x, y, size, text) lines, by their text."""
    from pdf_maker import make_pdf
    path = tmp_path / "table.pdf"
    make_pdf(path, lines)
    return {c.text.strip(): c for c in read_pdf(path, backend).cells}


@pytest.mark.parametrize("backend", ["pdfium", "pdfplumber"])
def test_a_table_captioned_without_a_colon_with_a_name_wrapped_in_its_header(tmp_path, backend):
    # 'Table 2 Comparison ...' (no colon after the number), and a column header broken at a
    # hyphen across two lines ('Heron-' over '7B-RL') beside a two-level one ('Vendor' over 'kite-mini')
    cells = _cells_of(tmp_path, backend, [
        (72, 720, 10, "Benchmark"), (200, 720, 10, "Vendor"), (300, 720, 10, "Heron-"),
        (200, 708, 10, "kite-mini"), (300, 708, 10, "7B-RL"),
        (72, 690, 10, "ARC-Hard (Acc)"), (205, 690, 10, "60.0"), (305, 690, 10, "54.4"),
        (72, 676, 10, "MBPP (Pass@1)"), (205, 676, 10, "71.2"), (305, 676, 10, "66.9"),
        (72, 656, 10, "Table 2 Comparison between Heron-7B-RL and other models."),
    ])
    assert {"60.0", "54.4", "71.2", "66.9"} <= set(cells)
    assert cells["54.4"].headers == ("Heron-7B-RL",) and cells["60.0"].headers[-1] == "kite-mini"
    assert cells["54.4"].labels[0][1] == "ARC-Hard (Acc)" and cells["54.4"].caption.startswith("Table 2")


@pytest.mark.parametrize("backend", ["pdfium", "pdfplumber"])
def test_a_table_captioned_with_a_bar_whose_header_names_some_columns_on_a_line_of_their_own(tmp_path, backend):
    # 'Table 3 | ...' (a bar after the number); names over two lines ('Wren' over '13B') beside
    # one set between those lines ('Lark-XL'): the top line's last name does not reach the
    # column the lone name heads, nor does the lone name head the others
    cells = _cells_of(tmp_path, backend, [
        (200, 722, 10, "Wren"), (280, 722, 10, "Finch"), (360, 716, 10, "Lark-XL"),
        (203, 710, 10, "13B"), (283, 710, 10, "70B"),
        (72, 690, 10, "MBPP (Pass@1)"), (203, 690, 10, "57.4"), (283, 690, 10, "64.2"), (366, 690, 10, "66.6"),
        (72, 676, 10, "GSM8K (EM)"), (203, 676, 10, "63.4"), (283, 676, 10, "80.3"), (366, 676, 10, "79.2"),
        (72, 656, 10, "Table 3 | Comparison among Lark-XL and other open models of about its size."),
    ])
    assert {"57.4", "64.2", "66.6", "79.2"} <= set(cells)
    assert cells["66.6"].headers == ("Lark-XL",)
    assert cells["64.2"].headers == ("Finch", "70B") and cells["57.4"].headers == ("Wren", "13B")
    assert cells["79.2"].caption.startswith("Table 3")


@pytest.mark.parametrize("backend", ["pdfium", "pdfplumber"])
def test_a_header_of_short_codes_and_a_group_label_that_runs_into_the_figures(tmp_path, backend):
    # a header row of language codes (lower case, many, short: not a line of prose), then a group
    # label set across the label column and a little into the figures ('Baselines (Prior Work)')
    codes = ["ar", "bn", "en", "es", "fa", "fi", "fr", "hi", "id", "ja"]
    header = [(72, 720, 9, "Model"), (150, 720, 9, "Avg")] + [(180 + 30 * i, 720, 9, c) for i, c in enumerate(codes)]
    group = [(72, 708, 9, "Baselines (Prior Work)")]
    rows = []
    for k, (name, base) in enumerate((("BM25", 31.9), ("mDPR", 41.8))):
        y = 696 - 12 * k
        rows += [(72, y, 9, name), (150, y, 9, f"{base:.1f}")] + [(180 + 30 * i, y, 9, f"{base + 1 + i:.1f}") for i in range(10)]
    cells = _cells_of(tmp_path, backend, header + group + rows + [
        (72, 660, 9, "Table 2: Retrieval by language on the dev set (nDCG@10), for all ten languages and the average.")])
    assert cells["31.9"].headers == ("Avg",) and cells["34.9"].headers == ("en",)  # 31.9 + 1 + 2
    assert cells["41.8"].labels[0][1] == "mDPR"


@pytest.mark.parametrize("backend", ["pdfium", "pdfplumber"])
def test_a_row_label_with_capitals_and_descenders_stays_in_its_row_on_a_page_of_short_words(tmp_path, backend):
    # glyph boxes are tight: on a page whose words are mostly short lower-case ones ('a', 'one',
    # 'rare'), a label such as 'Jelly-Pygmy' (capitals and descenders) is much taller than the
    # typical word, yet it is one line of its row, not a label wrapped over two lines
    prose = [(72, 780 - 12 * k, 10, " ".join(["a run on a new era was near noon or in a rare case"] * 2)) for k in range(6)]
    cells = _cells_of(tmp_path, backend, prose + [
        (72, 640, 10, "Model"), (220, 640, 10, "Score"), (300, 640, 10, "Rate"),
        (72, 624, 10, "Jelly-Pygmy Quip"), (225, 624, 10, "8.35"), (305, 624, 10, "16.6"),
        (72, 610, 10, "Gypsy Jpg Qpy"), (225, 610, 10, "8.97"), (305, 610, 10, "38.9"),
        (72, 590, 10, "Table 4 | Open-ended conversation evaluations."),
    ])
    assert {"8.35", "16.6", "8.97", "38.9"} <= set(cells)
    assert cells["8.35"].labels[0][1] == "Jelly-Pygmy Quip" and cells["38.9"].labels[0][1] == "Gypsy Jpg Qpy"
    assert cells["16.6"].headers == ("Rate",)


def test_figures_marked_with_the_asterisk_operator_are_read_in_a_pdf_table():
    # LaTeX sets a superscript * as U+2217 ('80.2∗': a figure the authors re-ran); the MiMo-7B
    # report's Table 1 marks most of its GSM8K row so, and the whole row had been lost
    from pathlib import Path
    report = Path(__file__).resolve().parent.parent / "data" / "checking" / "sources" / "mimo_7b_report" / \
        "MiMo-7B-Technical-Report.pdf"
    document = read_pdf(report)
    assert "80.2\u2217" in document.text
    row = {c.text: c for c in extract_claims(document) if c.page == 9 and c.dataset == "gsm8k"}
    assert set(row) == {"48.5", "70.2", "80.2", "75.2"}
    assert row["80.2"].subject == "Qwen2.5" and row["75.2"].subject == "MiMo-7B Base"


@pytest.mark.parametrize("backend", ["pdfium", "pdfplumber"])
def test_a_page_of_figures_and_signs_only_is_read(tmp_path, backend):
    # a page with no letter on it (a table's body, a plot's tick labels) beside a page of prose:
    # the size of its characters is taken from all of them, and the paper is read whole
    from pdf_maker import pdf_pages
    path = tmp_path / "figures_only.pdf"
    path.write_bytes(pdf_pages([[(72, 700, 10, "Kite scores 71.4 F1 on the test set.")],
                                [(72, 700, 9, "0.42 0.57 0.61"), (72, 688, 9, "1.25 (2.0) 3.5%")]]))
    document = read_pdf(path, backend)
    assert "71.4" in document.text and "0.57" in document.text and "3.5%" in document.text
