"""The verifier: citations must exist, numbers must trace, every removal is recorded."""

from assistant.ledger import EvidenceLedger, renumber
from assistant.models import Passage
from assistant.verify import verify
from tools.base import Provenance, ToolResult


class ReturnResult(ToolResult):
    return_pct: float
    start_close: float
    end_close: float


def _ledger() -> EvidenceLedger:
    ledger = EvidenceLedger()
    ledger.add_result(ReturnResult(
        tool="price_return", summary="^RUT rose 7.83%", computation="2692.23 / 2496.72 - 1 = 7.83 %",
        return_pct=7.8306, start_close=2496.72, end_close=2692.23,
        provenance=Provenance(series=["^RUT"], source="demo", demo=True)))
    ledger.add_passage(Passage(chunk_id="c1", doc_id="d1", title="Valuation gap",
                               text="The Russell 2000 trades at about 18 times forward earnings, versus 31 for the S&P 500."))
    return ledger


def test_injected_reference_is_removed_and_recorded():
    v = verify("The Russell 2000 rose 7.83% [1] and is cheap [9].", _ledger())
    assert "[9]" not in v.text
    assert "[1]" in v.text
    assert v.removed_citations == [9]
    assert any("[9]" in w for w in v.warnings)
    assert not v.grounded


def test_untraceable_number_is_flagged():
    v = verify("The Russell 2000 rose 12.34 % [1].", _ledger())
    assert v.untraceable == ["12.34 %"]
    assert not v.grounded
    assert any("12.34" in w for w in v.warnings)


def test_traceable_numbers_after_rounding_pass():
    v = verify("The Russell 2000 rose 7.8% to 2,692.23 [1]. It trades at 18x against 31x [2].", _ledger())
    assert v.grounded, v.warnings
    assert v.untraceable == []


def test_passage_numbers_count_only_where_cited():
    # 18 is in passage [2], which this sentence does not cite; 18 is in no tool result either
    v = verify("The index trades at 18 times earnings [1].", _ledger())
    assert v.untraceable == ["18 times"]


def test_fullwidth_and_grouped_citations_are_understood():
    v = verify("罗素2000上涨7.83%【1】，远期市盈率约18倍[1,2]。", _ledger())
    assert v.grounded, v.warnings
    assert "【" not in v.text
    assert v.cited == [1, 2]
    v = verify("Both [1][2] and [1, 2, 7] work.", _ledger())
    assert v.removed_citations == [7]
    assert "[1, 2]" in v.text


def test_dates_years_and_names_are_not_claims():
    v = verify("From 2025-12-01 to 2026年1月16日 and since 1927, the Russell 2000 and 标普500 rose 7.83% [1].",
               _ledger())
    assert v.grounded, v.warnings


def test_renumber_compacts_in_order_of_first_citation():
    ledger = _ledger()
    text, refs = renumber("Cheap [2]. Up [1]. Again [2].", ledger.references)
    assert text == "Cheap [1]. Up [2]. Again [1]."
    assert [r.n for r in refs] == [1, 2]
    assert refs[0].kind == "passage" and refs[1].kind == "data"


def test_ledger_deduplicates_the_same_passage():
    ledger = _ledger()
    again = ledger.add_passage(Passage(chunk_id="c1", doc_id="d1", title="Valuation gap", text="x"))
    assert again.n == 2
    assert len(ledger) == 2
