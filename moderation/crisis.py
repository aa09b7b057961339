"""Crisis language in Swedish and English sentences: normalise → tokens → stems → windowed rules per category.

Pure (no Flask, no database), compiled once per process, and cheap enough for every post and chat message.

1. Normalise each word: case-folded, å/ä/ö typed as a/a/o are the same word, apostrophes dropped ("don't" is
   "dont"), repeated letters collapsed ("dööö" is "dö", "viiill" is "vill").
2. Tag each word (moderation/crisis_vocabulary.py) with concepts from moderation/crisis_lexicon.py (WANT,
   DIE, NEG, PILLS, KIN, …): by its form, else its Snowball stem, else a piece of a compound
   ("sömntabletter"), else one typo away from a lexicon word ("tablettr", "orakr"). A word's tags are
   cached: a forum's vocabulary repeats.
3. Split into sentences and clauses; a rule never reaches across a sentence, nor its gaps across a comma.
4. Each rule is a small pattern over the tags of one sentence ("WANT, up to three words but no negation,
   DIE"), compiled to one regular expression over a string with one character per tag, then checked in
   Python for what patterns cannot say well: a negation just before, whose crisis it is (a third-person
   subject turns it into `relative`), and words anywhere in the sentence that make it ordinary (an accident
   in the kitchen, routine medication).

Each finding says its category, the rule's short label and the words that matched, so moderators see why.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import reduce
from operator import or_

from moderation.crisis_vocabulary import (
    CATEGORIES,
    END,
    SENTENCE_END,
    SUBJECT_REACH,
    TOKEN,
    TOKEN_OR_END,
    Rule,
    Vocabulary,
    vocabulary,
)

# The detector's public interface (CATEGORIES is the vocabulary's, named here for callers).
__all__ = ["CATEGORIES", "CrisisFinding", "find_crisis"]

EXCERPT_MAX = 80
MAX_FINDINGS = 8


@dataclass(frozen=True)
class CrisisFinding:
    """One reason to look at a text: the category, the rule's short label, and the words that matched."""

    category: str
    signal: str
    excerpt: str

    def describe(self) -> str:
        """How moderators see it: intent (vill + dö): «vill bara dö»."""
        return f"{self.category} ({self.signal}): «{self.excerpt}»"


def find_crisis(text: str) -> list[CrisisFinding]:
    """Crisis signals in a text, each with its category, rule and matched words; [] for ordinary talk."""
    if not text:
        return []
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)  # "ö" typed as "o" + a combining mark is one letter
    words = vocabulary()
    return Analysis(words, text).findings()


