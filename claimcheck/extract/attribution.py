"""Whose figure a number is, from the structure of the writing rather than from a list of names.

The relations read, in order of precedence:
- "X (N)", "X (FID 12.4)": the name before a parenthesis owns the figures inside it;
- "(X: N)", "(X 88.3)": a name opening a parenthesis owns the figure that follows;
- "X's N", "X's mean is N": a possessive owns the figure its clause states;
- "N for X", "the 2.1B seen by X", "$0.20 charged for X": a name after the figure;
- "X at N": a name right before "at";
- "The 7B X": a size right before a name is that name's;
- "N vs M" after "S <compares with> T": N is S's, M is T's;
- "X scores N", "X trails Y by N": the clause's actor;
- a list item or thread post led by a name ("1. **MuonX** trains ..."), "it / the model / our
  method" (the section's or the document's method), a heading that names a method, the
  document's own method (its title, an "(ours)" row, the name its sentences are about).

A figure owned by another name than the sentence's main subject is a compared method's
figure (role "baseline"). Margins, ratios and changes get the thing they are measured
against ("over vLLM", "than vanilla speculative sampling", "that of SGLang") as `baseline`.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ..lexicon import load_json, phrase_alternation
from ..model import Document
from .scripts import spaced
from .spans import cut_spans, long_spans
from .vocabulary import Vocabulary, settings_in

# a token that can be (part of) a name: capitalised, camelCase, letters with digits
_TOKEN = re.compile(r"[A-Za-z0-9](?:" + spaced(r"[\w.+/-]") + r"|['’](?![sS]\b))*" + spaced(r"[\w+]") + r"|[A-Za-z0-9]")
_VARIANT_WORDS = frozenset("base large small medium mini tiny instruct chat pro turbo xl xxl lite plus max ultra "
                           "flash nano micro dense sparse distilled zero-shot fine-tuned".split())
# emphasis and code marks around a name; an underscore between letters or digits is part of it
_NAME_MARKUP = re.compile(r"[*`]|(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])")
# a name opens with a capital, camelCase, letters run into digits ('e5', 'qwen2'), or lower-case
# words joined by hyphens up to a digit ('gpt-4o-mini', 'text-embedding-3-large': model ids)
_NAME_START = re.compile(r"[A-Z]|[a-z]+[A-Z]|[a-z]+_?\d|[a-z]+_[a-z]+\d|\d+[A-Za-z]*[A-Z]|[a-z]{2,}+(?:-[a-z]++)*+-\d")
# a multiple right before a name: 'is 2.1x Wren's 30.2' compares with Wren's figure (bounded: linear)
_MULTIPLE_BEFORE = re.compile(r"(?<![\w.])\d{1,6}(?:\.\d{1,6})?\s?(?:[×x]|times)\s+(?:the\s+)?$")


@lru_cache(maxsize=1)
def _comparators() -> str:
    """The words that set a name against another (patterns/frames.json's comparison_words), with
    the phrases whose structure does: '3 points of', 'that of', 'the speed of'."""
    words = phrase_alternation(load_json("frames.json")["comparison_words"])
    return words + r"|(?:points?|pts|pp)\s+of|that\s+of|those\s+of|the\s+[a-z]+\s+of"


@lru_cache(maxsize=1)
def _comparator_at_end() -> re.Pattern:
    return re.compile(r"\b(?:" + _comparators() + r")\s+$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _comparator_anywhere() -> re.Pattern:
    return re.compile(r"\b(?:" + _comparators() + r")\s+", re.IGNORECASE)


# what joins the two figures of a pair; the first may carry a counted noun ("1,850 GPU-hours vs 2,400")
_PAIR = re.compile(r"(?:\s+[A-Za-z][\w-]*(?:-hours?|-days?|s))?\s*(?:vs\.?|versus|v\.|against|→|->|to)\s*$", re.IGNORECASE)
_CONJUNCTIONS = frozenset("although though whereas unlike".split())
# a name of hyphen-joined parts that starts with a capital ('Tern-3B-Base'); each part stops at a
# hyphen, so the pattern runs in linear time
_HYPHENATED_NAME = re.compile(r"(?<![\w-])[A-Z][\w.]*(?:-[\w.]+)+")
_NAME_WORD_BEFORE = re.compile(r"[A-Z][\w.+-]*[ \t]$")
_LOWERCASE_POSSESSOR = re.compile(r"(?<![\w-])(?P<name>[a-z][a-z\d]*+(?:-[a-z\d]++)+)(?:'s|’s)(?!\w)")
_OPENERS = frozenset("the a an this that these those it its our their we they in on at for with by from to of and "
                     "or but as if when while after before against versus vs both each all most some only also "
                     "compared relative overall however still even yet here there now today across over under "
                     "between among per via through during despite beyond since until upon within without about "
                     "around every".split())


@dataclass
class Owner:
    name: str
    how: str        # paren | in-paren | possessive | for | at | size | pair | actor | lead | default
    start: int = -1  # where the name stands (-1: not in the sentence)


@dataclass
class DocumentNames:
    """Names a document uses for systems, and its own method."""

    known: set[str] = field(default_factory=set)
    datasets: set[str] = field(default_factory=set)  # names the document uses as benchmarks, casefolded
    method: str = ""
    section_methods: dict[int, str] = field(default_factory=dict)  # section start -> method

    def known_re(self, ignore_case: bool = False) -> re.Pattern | None:
        if not self.known:
            return None
        names = sorted(self.known, key=len, reverse=True)
        return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])",
                          re.IGNORECASE if ignore_case else 0)


class Attributor:
    """Reads subjects and baselines for one document."""

    def __init__(self, vocabulary: Vocabulary, document: Document, text: str, table_subjects: set[str],
                 table_ours: set[str], figure_starts: frozenset[int] = frozenset(),
                 table_datasets: set[str] = frozenset()) -> None:
        self.v = vocabulary
        self.document = document
        self.text = text
        # names are collected from the prose: code blocks hold identifiers, not systems
        self._prose = cut_spans(text, long_spans(document.code)[0])[0]
        self.figure_starts = figure_starts  # a figure is never part of a name ("(WoTE 88.3)")
        self._hyphenated: frozenset[str] | None = None  # hyphenated names the prose writes, read once
        # capitalised words seen inside sentences: a plain capitalised word is a name only with
        # such evidence ('Sampling takes 0.9 s' opens a sentence; 'Gannet' recurs mid-sentence)
        self._capitalised = {m.group(1) for m in _MID_SENTENCE_CAPITAL.finditer(self._prose)}
        self._capitalised |= {s.subject for s in document.sections if s.subject}
        self._capitalised |= set(table_subjects)
        self.names = self._document_names(table_subjects, table_ours)
        self.names.datasets |= {d.casefold() for d in table_datasets}
        self._known_re = self.names.known_re()
        self._known_re_any_case = self.names.known_re(ignore_case=True)  # names after 'for', 'vs', 'than'

    # -- document level ---------------------------------------------------------------------

    def _document_names(self, table_subjects: set[str], ours: set[str]) -> DocumentNames:
        from ..ingest.text import heading_subject
        names = DocumentNames()
        # names used after "on" or "across" ("tested on mm_math5k and geometry3k") are benchmarks
        for m in _ON_NAMES.finditer(self._prose):
            if not _at_word_start(self._prose, m.start()):
                continue
            for name in re.split(r"\s*(?:,|\band\b|&)\s*", m.group("names")):
                name = re.sub(r"\s*\([^()]*\)", "", name).strip()
                if any(s.startswith("hardware:") for s in settings_in(name)):
                    continue  # "on A100", "on an RTX 4090": a device, not a benchmark
                if name and re.search(r"[\d_]|[a-z][A-Z]|^[A-Z]{2,}", name) and not self.v.is_name_like(name) is False:
                    names.datasets.add(name.casefold())
        names.known |= {n for n in table_subjects if self.is_name(n)}
        actors = Counter()
        for m in _LEAD.finditer(self._prose):
            name = self._clean_name(m.group("name") or m.group("name2") or m.group("name3"))
            if m.group("name") and _BOLD_CLAIM.search(name):
                continue  # a bold claim leads the item, not a name
            if name and self.is_name(name) and (m.group("name") or self.v.is_name_like(name)):
                names.known.add(name)
                actors[name] += 1
        for m in _ACTOR_ANYWHERE.finditer("\n" + self._prose):
            name = self._clean_name(m.group("name"))
            if name and self.is_name(name) and self.is_verb(m.group("verb")):
                names.known.add(name)
                actors[name] += 1
        for section in self.document.sections:
            subject = section.subject
            # "Introducing Heron-8B", "Meet Kite": a heading around a name used elsewhere is about that name
            inner = [n for n in _names_within(subject, names.known) if n != subject and len(n) > 2]
            if inner:
                subject = max(inner, key=len)
            words = subject.split()
            if re.fullmatch(r"v?\d+(?:\.\d+)+(?:[-.]\w+)?", subject, re.I):
                continue  # "## v2.3.0 (2025-02-05)": a release heading dates a section, it names no method
            # "## Lessons", "## Results": a plain word titles a section unless the text names it again
            plain_word = re.fullmatch(r"[A-Z][a-z]+", subject) is not None and subject not in names.known \
                and self.text.count(subject) <= 1
            if subject and self.is_name(subject) and not plain_word and (
                    self.v.is_name_like(subject) or all(w[:1].isupper() for w in words) or self.text.count(subject) > 1):
                names.known.add(subject)
                names.section_methods[section.start] = subject
            else:
                described = self._heading_description(section.title, names.known)
                if described:
                    names.section_methods[section.start] = described
        for m in _NAMED_PAPER.finditer(self._prose):
            if not _at_word_start(self._prose, m.start()):
                continue
            name = self._clean_name(m.group("name") or heading_subject(m.group("title") or ""))
            if name and self.is_name(name):
                names.known.add(name)
                actors[name] += 3
        for m in _ACRONYM_DEFINITION.finditer(self._prose):
            if _WORD_BEFORE_BRACKET.search(self._prose, max(0, m.start() - 60), m.start()):
                names.known.add(m.group("acronym"))
        # a lower-case name of hyphen-joined parts the document writes as an owner ("auto-sklearn's
        # 0.7574") is a system's: an English word or phrase seldom takes both a hyphen and a possessive
        # (not a variant closing a longer name: "Whisper large-v3's 12.1%" is Whisper large-v3's)
        for m in _LOWERCASE_POSSESSOR.finditer(self._prose):
            name = m.group("name")
            if name.lower() in self.v.not_names or name.lower() in self.v.names or _is_variant(name) or \
                    _NAME_WORD_BEFORE.search(self._prose, max(0, m.start() - 40), m.start()):
                continue
            names.known.add(name)
        if ours:
            names.method = sorted(ours)[0]
        elif actors:
            # names of one family ('Tidal', 'Tidal-1.4B', 'Tidal Attention') count together
            families = Counter()
            for name, count in actors.items():
                families[_family(name)] += count
            ranked = families.most_common(2)
            family, count = ranked[0]
            runner_up = ranked[1][1] if len(ranked) > 1 else 0
            best = max((n for n in actors if _family(n) == family), key=lambda n: (actors[n], len(n)))
            # the document's own method is the one it is about: named most, clearly ahead of the rest
            if count >= 2 and count > runner_up or len(actors) == 1 and len(self.document.sections) <= 1:
                names.method = best
        if not names.method and self.document.sections:
            first = self.document.sections[0]
            # a README titled with its project's name ('# quiver-rag') is about that project
            # when the text names it again (a table row, an install line)
            if first.start < 200 and first.subject and self.is_name(first.subject) and \
                    (self.v.is_name_like(first.subject) or first.subject in actors or len(re.findall(
                        r"(?<![\w-])" + re.escape(first.subject) + r"(?![\w-])", self.text)) >= 3):
                names.method = first.subject
        if not names.method:
            title = heading_subject(self.text.split("\n", 1)[0])
            if title and self.is_name(title) and self.v.is_name_like(title):
                names.method = title
        if not names.method:
            # '# quiver-rag' over a table row 'quiver-rag 0.4.2 (hybrid)': a project named in lower
            # case is the document's method when its own rows carry the name
            first_line = self.text.split("\n", 1)[0]
            m = re.fullmatch(r"#\s+([a-z][a-z0-9._-]{2,40})\s*", first_line)
            if m and any(n == m.group(1) or n.startswith(m.group(1) + " ") for n in table_subjects):
                names.method = m.group(1)
                names.known.add(m.group(1))
        names.known.discard("")
        return names

    def is_verb(self, word: str) -> bool:
        """A verb a system does ('scores', 'brings', 'halves', 'removed'): the known ones, or a
        third-person or past form that is not a plural noun the writing counts or names systems by."""
        word = word.lower()
        if word in self.v.system_verbs:
            return True
        if len(word) < 4 or word in self.v.system_nouns or word in self.v.names or word in _PLURAL_NOUNS:
            return False
        return word.endswith(("es", "ed")) or (word.endswith("s") and not word.endswith(("ss", "us", "is")))

    def is_name(self, text: str) -> bool:
        """A system's name: capitalised, camelCase or letters with digits; not a metric, benchmark or opener."""
        text = text.strip()
        if not text or len(text) > 60 or text.lower() in self.v.not_names or text.lower() in self.v.names:
            return False
        first = _TOKEN.match(text)
        if not first or first.group(0).lower() in _OPENERS:
            return False
        if re.fullmatch(r"[\d.,]+[%×xKMBT]?", text):
            return False
        words = text.split()
        if len(words) == 2 and words[0] in _reference_words() and re.fullmatch(r"[A-Z]?\d+[a-z]?", words[1]):
            return False  # 'Table 2', 'Figure 3': a pointer into the document, not a system
        if re.fullmatch(r"[A-Z][a-z]+", text) and text not in self._capitalised and _COMMON_NOUN.search(text):
            return False  # 'Sampling takes 0.9 s', 'Quality barely moved': a common noun opening a sentence
        return bool(_NAME_START.match(text)) or self._is_system_phrase(text)

    def is_system_phrase(self, text: str) -> bool:
        return self._is_system_phrase(text)

    def _is_system_phrase(self, text: str) -> bool:
        words = text.lower().split()
        return 1 <= len(words) <= 5 and words[-1] in self.v.system_nouns

    def _clean_name(self, name: str) -> str:
        # markup goes, an underscore inside a name stays: 'finix_s1_32b' is no emphasis
        name = _NAME_MARKUP.sub("", name).strip(" :,.;")
        name = re.sub(r"(?:'s|’s)$", "", name)
        # "Although Finch-2 holds ...": a function word capitalised by its place opens no name
        first, space, rest = name.partition(" ")
        while space and rest and first.lower() in _OPENERS | _CONJUNCTIONS:
            name = rest
            first, space, rest = name.partition(" ")
        return name

    def names_known(self) -> set[str]:
        return self.names.known if hasattr(self, "names") else set()

    def describe(self, description: str) -> str:
        """'the large model', 'the PQ variant': the one known name that has the description's words."""
        words = [w.casefold() for w in re.findall(r"[\w+.]+", description)
                 if w.lower() not in self.v.system_nouns and w.lower() not in _OPENERS]
        if not words:
            return ""
        matches = [n for n in self.names_known() if _has_words(n, words)]
        return matches[0] if len(matches) == 1 else ""

    def _heading_description(self, title: str, known: set[str]) -> str:
        """'## Base model against peers', '## The RL variant': a heading that opens by describing
        a system ('base' before a system noun) is about the one known name of that description."""
        words = re.findall(r"[\w+.]+", title)[:5]
        noun = next((k for k, w in enumerate(words) if w.lower() in self.v.system_nouns), None)
        if not noun or not words[noun].islower():
            return ""  # 'Rust Compiler Performance Triage': in a title-cased heading the noun may be a name's
        described = [w.casefold() for w in words[:noun] if w.lower() not in _OPENERS]
        if not described or len(described) > 2:
            return ""
        # the names the document knows, and every hyphenated name it writes ('starts from X-3B-Base'),
        # collected once per document
        if self._hyphenated is None:
            written = {m.group(0).rstrip(".") for m in _HYPHENATED_NAME.finditer(self._prose)}
            self._hyphenated = frozenset(n for n in written if self.v.is_name_like(n))
        matches = sorted(n for n in known | self._hyphenated if _has_words(n, described))
        # one name, or one with its spellings ('MiMo-7B-Base', 'MiMo-7B Base')
        if len({re.sub(r"[\s\-_]", "", n.casefold()) for n in matches}) != 1:
            return ""
        return max(matches, key=lambda n: (n in known, len(n)))

    def names_datasets(self) -> set[str]:
        return self.names.datasets if hasattr(self, "names") else set()

    def section_method(self, offset: int) -> str:
        section = self.document.section_at(offset)
        if section is not None and section.start in self.names.section_methods:
            return self.names.section_methods[section.start]
        return ""

    # -- names in text ----------------------------------------------------------------------

    def _system_phrase_before(self, end: int, floor: int) -> tuple[str, int] | None:
        """'the dense model', "last month's leader", 'full fine-tuning' ending at `end`."""
        window = self.text[max(floor, end - 60):end]
        words = list(re.finditer(r"[A-Za-z][\w'’-]*", window))
        if not words or words[-1].end() != len(window) or words[-1].group(0).lower() not in self.v.system_nouns:
            return None
        k = len(words) - 1
        while k > 0 and len(words) - k < 5:
            word = words[k - 1].group(0)
            lowered = word.lower()
            if window[words[k - 1].end():words[k].start()].strip() or lowered in self.v.linking_words \
                    or lowered in _OPENERS - {"the", "its", "our", "their", "a", "an"} or _comparator_at_end().search(lowered + " "):
                break
            k -= 1
            if lowered in ("the", "its", "our", "their", "a", "an"):
                break
        phrase = window[words[k].start():]
        return phrase, end - len(window) + words[k].start()

    def name_before(self, end: int, floor: int, allow_phrase: bool = False) -> tuple[str, int] | None:
        """The name (or, with `allow_phrase`, a system phrase such as 'the dense model') ending at `end`."""
        window = self.text[max(floor, end - 80):end]
        base = end - len(window)
        tokens = [(base + m.start(), base + m.end(), m.group(0)) for m in _TOKEN.finditer(window)]
        if not tokens or tokens[-1][1] != end:
            return None
        # a known name first: 'Whisper large-v3', 'vanilla speculative sampling'
        if self._known_re is not None:
            for k in range(max(0, len(tokens) - 5), len(tokens)):
                candidate = self.text[tokens[k][0]:end]
                if self._known_re.fullmatch(candidate):
                    return candidate, tokens[k][0]
        run: list[tuple[int, int, str]] = []
        for token in reversed(tokens):
            if run and self.text[token[1]:run[0][0]] not in (" ", "-"):
                break
            if token[0] in self.figure_starts:
                break
            word = token[2]
            if _is_variant(word) or (_NAME_START.match(word) and word.lower() not in self.v.not_names
                                     and word.lower() not in _OPENERS):
                run.insert(0, token)
                if len(run) >= 4:
                    break
            else:
                break
        while run and (_is_variant(run[0][2]) and not _NAME_START.match(run[0][2])):
            run.pop(0)  # a name starts with a name token, not with 'large'
        if run:
            name = self.text[run[0][0]:end]
            if self.is_name(name):
                return name, run[0][0]
        if allow_phrase:
            return self._system_phrase_before(end, floor)
        return None

    def name_after(self, start: int, ceiling: int, allow_phrase: bool = False) -> tuple[str, int] | None:
        """The name (or system phrase) starting at `start`."""
        window = self.text[start:min(ceiling, start + 80)]
        if self._known_re is not None:
            m = self._known_re_any_case.match(window)
            if m:  # a known name, also as written in lower case ("vs 89.2 for dense": the 'Dense' row)
                return m.group(0), start
        m = re.match(r"(?:(?:the|its|their|our)\s+)?", window)
        offset = m.end()
        tokens = []
        for t in _TOKEN.finditer(window, offset):
            if tokens and window[tokens[-1].end():t.start()] not in (" ", "-"):
                break
            if start + t.start() in self.figure_starts:
                break
            if not tokens and not (_NAME_START.match(t.group(0)) and t.group(0).lower() not in self.v.not_names):
                break
            if tokens and not (_is_variant(t.group(0)) or _NAME_START.match(t.group(0))):
                break
            tokens.append(t)
            if len(tokens) >= 4:
                break
        if tokens:
            name = self._clean_name(window[tokens[0].start():tokens[-1].end()])
            if offset == 0 and self.is_name(name):
                return with_variant(name, window, tokens[-1].end()), start + tokens[0].start()
        if allow_phrase:
            m = _SYSTEM_PHRASE_AFTER.match(window)
            if m and m.group("head").lower() in self.v.system_nouns:
                return m.group("phrase"), start
        return None

    # -- one figure -------------------------------------------------------------------------

    def owner(self, q_start: int, q_end: int, clause: tuple[int, int], sentence: tuple[int, int],
              figures: list[tuple[int, int]]) -> Owner | None:
        """The name a figure belongs to by one of the structural relations, or None. `figures`:
        the (start, end) of the sentence's figures, sorted."""
        text = self.text
        c_start, c_end = clause
        before = text[max(c_start, q_start - 60):q_start]
        # "(X: N", "(X 88.3", "(X at 88.3"
        m = _IN_PAREN_BEFORE.search(before)
        if m:
            found = self.name_after(q_start - len(before) + m.start("name"), q_start)
            if found:
                return Owner(found[0], "in-paren", found[1])
        # "(A: 310 ms, B: 455 ms": a name and a colon after a comma or semicolon
        m = _LABELLED_BEFORE.search(before)
        if m:
            found = self.name_after(q_start - len(before) + m.start("name"), q_start)
            if found:
                return Owner(found[0], "in-paren", found[1])
        # "Gannet costs $0.42, Booby costs $0.35 and Shag $0.61": each item of a list of
        # parallel clauses is owned by the name that opens it
        m = _ITEM_OWNER_BEFORE.search(before)
        if m and self.is_name(m.group("name")) and (not m.group("verb") or self.is_verb(m.group("verb"))):
            found = self.name_after(q_start - len(before) + m.start("name"), q_start)
            if found and found[0] == m.group("name"):
                # with a verb ("B scores 64.8") the name acts: never one of a list of benchmarks
                return Owner(found[0], "listed-actor" if m.group("verb") else "listed", found[1])
        # "X (N", "X (FID 12.4", "last month's leader (55.2"
        m = _OPEN_PAREN_BEFORE.search(before)
        if m:
            found = self.name_before(q_start - len(before) + m.start(), c_start, allow_phrase=True)
            if found and re.match(r"[^()]{0,40}\)", text[q_end:q_end + 41]) and not re.match(
                    r"[^()]{0,20}\b(?:relative|absolute|gain|improvement|increase|decrease|drop|reduction|faster|slower|"
                    r"higher|lower|more|less|better|worse|cheaper|smaller|larger)\b", text[q_end:q_end + 30]):
                # "(about 20% relative)" restates a change; "WoTE (88.3)" is WoTE's figure
                if re.match(r"[^()]{0,12}?\s(?:vs\.?|versus|v\.|to|→|->)\s", text[q_end:q_end + 20]):
                    return None  # "lower than vLLM (29 ms vs 38 ms)": the first of the pair is the subject's
                return Owner(found[0], "paren", found[1])
        # "X's N", "X's mean pass@8 is N"
        m = _POSSESSIVE_BEFORE.search(text[max(c_start, q_start - 70):q_start])
        if m:
            end = q_start - len(text[max(c_start, q_start - 70):q_start]) + m.end("owner")
            found = self.name_before(end, c_start)
            if found:
                return Owner(found[0], "possessive", found[1])
        # "Thistle-8B: 69.3 on MMLU": a name and a colon open the sentence
        m = _NAME_COLON_OPENS.fullmatch(text, sentence[0], q_start)
        if m:
            found = self.name_after(m.start("name"), q_start)
            plain_word = found is not None and re.fullmatch(r"[A-Z][a-z]+", found[0]) is not None \
                and found[0] not in self._capitalised and found[0] not in self.names_known()
            if found and found[0] == self._clean_name(m.group("name")) and not plain_word:
                # ('Crashes: 6 per day' is a label, not a system)
                return Owner(found[0], "listed", found[1])
        # "the latency of Garnet (on the chat workload) is 41 ms": the metric's owner named before
        # the verb that links it to the figure
        m = _OWNER_LINKED_BEFORE.search(before)
        if m:
            found = self.name_after(q_start - len(before) + m.start("name"), q_start)
            if found and found[0] == self._clean_name(m.group("name")):
                return Owner(found[0], "of", found[1])
        # "N for X", "the 2.1B seen by X": the rest of the figure's stretch, up to the next figure
        # unless that figure only qualifies this one ("11.6 in 27,000 GPU-hours for AdamW")
        nearest = bisect_right(figures, (q_start, float("inf")))
        following = [s for s, _ in figures[nearest:nearest + 2]]
        stretch_end = c_end
        for k, start in enumerate(following):
            if re.fullmatch(r"\s+(?:in|at|with|using|after|over|on)\s+", text[(following[k - 1] if k else q_end):start]) and k == 0:
                continue
            stretch_end = start
            break
        stretch_end = min(stretch_end, c_end)
        after = text[q_end:stretch_end]
        m = _FOR_AFTER.match(after)
        if m:
            found = self.name_after(q_end + m.end(), stretch_end, allow_phrase=True)
            if found:
                return Owner(found[0], "for", found[1])
        size = _FOR_SIZE.match(text, q_end, min(c_end, stretch_end + 16))
        if size:
            # "73.0 for 7B and 76.2 for 13B": a size names the one system the document calls by
            # it ('LLaMA 7B'); the size is the next figure, so it ends the figure's stretch
            named = self.describe(size.group("size"))
            if named:
                return Owner(named, "for", size.start("size"))
        # "X at N"
        m = _AT_BEFORE.search(before)
        if m:
            found = self.name_before(q_start - len(before) + m.start(), c_start)
            if found and not (re.search(r"\bwith\s", m.group(0)) and
                              _COMPARED_OBJECT.search(text, max(c_start, found[1] - 40), found[1])):
                # ('A edges past B with 57.4': B is what A is compared with, and 'with' gives A's
                # figure; 'ahead of B at 44.8' gives B's)
                return Owner(found[0], "at", found[1])
        # "the 1.55B of Whisper large-v3", "the 2.59 of its dense baseline"
        m = _OF_AFTER.match(after)
        if m:
            found = self.name_after(q_end + m.end(), stretch_end, allow_phrase=True)
            if found:
                return Owner(found[0], "of", found[1])
        # "The 7B Lumen-v2": a model size right before a model's name (not "2.7M H800 GPU hours")
        if re.match(r"[ -](?=[A-Z])", text[q_end:q_end + 2]) and re.search(r"[BMK]$", text[q_start:q_end]):
            found = self.name_after(q_end + 1, c_end)
            rest = text[found[1] + len(found[0]):found[1] + len(found[0]) + 20] if found else ""
            if found and not re.match(r"\s+(?:parameters|params|model)\b", text[q_end:q_end + 12]) \
                    and not re.match(r"[\s-]+(?:[A-Za-z]+[\s-]+)?(?:hours?|GPUs?|tokens|images|samples|examples|steps)\b", rest, re.I):
                return Owner(found[0], "size", found[1])
        return None

    def actor(self, start: int, end: int) -> tuple[str, int] | None:
        """The name that opens a clause as its subject ('LLaDA scored', '1. **MuonX** trains',
        'Product quantization (PQ) shrinks', 'the large model's latency' when one known name is
        the large one); 'the kernel', 'the model' alone refer back to the section's method."""
        m = _ACRONYM_ACTOR.match(self.text, start, end)
        if m and self.is_verb(m.group("verb")) and abbreviates(m.group("name"), m.group("long")):
            return m.group("name"), m.start("name")
        m = _DESCRIPTION_ACTOR.match(self.text, start, end)
        if m:
            named = self.describe(m.group("description"))
            if named:
                return named, m.start("description")
        m = _ACTOR.match(self.text, start, end)
        if m and not self.is_verb(m.group("verb")):
            m = _ACTOR_BARE.match(self.text, start, end)
        if not m or not self.is_verb(m.group("verb")):
            return None
        name = self._clean_name(m.group("name"))
        if re.fullmatch(r"[A-Z][a-z]+", name) and name not in self._capitalised and name not in self.names_known() \
                and m.group("verb").lower() not in self.v.system_verbs:
            return None  # 'Huge thanks to ...': a plain capitalised word needs a verb systems do
        if not self.is_name(name) or name.lower() in self.v.names or self._is_system_phrase(name):
            return None
        if name.casefold() in self.names_datasets():
            return None  # "On geometry3k, X climbs": a benchmark is not an actor
        return with_variant(name, self.text, m.end("name")), m.start("name")

    def possessor(self, start: int, end: int) -> str:
        """'RL's mean is 29.0', 'With pass@1, RL's mean ...', "the dense model's KV cache": the
        possessive that opens a clause."""
        m = _DESCRIPTION_POSSESSOR.match(self.text, start, end)
        if m:
            return self.describe(m.group("description")) or m.group("description")
        m = _POSSESSOR.match(self.text, start, end)
        if not m:
            return ""
        name = self._clean_name(m.group("name"))
        return name if self.is_name(name) and name.lower() not in self.v.names else ""

    def lead(self, line_start: int) -> str:
        """A list item or post led by a name: '1. **MuonX** trains', '- Gannet: 71.3'."""
        m = _LEAD.match(self.text, line_start)
        if not m:
            return ""
        name = self._clean_name(m.group("name") or m.group("name2") or m.group("name3"))
        if m.group("name") and _BOLD_CLAIM.search(name):
            return ""  # "- **MathVista (testmini): +8.5 points** over X": a bold claim, not a name
        if m.group("name2") and not self.v.is_name_like(name):
            return ""  # "Safety: refusal rate ...": a topic, not a system
        if m.group("name2"):
            clause = _LEAD_CLAUSE.fullmatch(name) if len(name) <= 80 else None
            if clause:
                # "- Kite barely moves: ...": a clause about the name that opens it; a benchmark
                # the lexicon knows ("- PIQA barely moves: ...") is what the figures are on, no owner
                name = clause.group("name")
                mentions = self.v.matches(self.v.nlp.make_doc(name), 0, name)
                if any(x.start == 0 and x.end == len(name) for x in mentions):
                    return ""
        return name if self.is_name(name) else ""

    def list_parent(self, line_start: int) -> str:
        """The system a nested list item belongs to when its parent item introduces it:
        '- Kite-2 is:' over '  - **4x** faster than ...', '* Compared with Ray, Kite:' over its
        items. Only the nearest less-indented line counts, and only when it ends with a colon."""
        text = self.text
        line_end = text.find("\n", line_start)
        line = text[line_start:line_end if line_end >= 0 else len(text)]
        if not _LIST_ITEM.match(line):
            return ""
        indent = _indent(line)
        position = line_start
        for _ in range(40):  # a list rarely runs longer under one parent
            if position == 0:
                return ""
            start = text.rfind("\n", 0, position - 1) + 1
            previous = text[start:position - 1]
            position = start
            if not previous.strip():
                return ""  # a blank line ends the list
            if _indent(previous) >= indent:
                continue
            if not _LIST_ITEM.match(previous) or not re.search(r":(?:\*\*|__)?\s*$", previous):
                return ""
            actor = self.actor(start, start + len(previous))
            name = actor[0] if actor else self.lead(start) or self.possessor(start, start + len(previous))
            # "EAGLE-2 is:", "Kite achieves:": the verb before the colon is not part of the name
            name = re.sub(r"(?:\s+[a-z]+)+$", "", name) if re.search(r"[A-Z\d]", name) else name
            return name if self.is_name(name) else ""
        return ""

    def in_benchmark_list(self, floor: int, start: int) -> bool:
        """Is the name at `start` one of a list led by 'on' or 'across' ('tested on A (5,000) and B (2,101)')?"""
        before = self.text[max(floor, start - 120):start]
        return re.search(r"\b(?:on|across)\s+(?:the\s+)?(?:[\w.-]+(?:\s*\([^()]*\))?\s*(?:,|and|&)\s*)*$",
                         before) is not None

    def compared_before(self, floor: int, start: int) -> bool:
        """Does a comparison word ('than', 'against', 'vs', 'beating', 'over') stand before `start`
        in its clause: the name after it is a compared system. Only the 240 characters before the
        name are read (scanning whole clauses of hundreds of figures was quadratic)."""
        floor = max(floor, start - 240)
        return _comparator_anywhere().search(self.text, floor, start) is not None or \
            re.search(r"\b(?:than|vs\.?|versus)\b", self.text[floor:start]) is not None or \
            _MULTIPLE_BEFORE.search(self.text, floor, start) is not None

    def pronoun(self, start: int, end: int) -> bool:
        """Does the clause open with 'it', 'the model', 'our method', 'ours', 'we', or with a
        place or setting and then one ('On our agentic suite it scores 49.6', 'With 0-shot
        prompting, its score is 81.3')?"""
        head = self.text[start:min(end, start + 30)].lstrip(" -*•>").lower()
        if any(re.match(re.escape(p) + r"\b", head) for p in self.v.pronouns):
            return True
        lead = _LEADING_PHRASE.match(self.text, start, min(end, start + 90))
        if lead:
            rest = self.text[lead.end():min(end, lead.end() + 30)].lower()
            return any(re.match(re.escape(p) + r"\b", rest) for p in self.v.pronouns)
        return False

    def target(self, start: int, end: int, figure: int) -> str:
        """What a margin, ratio or comparison is measured against: the name after 'than', 'over',
        'vs', 'compared with', 'that of', 'ahead of' ... nearest to the figure in its clause."""
        best = None
        # "1.4× the SFT mean", "2× that of X": a multiple names what it multiplies right after it
        # (patterns matched in place: slicing the rest of a long clause per figure was quadratic)
        m_ratio = _RATIO_AT.match(self.text, figure, min(end, figure + 12)) if figure >= 0 else None
        if m_ratio:
            rest = m_ratio.end()
            lead = _MULTIPLIED_LEAD.match(self.text, rest, end)
            if lead:
                found = self.name_after(lead.end(), end)
                if found:
                    return found[0]
        # the nearest comparison word wins, so only a window around the figure is read (scanning
        # a clause of thousands of figures once per figure was quadratic)
        low, high = (max(start, figure - _TARGET_REACH), min(end, figure + _TARGET_REACH)) if figure >= 0 else (start, end)
        for m in _comparator_anywhere().finditer(self.text, low, high):
            if m.group(0).lower().startswith("from"):
                continue
            # "leads the strongest baseline by 5.1 (TrackNet 68.2)": only a name is what it leads
            found = self.name_after(m.end(), end, allow_phrase=not m.group(0).lower().startswith("lead"))
            if found and self._is_system_phrase(found[0]):
                # "over the nearest LiDAR baseline (WoTE 88.3)": the parenthesis names which one
                paren = re.match(r"\s*\(\s*", self.text[found[1] + len(found[0]):end])
                if paren:
                    instance = self.name_after(found[1] + len(found[0]) + paren.end(), end)
                    if instance:
                        found = instance
            if found:
                distance = abs(m.start() - figure)
                if best is None or distance < best[0]:
                    best = (distance, found[0])
        return best[1] if best else ""

    def comparison_pair(self, q_start: int, q_end: int, clause: tuple[int, int], figures: list[tuple[int, int]]):
        """'(29 ms vs 38 ms)', '71.4 vs 71.9', '87.6 → 87.3': ('first'|'second', the other figure's start)."""
        text = self.text
        # figures are sorted (start, end) pairs: the nearest either side is found by bisection
        index = bisect_left(figures, (q_start, -1))
        while index > 0 and figures[index - 1][1] > q_start:
            index -= 1
        previous = figures[index - 1:index] if index > 0 else []
        after = bisect_left(figures, (q_end, -1))
        following = figures[after:after + 1]
        if previous and _PAIR.match(text[previous[-1][1]:q_start]) and not re.search(r"\bto\s*$", text[previous[-1][1]:q_start]):
            return "second", previous[-1][0]
        if following and _PAIR.match(text[q_end:following[0][0]]) and not re.match(r"\s*to\b", text[q_end:following[0][0]]):
            return "first", following[0][0]
        return None


def _has_words(name: str, words: list[str]) -> bool:
    """Does a name have each of the (case-folded) words among its parts ('base' in 'MiMo-7B-Base')?"""
    parts = re.split(r"[\s\-+_/]+", name.casefold())
    return all(w in parts for w in words)


def _is_variant(word: str) -> bool:
    lowered = word.lower()
    return (lowered in _VARIANT_WORDS or bool(re.fullmatch(r"(?:v\d[\w.]*|\d+(?:\.\d+)?[bmk]|[a-z]+-v?\d[\w.]*|"
                                                            r"\d+(?:\.\d+)?|[ivx]+)", lowered)))


_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+•]|\d{1,2}[.)])[ \t]")


