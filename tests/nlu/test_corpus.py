"""The labelled corpus: >= 150 phrases per language, >= 97 % exact per language.

A phrase is exact when the due moment (to the minute, with its offset), the recurrence
rule, the client, the kind and the set of problem codes all match the label.
"""

from __future__ import annotations

import pytest

from tests.nlu.corpus_support import LANGS, differences, load, run

THRESHOLD = 0.97


@pytest.mark.parametrize("lang", LANGS)
def test_corpus_accuracy_at_least_97_percent(lang, nlu_parser, capsys):
    rows = load(lang)
    assert len(rows) >= 150
    failures = []
    for row in rows:
        wrong = differences(row, run(nlu_parser, row))
        if wrong:
            failures.append(f"{row['text']!r}: {'; '.join(wrong)}")
    accuracy = 1 - len(failures) / len(rows)
    with capsys.disabled():
        print(
            f"\nnlu corpus {lang}: {accuracy:.1%} exact ({len(rows) - len(failures)}/{len(rows)})"
        )
        for failure in failures:
            print("  MISS", failure)
    assert accuracy >= THRESHOLD, "\n".join(failures)


def test_corpus_labels_are_well_formed():
    """Every label names a known kind and known problem codes, in all four languages."""
    from bot.nlu import KINDS, PROBLEM_CODES

    for lang in LANGS:
        for row in load(lang):
            assert row["kind"] in KINDS, row
            assert set(row["problems"]) <= set(PROBLEM_CODES), row
            assert row["lang"] == lang
