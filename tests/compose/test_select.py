"""Choosing the sentence that answers: names the note is about, spans of time, other companies."""

from __future__ import annotations

from assistant.compose.select import best_support, coverage, topic_terms

FLOATING = (
    "About 40% of Russell 2000 companies' debt is floating-rate. The difference decides who feels a Fed cut "
    "first.\n\n## The transmission\n\nWhen the policy rate falls, floating-rate borrowers see lower coupons at "
    "the next reset, typically within 1 to 3 months. A large company with fixed-rate bonds sees little change."
)
FLOATING_ZH = (
    "利率下行同样有帮助，罗素2000成分公司约40%的债务为浮动利率，美联储降息后利息支出会较快下降。"
    "政策利率下调后，浮动利率借款人通常在1到3个月内的下一个重定价日就能享受更低的利率。"
)


def test_a_name_the_note_is_about_need_not_be_in_every_sentence() -> None:
    question = "How soon after a Fed cut do floating-rate borrowers see lower coupons?"
    terms = topic_terms(question)
    sentence = "When the policy rate falls, floating-rate borrowers see lower coupons at the next reset."
    assert coverage(terms, sentence) == 0  # "Fed" is a name the sentence does not mention
    assert coverage(terms, sentence, "Floating-rate debt small caps Fed") > 0.5  # ... but its note is tagged Fed
    best = best_support(question, [FLOATING], contexts=["Floating-rate debt: why rate cuts reach small caps first Fed"])
    assert best and "1 to 3 months" in best[0].sentence


def test_a_name_neither_the_sentence_nor_the_note_mentions_still_rules_it_out() -> None:
    question = "What is Tesla's forward P/E?"
    passage = "The S&P 500 trades at a forward P/E of 31 against 18 for the Russell 2000."
    assert best_support(question, [passage], contexts=["Valuation gap valuation"]) == []


def test_how_long_wants_a_span_of_time() -> None:
    best = best_support("美联储降息后，浮动利率借款人多久能享受到更低的利率？", [FLOATING_ZH], threshold=0.3)
    assert best and "1到3个月" in best[0].sentence
    # no sentence states a span of time: nothing answers "how long", however many words match
    assert best_support("How long do floating-rate borrowers wait?", ["Floating-rate borrowers hold 40% of debt."],
                        threshold=0.3) == []


def test_which_year_wants_a_year() -> None:
    passage = (
        "A long-run average of 2.85% a year is a reason to keep small caps. Small caps have outperformed "
        "large caps by about 2.85% per year on average since 1927."
    )
    best = best_support("Since which year is the size premium of about 2.85% a year measured?", [passage],
                        threshold=0.3)
    assert best and "1927" in best[0].sentence