def _indent(line: str) -> int:
    """How far a line is indented, a tab counting as four spaces."""
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip(" "))


_ITEM_OWNER_BEFORE = re.compile(r"(?:[,;:]\s+|,?\s+and\s+|\b(?:vs\.?|versus|against)\s+)(?P<name>[A-Z][\w.+/-]*(?:[ -][A-Z0-9][\w.+/-]*)?)"
                                r"(?:\s+(?P<verb>(?!(?:at|with|in|on|of)\b)[a-z]+))?\s+(?:at\s+|with\s+|in\s+|on\s+)?"
                                r"(?:about\s+|~|only\s+|just\s+)?$")
_TARGET_REACH = 300  # characters either side of a figure its comparison word is looked for in
# a clause that opens with where or how a figure was measured, before its subject: "On our
# agentic suite ", "With 0-shot prompting instead of 5-shot, ", "At batch 32, "
_LEADING_PHRASE = re.compile(r"[ \t>*•-]*(?:on|in|at|with|under|across|for|using|after|without)\b[^,;:.!?]{1,70}?"
                             r"(?:,\s*|\s+(?=(?:it|its|we|our|the model|the method|ours)\b))", re.I)
_RATIO_AT = re.compile(r"[\d.,]+\s?[×x]")
_MULTIPLIED_LEAD = re.compile(r"\s*(?:the|that\s+of|those\s+of)\s+")
_LABELLED_BEFORE = re.compile(r"[,;]\s*(?P<name>[A-Z][\w.+/-]*(?:\s[\w.+/-]+){0,2}?)\s*:\s*(?:[~≈]\s*)?$")
_COMPARED_OBJECT = re.compile(r"\b(?:edges?\s+(?:past|out)|beats?|outperforms?|outscores?|surpass(?:es)?|exceeds?|"
                              r"overtakes?|ahead\s+of|behind|trails?|lags?\s+behind|loses\s+to)\s+(?:the\s+)?$", re.I)
