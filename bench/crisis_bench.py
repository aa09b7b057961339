"""Crisis detector benchmark: sentences per second and µs per 1,000-character message.

    .venv/bin/python -m bench.crisis_bench            # 20 rounds over the labelled sentences, 2,000 messages
    .venv/bin/python -m bench.crisis_bench --smoke    # one round, 50 messages: checks the script works

The detector runs on every post and chat message, in the request, so it must stay well under a millisecond
for a 1,000-character message. Text comes from tests/moderation/ (the corpus and the development sentences):
ordinary messages are the sentences labelled `none` joined to 1,000 characters, crisis messages the others
(every sentence then has crisis words, so nearly every rule is tried: the worst case). "warm" is the steady
state, every word already in the detector's word cache; "cold" empties the cache before each message, as if
every word were seen for the first time (Snowball stemming and typo matching run for each). Times are the
thread's CPU time, so that other processes on a shared machine do not count as the detector's.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

from bench.harness import print_table
from moderation.crisis import find_crisis
from moderation.crisis_vocabulary import vocabulary

SENTENCES = Path(__file__).parent.parent / "tests" / "moderation"
MESSAGE_CHARACTERS = 1_000


def labelled_sentences() -> list[tuple[str, str]]:
    rows = []
    for name in ("crisis_corpus.tsv", "crisis_dev_sentences.tsv"):
        for line in (SENTENCES / name).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#") and "\t" in line:
                label, sentence = line.split("\t", 1)
                rows.append((label.strip(), sentence.strip()))
    return rows


def messages(sentences: list[str], count: int, seed: int) -> list[str]:
    """Messages of 1,000 characters made of random sentences."""
    chooser = random.Random(seed)
    made = []
    for _ in range(count):
        text = ""
        while len(text) < MESSAGE_CHARACTERS:
            sentence = chooser.choice(sentences)
            text += sentence + ("" if sentence[-1] in ".!?" else ".") + " "
        made.append(text[:MESSAGE_CHARACTERS])
    return made


def time_each(texts: list[str], cold: bool, repeats: int) -> list[float]:
    """Microseconds per text: the best of `repeats` runs of each, so that a moment when the (shared) machine
    was busy elsewhere does not count as the detector's time."""
    cache = vocabulary().cache
    timings = []
    for text in texts:
        best = float("inf")
        for _ in range(repeats):
            if cold:
                cache.clear()
            started = time.thread_time_ns()
            find_crisis(text)
            best = min(best, time.thread_time_ns() - started)
        timings.append(best / 1000)
    return timings


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="one round, 50 messages")
    arguments = parser.parse_args()
    rounds, count, repeats = (1, 50, 2) if arguments.smoke else (20, 1_000, 5)

    started = time.perf_counter()
    vocabulary()
    print(
        f"compiling the lexicon and rules: {(time.perf_counter() - started) * 1000:.0f} ms (once per process)"
    )

    rows = labelled_sentences()
    sentences = [sentence for _label, sentence in rows]
    for sentence in sentences:  # fill the word cache
        find_crisis(sentence)
    started = time.thread_time()
    for _ in range(rounds):
        for sentence in sentences:
            find_crisis(sentence)
    elapsed = time.thread_time() - started
    per_second = rounds * len(sentences) / elapsed
    print_table(
        "Sentences (the labelled corpus and development sentences, warm word cache)",
        ["sentences", "rounds", "sentences per second", "µs per sentence"],
        [[len(sentences), rounds, per_second, 1e6 / per_second]],
    )

    none = [s for label, s in rows if label == "none"]
    ordinary = messages(none, count, seed=1)
    crisis = messages([s for label, s in rows if label != "none"], count, seed=2)
    # A post about caring with one crisis sentence in it, the usual shape of a real one.
    mixed = [
        (crisis_sentence + " " + text)[:MESSAGE_CHARACTERS]
        for crisis_sentence, text in zip(
            random.Random(3).choices([s for label, s in rows if label != "none"], k=count),
            ordinary,
            strict=True,
        )
    ]
    table = []
    for name, texts in (("ordinary", ordinary), ("one crisis sentence", mixed), ("all crisis", crisis)):
        for cold in (False, True):
            if not cold:
                time_each(texts, cold=False, repeats=1)  # warm the cache with these messages' words
            timings = time_each(texts, cold=cold, repeats=repeats)
            table.append(
                [
                    f"{name}, {'cold' if cold else 'warm'}",
                    len(texts),
                    statistics.median(timings),
                    percentile(timings, 0.99),
                    max(timings),
                ]
            )
    print_table(
        f"Messages of {MESSAGE_CHARACTERS:,} characters (µs per message)",
        ["messages", "count", "p50 µs", "p99 µs", "max µs"],
        table,
    )


if __name__ == "__main__":
    main()
