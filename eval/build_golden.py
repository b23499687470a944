"""Build the golden question sets from data, never from Cited's answers.

    python eval/build_golden.py           # writes eval/golden.jsonl and eval/market.jsonl
    python eval/build_golden.py --check   # exit 1 when the files on disk differ from a fresh build

golden.jsonl: the demo prices (regenerated with the demo generator's fixed seed) and the demo notes;
numbers computed by golden_metrics.py with plain pandas, note facts written by hand (golden_hand.py).
market.jsonl: the real daily closes under ../shared/data/market, read straight from the CSVs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(HERE), str(REPO)]

import golden_demo  # noqa: E402
import golden_hand  # noqa: E402
import golden_market  # noqa: E402
from golden_common import demo_closes, market_closes  # noqa: E402
from golden_metrics import daily_vol, pct_return, r2, record_close, streak, window  # noqa: E402

from assistant.evals.dataset import EvalItem, dump_item  # noqa: E402
from assistant.evals.fixtures import MARKET_FILES, shared_data_dir  # noqa: E402

GOLDEN = HERE / "golden.jsonl"
MARKET = HERE / "market.jsonl"


def check_seed(c) -> None:
    """The demo data must reproduce the seed article; if not, the generator changed and answers drift."""
    rut, spx = c["^RUT"], c["^GSPC"]
    assert r2(rut.iloc[-1]) == 2692.23, rut.iloc[-1]
    assert r2(pct_return(rut, "2025-12-01", "2026-01-16")) == 7.83
    assert r2(daily_vol(window(rut, "2025-12-01", "2026-01-16"))) == 0.86
    assert streak(rut, spx) == 11
    assert record_close(rut)[0] == rut.iloc[-1]


def build_golden() -> list[EvalItem]:
    c = demo_closes()
    check_seed(c)
    raw = golden_demo.all_items(c) + golden_hand.all_items(c)
    return [EvalItem.model_validate(x) for x in raw]


def build_market() -> list[EvalItem]:
    c = market_closes(shared_data_dir() / "market", MARKET_FILES)
    return [EvalItem.model_validate(x) for x in golden_market.items(c)]


def render(items: list[EvalItem]) -> str:
    return "\n".join(dump_item(i) for i in items) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="compare with the files on disk instead of writing"
    )
    args = parser.parse_args(argv)
    sets = [(GOLDEN, build_golden())]
    if (shared_data_dir() / "market").is_dir():
        sets.append((MARKET, build_market()))
    else:
        print(f"skipping {MARKET.name}: {shared_data_dir() / 'market'} not found", file=sys.stderr)
    stale = []
    for path, items in sets:
        text = render(items)
        langs = {lang: sum(1 for i in items if i.lang == lang) for lang in ("en", "zh")}
        refuse = sum(1 for i in items if i.answer_type == "refuse")
        if args.check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(path.name)
            continue
        path.write_text(text, encoding="utf-8")
        print(
            f"wrote {path.relative_to(REPO)}: {len(items)} items ({langs['en']} en, {langs['zh']} zh, "
            f"{refuse} unanswerable)"
        )
    if stale:
        print(f"out of date: {', '.join(stale)}; run python eval/build_golden.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