_NAME_COLON_OPENS = re.compile(r"\s*(?:[-*+•>]\s+)?(?:\*\*|__)?(?P<name>[A-Z][\w.+/-]*(?:\s[\w.+/-]+){0,2}?)(?:\*\*|__)?"
                               r"\s*:\s*(?:[~≈]\s*)?")
_OWNER_LINKED_BEFORE = re.compile(r"\b(?:for|of)\s+(?P<name>[A-Za-z][\w.+/-]*(?:\s[\w.+/-]+){0,2}?)"
                                  r"(?:\s+(?:on|in|at|with|under|across)\s+[^,;:()]{1,40}?)?"
                                  r"\s+(?:is|was|are|were|stands\s+at|sits\s+at|comes\s+to|reaches|hits)(?:\s+now)?"
                                  r"\s*(?:about\s+|around\s+|roughly\s+|~|only\s+|just\s+)?$")
_OPEN_PAREN_BEFORE = re.compile(r"\s*\(\s*(?:[~≈]\s*)?(?:[A-Za-z@][\w@./-]*\s+){0,2}(?:at\s+|=\s*|:\s*)?$")
_IN_PAREN_BEFORE = re.compile(r"\(\s*(?P<name>[A-Z][\w.+/-]*(?:\s[\w.+/-]+){0,2}?)\s*(?::|,|\s|\s+at\s+|\s*=\s*)\s*(?:[~≈]\s*)?$")
# (a capitalised word right after the possessive qualifies what follows: "Leopard's French average is")
_POSSESSIVE_BEFORE = re.compile(r"(?P<owner>[\w.+/)-])(?:'s|’s|')\s+(?:[A-Z][a-z]+\s+(?=[a-z]))?(?:(?:[a-z@][\w@.-]*|[A-Z]{2,}[\w@-]*|\d+-shot|\([^()]{1,30}\)|"
                                r"(?<=for\s)[A-Z][\w.+/-]*)\s+){0,7}"
                                r"(?:is|was|are|of|at|=|:|reaches|hits|stands\s+at|sits\s+at|"
                                r"(?:is\s+)?(?:up|down)\s+(?:from|to)|from|to)?\s*(?:about\s+|~)?$")
