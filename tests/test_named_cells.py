"""The source cell a sentence names by its table's labels: names compared by letters and digits,
a column named by the words that set its header apart, a scale prefix allowed. Tables are our own."""
from __future__ import annotations

from functools import partial

from claimcheck.ingest.text import parse_text
from claimcheck.sources import Source
from claimcheck.verify.named_cells import Labelled, cell_figure, compact, named_by, named_phrases, phrases, table_cells

TABLE = """| Model | mAP<sup>val</sup> | mAP<sup>test</sup> | FLOPs (G) |
|---|---|---|---|
| [Tern-S](./cfg/s.py) | 40.5 | 40.6 | 26.8 |
| [Tern-L](./cfg/l.py) | 49.7 | 50.1 | 155.6 |
"""


def labelled() -> Labelled:
    document = parse_text(TABLE, "models.md")
    return Labelled.of(table_cells(Source("models.md", "text", document, ())))


def _flags(source, heading: str, sentence: str, rule: str = "", texts_only: bool = False) -> set:
    """(figure, expected) of each finding above info of a one-sentence digest checked against a
    source (its figures alone with `texts_only`; one rule's with `rule`)."""
    from claimcheck.api import check
    report = check(f"# {heading}\n\n{sentence}\n", sources=[str(source)])
    found = [f for f in report.finding_list if f.severity != "info" and (not rule or f.rule == rule)]
    return {f.claim.text for f in found} if texts_only else {(f.claim.text, f.expected) for f in found}


def test_names_compare_by_letters_and_digits():
    assert compact("3-bit RTN") == compact("3bit-RTN") == "3bitrtn"
    assert "llama13b" in phrases("On LLaMa-13B, RTN lands at 14.89")


def test_a_cell_holds_one_figure_or_none():
    assert cell_figure("**49.7**") == (49.7, 1)
    assert cell_figure("71.2 ± 0.4") == (71.2, 1)
    assert cell_figure("71.2 / 69.0") is None and cell_figure("—") is None


def test_the_row_label_and_the_words_that_set_a_column_apart_name_one_cell():
    found = named_by(phrases("Tern-L: 50.1 mAP on val"), [labelled()])
    assert [(c.row, c.column, c.value) for c in found] == [("Tern-L", "mAP val", 49.7)]


def test_a_word_every_header_shares_names_no_column():
    assert named_by(phrases("Tern-L: 50.1 mAP"), [labelled()]) == []


def test_a_header_unit_may_be_written_as_a_prefix():
    found = named_by(phrases("Tern-L needs 155.6 GFLOPs"), [labelled()])
    assert [(c.column, c.value) for c in found] == [("FLOPs (G)", 155.6)]


def test_the_column_must_be_named_where_the_figure_stands():
    sentence = phrases("Tern-L: 49.7 mAP on val, 155.6 GFLOPs")
    clause = phrases("155.6 GFLOPs")
    assert [c.column for c in named_by(sentence, [labelled()], clause)] == ["FLOPs (G)"]


FAMILY = """| Benchmark | Loom-9B-Base | Loom-9B-SFT | Loom-9B-RL | Loom-9B-RL-Zero |
|---|---|---|---|---|
| MATH-500 | 41.2 | 70.3 | 88.0 | 80.9 |
"""


def family() -> Labelled:
    document = parse_text(FAMILY, "family.md")
    return Labelled.of(table_cells(Source("family.md", "text", document, ())))


def test_a_label_is_named_by_its_short_form_before_a_system_noun():
    words = named_phrases("MATH-500 climbs from the base model to the RL checkpoint", [family()])
    assert sorted(c.column for c in named_by(words, [family()])) == ["Loom-9B-Base", "Loom-9B-RL"]


def test_a_short_form_two_labels_share_names_neither():
    # 'rl' is the whole rest of Loom-9B-RL only; 'RL-Zero' names the other label, never both
    words = named_phrases("the RL-Zero model on MATH-500", [family()])
    assert [c.column for c in named_by(words, [family()])] == ["Loom-9B-RL-Zero"]


def test_a_short_form_without_a_system_noun_names_nothing():
    words = named_phrases("MATH-500 results look solid where RL is used", [family()])
    assert named_by(words, [family()]) == []


