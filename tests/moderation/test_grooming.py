"""The grooming detector: precision and recall per category on the labelled corpus, plus the rules that
matter most named one by one."""

from __future__ import annotations

from pathlib import Path

import pytest

from moderation.grooming import CATEGORIES, find_grooming_signals, fold, grooming_categories

CORPUS = Path(__file__).with_name("grooming_corpus.tsv")
MIN_RECALL = 0.95
MIN_PRECISION = 0.90


def corpus() -> list[tuple[set[str], str]]:
    """(labels, sentence) pairs; `none` is the empty set."""
    rows = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, sentence = line.split("\t", 1)
        labels = set(label.split(",")) - {"none"}
        assert labels <= set(CATEGORIES), line
        rows.append((labels, sentence))
    return rows


def scores() -> dict[str, dict]:
    """True and false positives and false negatives per category, with the sentences that went wrong."""
    table = {category: {"tp": 0, "fp": [], "fn": []} for category in CATEGORIES}
    for labels, sentence in corpus():
        found = set(grooming_categories(sentence))
        for category in CATEGORIES:
            if category in found and category in labels:
                table[category]["tp"] += 1
            elif category in found:
                table[category]["fp"].append(sentence)
            elif category in labels:
                table[category]["fn"].append(sentence)
    return table


def test_corpus_is_large_and_mostly_everyday_swedish():
    rows = corpus()
    assert len(rows) >= 200
    assert sum(1 for labels, _ in rows if not labels) >= len(rows) / 2
    for category in CATEGORIES:
        assert sum(1 for labels, _ in rows if category in labels) >= 25, category


def test_precision_and_recall_per_category(capsys):
    table = scores()
    lines = [f"{'category':<18} {'precision':>9} {'recall':>7} {'tp':>4} {'fp':>4} {'fn':>4}"]
    failures = []
    for category, row in table.items():
        tp, fp, fn = row["tp"], len(row["fp"]), len(row["fn"])
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        lines.append(f"{category:<18} {precision:>9.3f} {recall:>7.3f} {tp:>4} {fp:>4} {fn:>4}")
        lines.extend(f"    false positive: {sentence}" for sentence in row["fp"])
        lines.extend(f"    missed: {sentence}" for sentence in row["fn"])
        if precision < MIN_PRECISION or recall < MIN_RECALL:
            failures.append(category)
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    assert failures == [], "\n".join(lines)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("har du snap?", "contact_elsewhere"),
        ("Lägg till mig på Snapchat", "contact_elsewhere"),
        ("ring mig 070-123 45 67", "contact_elsewhere"),
        ("skriv privat", "contact_elsewhere"),
        ("HUR GAMMAL ÄR DU", "asks_age"),
        ("hur gammal e du", "asks_age"),
        ("skicka en bild pa dig", "asks_photos"),
        ("ska vi ses?", "meet"),
        ("var bor du", "meet"),
    ],
)
def test_requests_are_found_whatever_the_casing_or_keyboard(text, category):
    assert category in grooming_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "min mamma har snapchat",
        "hur gammal var din pappa när han fick diagnosen",
        "vi träffade kuratorn",
        "ring BRIS på 116 111 eller Anhöriglinjen 0200-239 500",
        "skicka aldrig bilder på dig själv till någon du inte känner",
        "Är du under 18 kan du ringa BRIS",
    ],
)
def test_everyday_talk_and_warnings_are_not_signals(text):
    assert find_grooming_signals(text) == []


def test_folding_makes_clauses_and_drops_accents_and_colons():
    assert fold("Du är fin, SKICKA en bild!") == "du ar fin | skicka en bild |"
    assert fold("pm:a mig på WhatsApp") == "pma mig pa whatsapp"


def test_signals_name_their_rule_and_the_words_that_matched():
    (signal,) = find_grooming_signals("vad heter du på snap")
    assert (signal.category, signal.rule) == ("contact_elsewhere", "name_on_platform")
    assert signal.text == "vad heter du pa snap"