# a name (its words each with a capital or a digit) and a clause of two or more lower-case words
# (each word checked by a lookahead and taken whole, possessively: linear in the lead)
_LEAD_CLAUSE = re.compile(r"(?P<name>(?=\S*[A-Z\d])\S++(?:\s(?=\S*[A-Z\d])\S++)*+)(?:\s[a-z][a-z'-]*+){2,}")
_FOR_SIZE = re.compile(r"\s+for\s+(?:the\s+)?(?P<size>\d+(?:\.\d+)?[BMK])(?!\w|\.\d)")
_FOR_AFTER = re.compile(r"\s*(?:[A-Za-z%/$-]+\s+|[\d.,]+\s*[A-Za-z/-]*\s+){0,4}?(?:for|by|from)\s+(?=\S)")
_POSSESSOR = re.compile(r"\s*(?:[-*+•>]\s+|\d{1,2}[.)]\s+|\d{1,2}/\d{0,2}\s+)?(?:(?:On|In|For|Across|At|With|Under|After|Without)"
                        r"\s+[^,;:]{1,60},\s+)?(?:\*\*|__)?(?P<name>[A-Za-z][\w.+/-]*[\w+](?:\s[A-Z][\w.+/-]*|\s[a-z]+-v?\d[\w.]*){0,2})"
                        r"(?:\*\*|__)?(?:'s|’s)\s")