def test_of_several_named_cells_the_one_whose_row_stands_beside_the_figure_is_meant(tmp_path):
    # a wide results file (a row per task, a column per system); the sentence names two tasks, each
    # with its figure in parentheses: each figure is the cell of the task written right before it
    from claimcheck.api import check
    results = tmp_path / "summary.csv"
    results.write_text("task,gannet,heron\nchurn,0.931204,0.9011\nfraud,0.880977,0.8702\nspam,0.7512,0.7733\n",
                       encoding="utf-8")
    digest = tmp_path / "note.md"
    template = "# Gannet on tabular tasks\n\nGannet's two clear wins are churn ({churn}) and fraud ({fraud}).\n"

    def slips(churn: str, fraud: str) -> set:
        digest.write_text(template.format(churn=churn, fraud=fraud), encoding="utf-8")
        report = check(digest, sources=[str(results)])
        return {(f.claim.text, f.expected) for f in report.finding_list if f.severity != "info"}

    assert slips("0.9312", "0.8810") == set()
    assert ("0.9321", 0.931204) in slips("0.9321", "0.8810")  # two digits swapped, flagged with the cell's figure


def test_a_row_named_only_after_a_comparison_is_the_other_side_not_the_figures_row(tmp_path):
    # 'A's score of N is M points above the B model': B is what N is set against, so B's cell
    # says nothing of N; where B is named before the figure, its cell is N's frame
    zoo = tmp_path / "ZOO.md"
    zoo.write_text("| Backbone | ChartQA | DocVQA |\n|---|---|---|\n| Wren-7B | 40.2 | 61.0 |\n"
                   "| Wren-13B | 44.9 | 63.5 |\n| Osprey-34B | 58.8 | 71.4 |\n", encoding="utf-8")

    flagged = partial(_flags, zoo, "Zoo notes")

    assert not any(text == "58.8" for text, _ in flagged(
        "The big one is different: its ChartQA of 58.8 sits well above the Wren-13B variant."))
    assert ("58.8", 44.9) in flagged("On ChartQA the Wren-13B variant reaches 58.8.")


def test_a_row_is_named_without_the_prefix_every_row_of_its_table_shares(tmp_path):
    # rows 'arcade_...' of a results file: a sentence writes the game, never the namespace
    results = tmp_path / "scores.csv"
    results.write_text("game,human_player,agent_v2\narcade_river_raid,17118.0,20512.3\n"
                       "arcade_ms_pacman,6951.6,3861.0\narcade_road_runner,7845.0,54261.0\narcade_pong,9.3,20.9\n",
                       encoding="utf-8")

    flagged = partial(_flags, results, "Arcade notes")

    assert ("6591.6", 6951.6) in flagged("On Ms. Pac-Man the agent is far from the human player's 6591.6.")
    assert flagged("On Ms. Pac-Man the agent is far from the human player's 6951.6.") == set()
    from claimcheck.verify import named_cells
    assert named_cells._unprefixed({"arcade_pong", "arcade_ms_pacman", "arcade_road_runner"}) == {
        "mspacman": "arcademspacman", "roadrunner": "arcaderoadrunner"}  # 'pong' alone is too short to stand as a name


SERVICES = """| Service | Clean | Noisy | Average |
|---|---|---|---|
| Brindle Transcribe | 4.1% | 9.6% | 6.9% |
| Corvid Speech API | 5.2% | 11.3% | 8.3% |
| Corvid Speech API Pro | 4.4% | 8.8% | 6.6% |
"""


def services() -> Labelled:
    document = parse_text(SERVICES, "services.md")
    return Labelled.of(table_cells(Source("services.md", "text", document, ())))


def test_a_name_that_begins_one_row_label_only_names_that_row():
    # a product named by its maker: 'Brindle' begins one label of the table, 'Corvid' two
    words = named_phrases("On the noisy set Brindle lands at 9.6%", [services()])
    assert [(c.row, c.value) for c in named_by(words, [services()])] == [("Brindle Transcribe", 9.6)]
    assert named_by(named_phrases("On the noisy set Corvid lands at 11.3%", [services()]), [services()]) == []


def test_a_leading_word_written_in_lower_case_in_running_text_names_no_row():
    # 'brindle' as a plain word is no name; 'corvid speech api' is another row's whole label
    assert named_by(named_phrases("a brindle noisy cat at 9.6%", [services()]), [services()]) == []
    from claimcheck.verify import named_cells
    assert named_cells._heads({"Corvid Speech API", "Corvid Speech API Pro", "Brindle Transcribe"}) == {
        "brindle": "brindletranscribe"}


def test_a_copying_slip_is_found_in_the_row_a_maker_name_points_to(tmp_path):
    table = tmp_path / "README.md"
    table.write_text("# Speech services\n\n" + SERVICES, encoding="utf-8")

    flagged = partial(_flags, table, "Speech notes")

    assert ("9.9%", 9.6) in flagged("On the noisy set, Brindle sits at 9.9%.")
    assert flagged("On the noisy set, Brindle sits at 9.6%.") == set()


RUNS = ("| corpus | arc | copa | piqa |\n|---|---|---|---|\n"
        "| heron_base | 0.41 | 0.75 | 0.66 |\n| kestrel_web | 0.39 | 0.78 | 0.64 |\n| wren_books | 0.36 | 0.71 | 0.61 |\n")


