"""Finding the figures a reader sees, and matching them at their shown precision."""

from assistant.numbers import find_figures, matches


def _texts(s):
    return [f.text for f in find_figures(s)]


def test_units_signs_and_separators():
    figs = find_figures("It fell -0.51 %, a 1.72x ratio, 2,692.23点, 40%, 3 bp, 1.2万, 18倍 [1].")
    assert [(f.value, f.unit) for f in figs] == [
        (-0.51, "%"), (1.72, "x"), (2692.23, "点"), (40.0, "%"), (3.0, "bp"), (1.2, "万"), (18.0, "倍")]


def test_dates_years_citations_and_index_names_are_skipped():
    assert _texts("2025-12-01, 2026年1月16日, 1月16日, Jan 16, 2026, since 1927, [12], 【3】") == []
    assert _texts("Russell 2000, 罗素2000, S&P 500, 标普500, Nasdaq-100") == []


def test_matching_respects_shown_precision_and_percent_fractions():
    (f,) = find_figures("7.8%")
    assert matches(f, [7.8306])
    assert matches(f, [0.078306])
    assert not matches(f, [7.9])
    (g,) = find_figures("11")
    assert matches(g, [11]) and matches(g, [10.6]) and not matches(g, [10.4])