_MARKER = r"\s*(?:[-*+•>]\s+|\d{1,2}[.)]\s+|\d{1,2}/\d{0,2}\s+)?(?:\*\*[^*]{1,40}\*\*\s*)?"
_LEAD_IN = r"(?:(?i:on|in|for|across|at|with|under|after|without)\s+[^,;:]{1,60},\s+)?"
_ACRONYM_ACTOR = re.compile(_MARKER + _LEAD_IN + r"(?P<long>(?:[A-Za-z][\w-]*\s+){1,4})\((?P<name>[A-Z][A-Za-z0-9+-]{1,12})\)\s+"
                            r"(?:also\s+|still\s+|now\s+|only\s+)?(?P<verb>[a-z]+)\b")
_DESCRIPTION_ACTOR = re.compile(_MARKER + _LEAD_IN + r"(?:[Tt]he|[Ii]ts)\s+(?P<description>(?:[\w+.-]+\s+){1,2}"
                                r"(?:model|variant|version|system|checkpoint|configuration|setup|run))(?:'s|’s)?\s")
_DESCRIPTION_POSSESSOR = re.compile(_MARKER + _LEAD_IN + r"(?:[Tt]he|[Ii]ts)\s+(?P<description>(?:[\w+.-]+\s+){0,2}"
                                    r"(?:model|variant|version|system|baseline|checkpoint))(?:'s|’s)\s")