def test_a_copying_slip_is_looked_for_on_the_figures_own_side_of_a_comparison(tmp_path):
    # '0.75 for A versus 0.78 for B': B's figure is not A's row miscopied, whatever row B's name reads as
    runs = tmp_path / "runs.md"
    runs.write_text(RUNS, encoding="utf-8")

    flagged = partial(_flags, runs, "Corpus notes")

    assert flagged("On copa the gap is small: 0.75 for Heron Base versus 0.78 for the web crawl.") == set()
    assert flagged("On copa the gap is small: 0.75 for Heron Base versus 0.73 for the web crawl.") == set()
    # the figure's own side names the row: the slip is found there
    assert ("0.57", 0.75) in flagged("On copa the gap is small: 0.78 for the web crawl versus 0.57 for Heron Base.")


def test_a_row_named_after_a_multiple_of_it_is_the_other_side(tmp_path):
    # 'reaches 212 GFLOPs, about 20x the small model's': the small model's cell is the base of the
    # multiple, not the frame of 212
    zoo = tmp_path / "ZOO.md"
    zoo.write_text("| Model | AP | GFLOPs |\n|---|---|---|\n| Lark-S | 42.8 | 11 |\n| Lark-M | 49.5 | 57 |\n"
                   "| Lark-X | 55.9 | 212 |\n", encoding="utf-8")

    flagged = partial(_flags, zoo, "Zoo notes", rule="CC201")

    assert not any(text == "212" for text, _ in flagged("The top of the range climbs to 212 GFLOPs, about 19x the Lark-S budget."))
    assert not any(text == "212" for text, _ in flagged("The top of the range climbs to 212 GFLOPs, twice the Lark-M budget and more."))
    assert ("212", 11) in flagged("Lark-S climbs to 212 GFLOPs.")


def test_an_approximate_figure_far_from_its_named_cell_is_no_copy_of_another(tmp_path):
    # 'about 16%' far from the named cell (97.5) and near some other cell by chance is another
    # quantity the sentence gives, not a figure copied from the wrong cell; a figure written to its
    # digits that stands in another cell of the table is
    table = tmp_path / "metrics.md"
    table.write_text("| Model | Valid | Unique | Novelty |\n|---|---|---|---|\n| Finch | 0.975 | 0.999 | 0.842 |\n"
                     "| Train | 1.0 | 1.0 | 0.16 |\n", encoding="utf-8")

    flagged = partial(_flags, table, "Metrics", rule="CC201")

    assert flagged("About Finch's valid molecules: about 16% of them already sit in the training set.") == set()
    assert ("0.842", 0.975) in flagged("Finch's share of valid molecules is 0.842.")


def test_a_label_written_only_inside_a_longer_one_is_not_named_on_its_own():
    from claimcheck.verify.named_cells import named_on_their_own
    document = parse_text("| Model | Novelty |\n|---|---|\n| VAE | 0.69 |\n| JTN-VAE | 0.91 |\n| CharRNN | 0.84 |\n", "t.md")
    cells = table_cells(Source("t.md", "text", document, ()))
    rows = lambda text: sorted(c.row for c in named_on_their_own(cells, text))  # noqa: E731
    assert rows("JTN-VAE keeps novelty above CharRNN") == ["CharRNN", "JTN-VAE"]
    assert rows("JTN-VAE and the plain VAE") == ["CharRNN", "JTN-VAE", "VAE"]
    # a longer label not written out (named by a short form elsewhere) hides nothing
    assert "VAE" in rows("the VAE against the junction-tree model")


def test_a_possessive_is_no_part_of_the_name_before_it():
    assert "ternlite" in phrases("Tern-Lite's 30.89 dB") and "ternlites" not in phrases("Tern-Lite's 30.89 dB")
    assert "ternlites" in phrases("the Tern-LiteS build")


def test_a_figure_whose_sentence_names_its_system_before_it_is_not_another_systems(tmp_path):
    # an owner carried in from an earlier sentence loses to the name this sentence writes before
    # the figure; a figure the sentence gives its own system, that the source gives another, is a slip
    board = tmp_path / "board.csv"
    board.write_text("entry,psnr,mos\nKite,29.10,3.502\nLoom,30.41,3.614\nMarl,28.77,3.636\n", encoding="utf-8")

    flagged = partial(_flags, board, "Rated entries", rule="CC201", texts_only=True)

    assert "3.614" not in flagged("Marl leads the human ratings with a MOS of 3.636. "
                                  "Loom, third on MOS at 3.614, keeps a PSNR of 30.41 dB.")
    assert "3.614" in flagged("Marl leads the human ratings. Kite posts a MOS of 3.614 on the board.")
