"""The crisis detector's compiled vocabulary (pure): words folded, stemmed and tagged from
moderation/crisis_lexicon.py, and the rules of moderation/crisis_rules.py compiled to regular expressions
over tags; moderation/crisis.py runs them over a text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache, reduce
from operator import or_

import snowballstemmer

from moderation import crisis_lexicon, crisis_rules

CATEGORIES = ("intent", "self_harm", "plan", "hopelessness", "relative", "violence")
CACHE_MAX = 50_000

# Sentence ends (a colon only when no word follows at once: "tv:n" is one word), then within a sentence its
# words (with apostrophes inside: "don't") and clause separators.
SENTENCE_END = re.compile(r"[.!?;…]+|:(?!\w)|\n")
TOKEN = re.compile(r"\w+(?:['’ʼ´`]\w+)*|[,()\[\]–—/]|(?<=\s)-(?=\s)")
# Both at once, for the first pass over every text: strings only, no match objects (the spans are found later,
# for the few sentences that make a finding).
TOKEN_OR_END = re.compile(r"\w+(?:['’ʼ´`]\w+)*|[,()\[\]–—/]|(?<=\s)-(?=\s)|[.!?;…]+|:(?!\w)|\n")
SEPARATORS = frozenset(",()[]–—/-")
ENDS = frozenset(".!?;…:\n")
# What a sentence end looks up to: a distinct object, compared by identity.
END = (0, 0, 0, 0)
# å/ä/ö typed as a/a/o (and other accents a phone adds) are the same word; apostrophes go ("don't" is "dont").
FOLD = str.maketrans("åäöæøéèêüáàíóú", "aaoaoeeeuaaiou", "'’ʼ´`")
REPEATED = re.compile(r"(.)\1+")
SUBJECT_REACH = 12  # "pappa har ett gevär hemma och pratar om att …": the subject can be far back
MIN_STEMMED = 4  # shorter words are matched by their form only
MIN_STEM = 4  # and stems as short as "liv" or "tar" would meet too many unrelated words
MIN_FUZZY = 7  # only long words may miss, add or change a letter: shorter ones collide ("caring"/"carving")


def fold(word: str) -> str:
    """A word as the rules see it first: case-folded, å/ä/ö as a/a/o, no apostrophes ("don't" is "dont")."""
    return word.casefold().translate(FOLD)


def collapse(key: str) -> str:
    """A folded word without repeated letters: "dööö" and "viiill" reach "dö" and "vill" this way."""
    return REPEATED.sub(r"\1", key)


@dataclass(frozen=True)
class Rule:
    """One alternative of a rule in crisis_rules.RULES, compiled."""

    category: str
    signal: str
    regex: re.Pattern
    required: tuple[int, ...]  # each mask must meet the sentence's tags, or the pattern cannot match
    anchor: int  # the rarest of them: the index that finds the rules worth trying on a sentence
    who: str
    negatable: bool
    third: str
    unless: int
    plan_if: int
    conflict_drops: bool
    needs: int
    needs_text: bool


class Vocabulary:
    """The compiled lexicon: tag bits, the per-word tag lookup, and the rules as regular expressions."""

    def __init__(self) -> None:
        names = (
            set(crisis_lexicon.LEXICON) | {tag for _piece, tag in crisis_rules.INFIXES} | {"SEP", "GENITIVE"}
        )
        self.names = sorted(names)
        self.bit = {name: 1 << index for index, name in enumerate(self.names)}
        # One character per tag in the string the rules' regular expressions run over.
        self.char = {name: chr(0x3400 + index) for index, name in enumerate(self.names)}
        self.stemmer = snowballstemmer.stemmer("swedish")
        # folded word -> [tags in any language, Swedish-only tags, English-only tags]
        self.exact: dict[str, list[int]] = {}
        unstemmed = set()
        for tag, words in crisis_lexicon.LEXICON.items():
            for word in words.split():
                language, _, bare = word.rpartition(":")
                slot = {"": 0, "sv": 1, "en": 2}[language]
                if bare.startswith("="):
                    bare = bare[1:]
                    unstemmed.add(fold(bare))
                self.exact.setdefault(fold(bare), [0, 0, 0])[slot] |= self.bit[tag]
        # "mammas", "sonens", "mom's": a relative's possessive names no subject ("mammas tabletter").
        for word in crisis_lexicon.LEXICON["KIN"].split():
            genitive = fold(word.rpartition(":")[2] + "s")
            if genitive not in self.exact:
                self.exact[genitive] = [self.bit["GENITIVE"], 0, 0]
                unstemmed.add(genitive)
        # The same without repeated letters, for words typed with a letter held down. Folding merges some
        # words ("att"/"åt", "son"/"soon"), so the exact form is looked up first.
        self.collapsed: dict[str, list[int]] = {}
        for key, masks in self.exact.items():
            merged = self.collapsed.setdefault(collapse(key), [0, 0, 0])
            for slot in range(3):
                merged[slot] |= masks[slot]
        # Stems for inflections not listed. Words of different meaning can share a stem ("vägen", "vågar"):
        # such a stem keeps only the tags all its words share, often none.
        self.stems: dict[str, list[int]] = {}
        for key, masks in self.exact.items():
            if len(key) >= MIN_STEMMED and key not in unstemmed:
                stem = self.stemmer.stemWord(key)
                if len(stem) >= MIN_STEM:
                    if stem in self.stems:
                        shared = self.stems[stem]
                        self.stems[stem] = [shared[slot] & masks[slot] for slot in range(3)]
                    else:
                        self.stems[stem] = list(masks)
        self.stems = {stem: masks for stem, masks in self.stems.items() if any(masks)}
        self.infixes = tuple((piece, self.bit[tag]) for piece, tag in crisis_rules.INFIXES)
        typo_tags = self.mask(*crisis_rules.TYPO_TAGS.split())
        # One typo, never in the first letter (people rarely mistype it, and a word that differs there is
        # usually another word: "elva" is not "leva"). Words of MIN_FUZZY letters or more may miss, add or
        # change a letter ("tablettr", "sjävmord"); any word may have two letters swapped ("orakr", "lvea").
        swap_tags = self.mask(*crisis_rules.SWAP_TAGS.split())
        self.typo_long: dict[str, int] = {}  # the word itself
        self.typo_missing: dict[str, int] = {}  # the word less one letter: a letter left out
        self.typo_changed: dict[tuple[str, int], int] = {}  # (less the letter at i, i): a letter changed
        self.typo_swapped: dict[str, int] = {}
        for key, masks in self.exact.items():
            if len(key) < 4:
                continue
            if masks[0] & swap_tags:
                self.typo_swapped[key] = masks[0] & swap_tags
            content = masks[0] & typo_tags
            if content and len(key) >= MIN_FUZZY:
                self.typo_long[key] = content
                for index in range(1, len(key)):
                    deleted = key[:index] + key[index + 1 :]
                    self.typo_missing[deleted] = self.typo_missing.get(deleted, 0) | content
                    self.typo_changed[deleted, index] = self.typo_changed.get((deleted, index), 0) | content
        self.swedish = frozenset(fold(word) for word in crisis_rules.SWEDISH_WORDS.split())
        self.english = frozenset(fold(word) for word in crisis_rules.ENGLISH_WORDS.split())
        # word as written -> (its tags read as Swedish, read as English, read as either, language vote)
        self.cache: dict[str, tuple[int, int, int, int]] = {}
        self.strings: dict[int, str] = {}
        self.common_tags = self.mask(*crisis_rules.COMMON_TAGS.split())
        self.rules = tuple(compiled for rule in crisis_rules.RULES for compiled in self.compile_rule(*rule))
        # Rules by each tag of their anchor: a sentence tries only the rules whose anchor it contains.
        by_bit: dict[int, list[Rule]] = {}
        for rule in self.rules:
            for index in range(rule.anchor.bit_length()):
                if rule.anchor >> index & 1:
                    by_bit.setdefault(index, []).append(rule)
        self.by_bit = {index: tuple(rules) for index, rules in by_bit.items()}
        self.anchor_bits = sum(1 << index for index in self.by_bit)

    # --- words ---------------------------------------------------------------------------------------
    def word(self, raw: str) -> tuple[int, int, int, int]:
        """A word's tags read as Swedish, read as English, read as either (in a sentence whose language is
        unclear), and its vote for the sentence's language (+1 Swedish, -1 English)."""
        found = self.cache.get(raw)
        if found is None:
            if len(self.cache) > CACHE_MAX:
                self.cache.clear()
            found = self.cache[raw] = self.look_up(fold(raw))
        return found

    def look_up(self, key: str) -> tuple[int, int, int, int]:
        """What word() caches for a folded word: as written, without repeated letters, by its stem, by a
        piece of a compound, one typo away; a separator or a sentence end."""
        if key in SEPARATORS:
            return self.bit["SEP"], self.bit["SEP"], self.bit["SEP"], 0
        if key[0] in ENDS:
            return END
        masks = self.exact.get(key)
        short = key if masks is not None else collapse(key)
        vote = 1 if key in self.swedish or short in self.swedish else -1 if key in self.english else 0
        if masks is None:
            masks = self.collapsed.get(short)
        if masks is None and len(key) >= MIN_STEMMED:
            # Snowball only cuts endings, so a word that starts with no known stem cannot stem to one: most
            # words are never stemmed (stemming is the slowest step of a word never seen before).
            stems = self.stems
            for length in range(MIN_STEM, len(key) + 1):
                if key[:length] in stems:
                    masks = stems.get(self.stemmer.stemWord(key))
                    break
        common, swedish, english = masks if masks is not None else (0, 0, 0)
        if len(short) >= 5:
            for piece, bit in self.infixes:
                if piece in short:
                    common |= bit
        if masks is None and key.isalpha():
            common |= self.typo(key) | (self.typo(short) if short != key else 0)
        elif key.isdigit() and 10 <= int(key) < 1000:
            common = self.bit["BIGNUM"]  # "tagit 30 tabletter"; ordinary doses are single figures
        return common | swedish, common | english, common | swedish | english, vote

    def typo(self, key: str) -> int:
        """The tags of the lexicon word one typo away from `key`, if any (see the tables above)."""
        found = 0
        if len(key) >= MIN_FUZZY - 1:
            found |= self.typo_missing.get(key, 0)
            for index in range(1, len(key)):
                deleted = key[:index] + key[index + 1 :]
                found |= self.typo_long.get(deleted, 0) | self.typo_changed.get((deleted, index), 0)
        for index in range(1, len(key) - 1):
            found |= self.typo_swapped.get(key[:index] + key[index + 1] + key[index] + key[index + 2 :], 0)
        return found

    def tag_string(self, mask: int) -> str:
        """A token in the string the rules match: "<" + one character per tag + ">"."""
        found = self.strings.get(mask)
        if found is None:
            found = self.strings[mask] = (
                "<" + "".join(self.char[name] for name in self.names if mask & self.bit[name]) + ">"
            )
        return found

    def mask(self, *names: str) -> int:
        """The bits of these tags."""
        return reduce(or_, (self.bit[name] for name in names), 0)

    # --- rules ---------------------------------------------------------------------------------------
    def compile_rule(self, category: str, signal: str, pattern: str, options: dict) -> list[Rule]:
        """A rule's top-level alternatives, each a pattern of its own with its own required tags."""
        if category not in CATEGORIES:
            raise ValueError(f"unknown category {category!r}")
        expanded = pattern
        for _ in range(3):
            expanded = re.sub(r"@(\w+)", lambda match: crisis_rules.MACROS[match.group(1)], expanded)
        branches: list[list[str]] = [[]]
        depth = 0
        for part in expanded.split():
            if part in ("(", "[!"):
                depth += 1
            elif part in (")", ")?", "]"):
                depth -= 1
            if part == "|" and depth == 0:
                branches.append([])
            else:
                branches[-1].append(part)
        compiled = []
        for parts in branches:
            regex, required, end = self.parse(parts, 0, set())
            if end != len(parts) or not required:
                raise ValueError(f"unbalanced or unanchored pattern in {signal!r}: {' '.join(parts)}")
            compiled.append(
                Rule(
                    category=category,
                    signal=signal,
                    regex=re.compile(regex),
                    required=tuple(required),
                    anchor=min(required, key=self.commonness),
                    who=options.get("who", "self"),
                    negatable=options.get("negatable", True),
                    third=options.get("third", "relative"),
                    unless=self.mask(*options.get("unless", ())),
                    plan_if=self.mask(*options.get("plan_if", ())),
                    conflict_drops=options.get("conflict") == "drop",
                    needs=self.mask(*options.get("needs", ())),
                    needs_text=options.get("needs_in") == "text",
                )
            )
        return compiled

    def commonness(self, mask: int) -> tuple[int, int]:
        """How often a required mask meets ordinary text: function words first, then the number of tags."""
        return (bin(mask & self.common_tags).count("1"), bin(mask).count("1"))

    def tag_class(self, names: list[str]) -> str:
        unknown = [name for name in names if name not in self.bit]
        if unknown:
            raise ValueError(f"unknown tags {unknown} in a crisis rule")
        return "[" + "".join(self.char[name] for name in names) + "]"

    def parse(self, parts: list[str], position: int, stop: set[str]) -> tuple[str, list[int], int]:
        """One sequence of a pattern up to a token in `stop`: (regex, required masks, next position)."""
        pieces: list[str] = []
        required: list[int] = []
        while position < len(parts) and parts[position] not in stop:
            part = parts[position]
            if part == "(":
                alternatives, firsts = [], []
                position += 1
                while True:
                    regex, branch_required, position = self.parse(parts, position, {"|", ")", ")?"})
                    alternatives.append(regex)
                    firsts.append(branch_required[0] if branch_required else 0)
                    if parts[position] != "|":
                        break
                    position += 1
                optional = parts[position] == ")?"
                if not optional and all(firsts):
                    # Some branch must match, so one of the branches' first required tags must be there.
                    required.append(reduce(or_, firsts))
                pieces.append("(?:" + "|".join(alternatives) + ")" + ("?" if optional else ""))
                position += 1
                continue
            if part == "[!":
                regex, _required, position = self.parse(parts, position + 1, {"]"})
                pieces.append("(?!" + regex + ")")
                position += 1
                continue
            pieces.append(self.atom(part, required))
            position += 1
        return "".join(pieces), required, position

    def atom(self, part: str, required: list[int]) -> str:
        separator = self.char["SEP"]
        if part == "$":
            # The end of the sentence or clause: a separator, or a word that starts a new clause when people
            # write without punctuation ("orkar inte mer vill bara försvinna jag orkar inte").
            return f"(?=#|<{separator}>|<[^>]*{self.tag_class(['CLAUSE'])}[^>]*>)"
        if part == "^":
            return "(?<=#)"
        gap = re.fullmatch(r"~(\d+)(?:-([\w-]+)|=([\w/]+))?", part)
        if gap:
            count, without, only = gap.groups()
            if only:
                return f"(?:<[^>]*{self.tag_class(only.split('/'))}[^>]*>){{0,{count}}}?"
            excluded = self.tag_class(["SEP", *(without.split("-") if without else [])])
            return f"(?:<(?![^>]*{excluded})[^>]*>){{0,{count}}}?"
        optional = part.endswith("?")
        part = part.rstrip("?")
        wanted, *without = part.split("-")
        excluded = self.tag_class(["SEP", *without])
        body = "[^>]*" if wanted == "*" else "[^>]*" + self.tag_class(wanted.split("/")) + "[^>]*"
        if not optional and wanted != "*":
            required.append(self.mask(*wanted.split("/")))
        return f"(?:<(?![^>]*{excluded}){body}>)" + ("?" if optional else "")


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The compiled lexicon and rules (once per process)."""
    return Vocabulary()