_OF_AFTER = re.compile(r"\s*(?:[A-Za-z/-]+\s+){0,2}?of\s+(?=\S)")
_AT_BEFORE = re.compile(r"\s+(?:at|with)\s+(?:about\s+|~|only\s+|just\s+)?$")
_SYSTEM_PHRASE = re.compile(r"(?P<phrase>(?:(?:the|its|our|their|a|an)\s+)?(?:[a-z][\w'’-]*\s+){0,4}(?P<head>[a-z][\w-]*))$")
_SYSTEM_PHRASE_AFTER = re.compile(r"(?P<phrase>(?:(?:the|its|our|their|a|an)\s+)?(?:[a-zA-Z][\w'’-]*\s+){0,4}?(?P<head>[a-z][\w-]*))(?=\s*(?:$|[,;.)(]|\s(?:and|at|in|on|by|with|while|which|who|but|for|across|to|of|that)\b))")

_NAME_RE = r"[A-Za-z][\w.+/-]*[\w+](?:\s(?:[A-Z][\w.+/-]*|v?\d[\w.]*|[a-z]+-v?\d[\w.]*|(?:large|base|small|mini|instruct|chat|pro|xl))){0,3}"
_VERB_RE = r"(?P<verb>[a-z]+)"
_ACTOR_HEAD = (r"\s*(?:[-*+•>]\s+|\d{1,2}[.)]\s+|\d{1,2}/\d{0,2}\s+)?(?:(?i:though|although|while|whereas|where|but|and|yet|so|whilst)\s+)?"
               r"(?:(?i:on|in|for|across|at|with|under|after|without)\s+[^,;:]{1,60}?(?:,\s+|\s+(?=[A-Z])))?(?:\*\*|__)?(?:the\s+|The\s+)?(?:\d+(?:\.\d+)?[BMK]\s+)?"
               r"(?:(?:best|worst|new|final|full|base|original|untrained|fine-tuned|pruned|quantized|distilled|larger|smaller|"
               r"largest|smallest|default|proposed)\s+)?(?P<name>" + _NAME_RE + r")(?:\*\*|__)?(?:'s?)?")