class Analysis:
    """One text: its tokens, their tags per sentence, and the rules run over them."""

    def __init__(self, words: Vocabulary, text: str) -> None:
        self.words = words
        self.text = text
        self.masks: list[int] = []  # every token's tags, sentence after sentence
        self.sentence_starts: list[int] = []  # index of each sentence's first token
        self.sentence_masks: list[int] = []  # all tags of each sentence
        self.spans: dict[int, list[tuple[int, int]]] = {}  # token spans, found for excerpts only
        self.sentence_offsets: list[int] | None = None  # where each sentence starts in the text, when needed
        cache, look_up = words.cache, words.word
        entries = [cache.get(token) or look_up(token) for token in TOKEN_OR_END.findall(text)]
        entries.append(END)
        first = 0
        for index, entry in enumerate(entries):
            if entry is END:
                if index > first:
                    self.add_sentence(entries[first:index])
                first = index + 1
        self.text_mask = reduce(or_, self.sentence_masks, 0)

    def add_sentence(self, entries: list[tuple[int, int, int, int]]) -> None:
        """One sentence's tags, read in the sentence's language (a tie reads it both ways)."""
        vote = sum([entry[3] for entry in entries])
        reading = 0 if vote > 0 else 1 if vote < 0 else 2
        masks = [entry[reading] for entry in entries]
        union = reduce(or_, masks)
        bit = self.words.bit
        if union & bit["AMBIGKIN"]:
            # "min man", "en man": after a possessive or article, "man" is a husband, not "one".
            for index in range(1, len(masks)):
                if masks[index] & bit["AMBIGKIN"] and masks[index - 1] & bit["POSS"]:
                    masks[index] |= bit["KIN"] | bit["P3S"]
                    union |= bit["KIN"] | bit["P3S"]
        self.sentence_starts.append(len(self.masks))
        self.sentence_masks.append(union)
        self.masks.extend(masks)

    def sentence_end(self, sentence: int) -> int:
        following = sentence + 1
        return self.sentence_starts[following] if following < len(self.sentence_starts) else len(self.masks)

    def span(self, sentence: int, index: int) -> tuple[int, int]:
        """Where token `index` (of the whole text) is in the text, found the way the first pass found it."""
        if self.sentence_offsets is None:
            self.sentence_offsets = []
            position = 0
            for end in SENTENCE_END.finditer(self.text):
                if TOKEN.search(self.text, position, end.start()):
                    self.sentence_offsets.append(position)
                position = end.end()
            self.sentence_offsets.append(position)
        if sentence not in self.spans:
            offset = self.sentence_offsets[sentence]
            ends = SENTENCE_END.search(self.text, offset)
            end = ends.start() if ends else len(self.text)
            self.spans[sentence] = [match.span() for match in TOKEN.finditer(self.text, offset, end)]
        return self.spans[sentence][index - self.sentence_starts[sentence]]

    def findings(self) -> list[CrisisFinding]:
        words = self.words
        by_bit = words.by_bit
        # (category, signal) -> (sentence, first token, last token): the first match of each signal
        found: dict[tuple[str, str], tuple[int, int, int]] = {}
        for sentence, sentence_mask in enumerate(self.sentence_masks):
            if len(found) >= MAX_FINDINGS:
                break  # enough to show a moderator why; the rest of a long outpouring would cost time only
            present = sentence_mask & words.anchor_bits
            if not present:
                continue
            candidates: dict[int, Rule] = {}
            while present:
                lowest = present & -present
                for rule in by_bit[lowest.bit_length() - 1]:
                    candidates[id(rule)] = rule
                present ^= lowest
            tagged = None
            for rule in candidates.values():
                if (rule.category, rule.signal) in found and (
                    rule.who != "self" or ("relative", rule.signal) in found
                ):
                    continue  # this signal is found already, in every category it can have
                for need in rule.required:
                    if not sentence_mask & need:
                        break
                else:
                    if tagged is None:
                        tagged, offsets, start = self.tag_sentence(sentence)
                    self.run(rule, sentence, tagged, offsets, start, found)
        return self.report(found)

    def report(self, found: dict[tuple[str, str], tuple[int, int, int]]) -> list[CrisisFinding]:
        """The findings in text order; of two in one category on overlapping words, the first only (moderators
        need each reason once, not every rule that saw it)."""
        kept: list[tuple[tuple[int, int, int], str, str]] = []
        for (category, signal), place in sorted(found.items(), key=lambda item: item[1]):
            sentence, first, last = place
            if any(
                other_category == category and other[0] == sentence and other[1] <= last and first <= other[2]
                for other, other_category, _signal in kept
            ):
                continue
            kept.append((place, category, signal))
        return [CrisisFinding(category, signal, self.excerpt(*place)) for place, category, signal in kept]

    def run(
        self, rule: Rule, sentence: int, tagged: str, offsets: list[int], start: int, found: dict
    ) -> None:
        """One rule over one sentence: its matches, each judged, the first finding per signal kept."""
        for match in rule.regex.finditer(tagged):
            first = bisect_right(offsets, match.start()) - 1
            last = bisect_right(offsets, match.end() - 1) - 1
            if last < first:
                continue
            # The shortest match with the same end: "jag tagit mitt liv", not "barnen hade jag tagit mitt
            # liv", so a negation before a lead word ("inte varit för barnen") is not taken for this one's.
            for later in range(last, first, -1):
                shorter = rule.regex.match(tagged, offsets[later])
                if shorter and shorter.end() == match.end():
                    first = later
                    break
            for category, signal, excerpt_first, excerpt_last in self.judge(
                rule, sentence, start + first, start + last
            ):
                found.setdefault((category, signal), (sentence, excerpt_first, excerpt_last))

    def tag_sentence(self, sentence: int) -> tuple[str, list[int], int]:
        """A sentence as the rules' regular expressions read it: "#" + one "<tags>" per token + "#"."""
        start = self.sentence_starts[sentence]
        tag_string = self.words.tag_string
        pieces = [tag_string(mask) for mask in self.masks[start : self.sentence_end(sentence)]]
        offsets = []
        position = 1
        for piece in pieces:
            offsets.append(position)
            position += len(piece)
        return "#" + "".join(pieces) + "#", offsets, start

    # --- the checks patterns cannot express -----------------------------------------------------------
    def judge(self, rule: Rule, sentence: int, first: int, last: int) -> list[tuple[str, str, int, int]]:
        """The finding(s) a match makes, after the checks on negation, person and the rest of the sentence:
        (category, signal, first token, last token)."""
        bit = self.words.bit
        start = self.sentence_starts[sentence]
        end = self.sentence_end(sentence)
        sentence_mask = self.sentence_masks[sentence]
        if rule.unless & sentence_mask:
            return []
        if rule.needs and not rule.needs & (self.text_mask if rule.needs_text else sentence_mask):
            return []
        if rule.negatable and self.negated(first, last, start, end):
            return []
        category = rule.category
        subject_index = None
        if rule.who != "any":
            person, subject_index, impersonal = self.subject(first, last, start)
            if rule.who == "violence":
                if person in ("1", "2", "1pl") or (person is None and (impersonal or first == start)):
                    return []  # "jag slog mig", "det slog mig", and "Slog mig på knät" (the writer did)
            else:
                inside = self.masks[first : last + 1]
                reflexive3 = any(mask & (bit["REFL3"] | bit["POSS3"]) for mask in inside)
                object1 = self.names_writer(max(first, (subject_index or 0) + 1), last)
                if person == "conflict":
                    if rule.conflict_drops:
                        return []
                    person = "3"
                if reflexive3 and person not in ("2", "gen"):
                    category = "relative"
                elif person == "3":
                    if object1 or rule.third == "drop":
                        return []
                    category = "relative"
                elif person in ("2", "1pl"):
                    return []
        if category == "relative" and subject_index is not None and subject_index < first:
            first = subject_index  # the excerpt shows whose words they were: "hon vill ta sitt liv"
        findings = [(category, rule.signal, first, last)]
        if rule.plan_if & sentence_mask and category != "relative":
            reason = "tidpunkt" if sentence_mask & bit["TIME"] else "beslut"
            findings.append(("plan", f"{rule.signal} + {reason}", first, last))
        return findings

    def excerpt(self, sentence: int, first: int, last: int) -> str:
        """The matched words as the member wrote them, at most EXCERPT_MAX characters."""
        excerpt = self.text[self.span(sentence, first)[0] : self.span(sentence, last)[1]]
        if len(excerpt) > EXCERPT_MAX:
            excerpt = excerpt[: EXCERPT_MAX - 1].rstrip() + "…"
        return excerpt

    def names_writer(self, first: int, last: int) -> bool:
        """Whether the writer is the object ("mig", "mitt liv"), not the possessive of a relative ("min
        son")."""
        bit = self.words.bit
        for index in range(first, last + 1):
            mask = self.masks[index]
            if mask & (bit["OBJ1"] | bit["MYSELF"]):
                return True
            following = self.masks[index + 1] if index + 1 < len(self.masks) else 0
            if mask & bit["POSS1"] and not following & (bit["KIN"] | bit["AMBIGKIN"]):
                return True
        return False

    def negated(self, first: int, last: int, start: int, end: int) -> bool:
        """A negation just before the match ("aldrig velat dö", "don't want to die", "inte så att jag vill
        dö"),
        or right after it in Swedish word order ("skär mig inte"). "can't stop thinking" is no negation, nor
        one that belongs to a clause of its own ("nobody knows I want to die")."""
        bit = self.words.bit
        negation = bit["NEG"] | bit["NEGQ"]
        barrier = bit["SEP"] | bit["CONJ"]
        subject = bit["P1S"] | bit["P3S"]
        masks = self.masks
        crossed_subject = False
        for index in range(first - 1, max(start, first - 3) - 1, -1):
            mask = masks[index]
            if mask & barrier:
                break
            if mask & bit["SUBORD"]:
                # "inte så att …", "not that …": the negation governs the clause after it.
                before = masks[max(start, index - 2) : index]
                return bool(before) and (
                    bool(before[-1] & bit["NEG"])
                    or (len(before) == 2 and bool(before[0] & bit["NEG"]) and bool(before[1] & bit["FILLER"]))
                )
            if mask & negation and not crossed_subject:
                following = masks[index + 1] if index + 1 < len(masks) else 0
                if following & (bit["STOP"] | bit["OTHER"]):
                    continue  # "kan inte sluta tänka på …", "ser inget annat än …"
                if following & (bit["ANYMORE"] | bit["PREP"]) and index + 1 < first:
                    continue  # "orkar inte mer vill bara dö", "inte på semester, bort från livet"
                return True
            if mask & subject:
                crossed_subject = True
        # Swedish puts the negation after the verb and its object: "skär mig inte (längre)".
        after = masks[last + 1] if last + 1 < end else 0
        if not after & bit["NEG"] or after & bit["NEGQ"]:
            return False
        return last + 2 >= end or bool(masks[last + 2] & (bit["ANYMORE"] | bit["FILLER"] | bit["SEP"]))

    def subject(self, first: int, last: int, start: int) -> tuple[str | None, int | None, bool]:
        """Whose act the match is: "1", "1pl", "2", "3", "gen" ("man", "one"), "conflict" (I wish that she …)
        or None (no subject said: the writer, as in "vill bara dö"); the subject's token; whether an
        impersonal "det"/"it" stands nearer than any person."""
        inside, inside_index = None, None
        for index in range(first, last + 1):
            person = self.person(index, start)
            if person:
                inside, inside_index = person, index
                break
        before, before_index, impersonal = None, None, False
        for index in range(first - 1, max(start, first - SUBJECT_REACH) - 1, -1):
            mask = self.masks[index]
            if mask & self.words.bit["SEP"]:
                break
            person = self.person(index, start)
            if person:
                before, before_index = person, index
                break
            if mask & self.words.bit["IT"]:
                impersonal = True
        if inside == "3" and before == "1":
            return "conflict", inside_index, impersonal
        if inside:
            return inside, inside_index, False
        return before, before_index, impersonal

    def person(self, index: int, start: int) -> str | None:
        """The person a token names as a subject; a relative after a preposition is an object ("om mamma")."""
        bit = self.words.bit
        mask = self.masks[index]
        if mask & bit["P2S"]:
            return "2"
        if mask & bit["P1S"]:
            return "1pl" if mask & bit["P1PL"] else "1"
        if mask & bit["GENERIC"] and not mask & bit["KIN"]:
            return "gen"  # "man", "one": the writer speaking in general ("hur tar man livet av sig")
        if mask & (bit["P3S"] | bit["KIN"]):
            previous = self.masks[index - 1] if index > start else 0
            if previous & bit["POSS"] and index - 1 > start:
                previous = self.masks[index - 2]
            following = self.masks[index + 1] if index + 1 < len(self.masks) else 0
            if mask & bit["KIN"] and previous & bit["PREP"] and not following & bit["REL"]:
                return None  # "om mamma" is an object; "med en man som …" is the relative clause's subject
            return "3"
        return None