# a parenthesis or an appositive between the name and its verb ('IQL, the usual reference point, sits at')
_ACTOR_TAIL = r"(?:\s*\([^()]{1,40}\)|,\s(?:the|a|an|our|its|their)\s[^,;:.!?()\n]{1,40},)?\s+(?:also\s+|still\s+|now\s+|only\s+|[a-z]+ly\s+)?" + _VERB_RE + r"\b"
_ACTOR = re.compile(_ACTOR_HEAD + r"(?:\s+(?:run|runs|model|models|variant|version|checkpoint|system|method|baseline|"
                    r"policy|agent))?" + _ACTOR_TAIL)
# the same without a noun after the name: in 'Heron runs at 40 tok/s', 'runs' is the verb
_ACTOR_BARE = re.compile(_ACTOR_HEAD + _ACTOR_TAIL)
# (a sentence start is the punctuation or line break before it, so the search has a character
# to look for; the text is searched with a line break before it. A line break starts a match only
# where its own line has text: from every break of a run of blank lines the search would rescan
# the whole run)
_ACTOR_ANYWHERE = re.compile(r"(?:[.;!?:]\s|\n(?=[ \t]*+\S))\s*+(?:[-*+•>]\s+|\d{1,2}[.)]\s+|\d{1,2}/\d{0,2}\s+)?(?:\*\*|__)?"
                             r"(?:the\s+|The\s+)?(?P<name>" + _NAME_RE + r")(?:\*\*|__)?(?:'s?)?\s+"
                             r"(?:also\s+|still\s+|now\s+|only\s+)?" + _VERB_RE + r"\b", re.MULTILINE)
_LEAD = re.compile(r"^[ \t]*(?:[-*+•]|\d{1,2}[.)]|\d{1,2}/\d{1,2})[ \t]+(?:\*\*|__)(?P<name>[^*_\n]{1,60}?)(?:\*\*|__)"
                   r"|^[ \t]*(?:[-*+•]|\d{1,2}[.)])[ \t]+(?P<name2>[A-Z][\w.+/-]*(?:\s[\w.+/-]+){0,2}?)\s*:\s"
                   # "📌 Paper: FlashSparse — 3.2× faster ...": a name set off by a dash after an optional label
                   r"|^[ \t]*(?:[-*+•]|\d{1,2}[.)]|[^\w\s(\[\"'])\uFE0F?[ \t]+(?:[A-Z][a-z]+:[ \t]+)?"
                   r"(?P<name3>[A-Za-z][\w.+/-]*(?:\s[\w.+/-]+){0,2}?)[ \t]+[—–-][ \t]", re.MULTILINE)
# a bold lead that states a figure ('**MathVista: +8.5 points**') rather than naming a system
_BOLD_CLAIM = re.compile(r":|[+±−-]?\d+(?:\.\d+)?\s*(?:%|points?|pts?|×|x\b)")
# plural nouns that follow a name without being its verb ('Llama models', 'GPT-4 results')
_PLURAL_NOUNS = frozenset("models results scores numbers figures benchmarks tasks weights papers variants versions "
                          "series layers heads experts tokens parameters params outputs inputs samples users evals "
                          "evaluations metrics settings configs configurations runs experiments ablations baselines "
                          "methods systems authors teams researchers engineers".split())
# The document-wide patterns below open with literals, not a boundary (which makes the regex
# engine try every position); callers check the boundary with `_at_word_start`.
_ON_NAMES = re.compile(r"(?:tested|evaluated|trained|benchmarked|measured|run)\s+on\s+(?:the\s+)?(?P<names>[\w.-]+(?:\s*\([^()]*\))?"
                       r"(?:\s*(?:,|and|&)\s*[\w.-]+(?:\s*\([^()]*\))?)*)")
_COMMON_NOUN = re.compile(r"(?:ing|tion|sion|ment|ness|ity|ance|ence|ism|ure|age|ers|ies|ics|ogy)$")
_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z,;(] )([A-Z][a-z]+)\b")
_NAMED_PAPER = re.compile(r"(?:New\s+paper|new\s+paper|Introducing|introducing|Meet|meet|Announces|announces|"
                          r"Announcing|announcing|Unveils|unveils|Unveil|unveil|Releases|releases|Releasing|releasing|"
                          r"Presents|presents|Present|present)\s*:?\s+(?:(?P<name>[A-Z][\w.+/-]*[\w+](?:-[\w.]+)*)|\W{0,4}[\"“](?P<title>[^\"”]{3,120})[\"”])")
# "Product quantization (PQ)": an acronym defined by the words before it names a system
# (found from the bracket, which has a literal to search for, then checked for a word before it)
_ACRONYM_DEFINITION = re.compile(r"\((?P<acronym>[A-Z][A-Za-z0-9+-]{1,12})\)")
_WORD_BEFORE_BRACKET = re.compile(r"\b[A-Za-z][\w-]*\s+$")


_VARIANT_AFTER = re.compile(r" ?\((?P<variant>[A-Z][A-Za-z0-9+.-]{0,11})\)")


def with_variant(name: str, text: str, end: int) -> str:
    """A name with the parenthesis set right after it that names its variant: 'Kestrel Chat
    (RL)' and 'Kestrel Chat (SFT)' are two systems. Not an abbreviation of the name ('Product
    quantization (PQ)') and not a mark of the author's own ('(Ours)')."""
    m = _VARIANT_AFTER.match(text, end)
    if m is None or m.group("variant").lower() in ("ours", "proposed") or abbreviates(m.group("variant"), name):
        return name
    return f"{name} ({m.group('variant')})"


def abbreviates(short: str, long: str) -> bool:
    """Is `short` an abbreviation of the words `long` ('PQ' of 'Product quantization', 'MLA' of
    'Multi-head Latent Attention'), not a name of its own set after them ('RL' after 'Kestrel
    Chat')? Its letters and digits stand in `long` in order, matched from the end, and its
    first one starts a word (Schwartz and Hearst's test; one backward pass, linear)."""
    chars = [c.lower() for c in short if c.isalnum()]
    long = long.lower().rstrip()
    at = len(long) - 1
    for k in range(len(chars) - 1, -1, -1):
        while at >= 0 and (long[at] != chars[k] or (k == 0 and at > 0 and long[at - 1].isalnum())):
            at -= 1
        if at < 0:
            return False
        at -= 1
    return bool(chars)


def _names_within(text: str, known: set[str]) -> list[str]:
    """The known names that stand in `text` as whole words (not inside a longer word or
    hyphenated name). Each stretch between such boundaries is looked up in the set: a pattern per
    known name and heading is quadratic, and past a few hundred names outgrows the regular-
    expression cache."""
    if len(text) > 300:  # a heading that long is prose: the names are looked for word by word
        return [w for w in re.findall(r"[\w-]+", text) if w in known]
    bounded = [i for i in range(len(text) + 1) if i == 0 or i == len(text) or not (text[i - 1].isalnum()
               or text[i - 1] in "_-") or not (text[i].isalnum() or text[i] in "_-")]
    starts = [i for i in bounded if i < len(text) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "_-"))]
    ends = [j for j in bounded if j > 0 and (j == len(text) or not (text[j].isalnum() or text[j] in "_-"))]
    return [text[i:j] for i in starts for j in ends if j > i and text[i:j] in known]


def _at_word_start(text: str, position: int) -> bool:
    return position == 0 or not (text[position - 1].isalnum() or text[position - 1] == "_")


def _family(name: str) -> str:
    return re.split(r"[\s-]", name, maxsplit=1)[0].casefold()


@lru_cache(maxsize=1)
def _reference_words() -> frozenset[str]:
    from ..lexicon import load_json
    return frozenset(load_json("not_quantities.json")["reference_words"])
