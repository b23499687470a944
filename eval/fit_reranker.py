"""Fit the reranker's weights (assistant/index/rerank_model.json) on TAT-QA dev's tuning half.

    cited eval convert tatqa ../shared/data/tatqa/tatqa_dataset_dev.json -o eval/tatqa_dev.jsonl
    python eval/fit_reranker.py eval/tatqa_dev.jsonl [--workdir /tmp/tatqa-index]

Every context of the file goes into one index (as `cited eval retrieval` does); each tuning question's
fused candidates are labelled gold or not, and a pairwise logistic model is fitted. The held-out half is
never looked at here: measure it with `cited eval retrieval eval/tatqa_dev.jsonl --split heldout`.
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import tempfile
from pathlib import Path

import numpy as np

from assistant.config import get_settings
from assistant.evals import fixtures
from assistant.evals.dataset import load_items
from assistant.index.rerank import FEATURES, MODEL_PATH, fit_pairwise
from assistant.index.search import SourceIndex


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("items", type=Path)
    parser.add_argument("--workdir", type=Path, help="Keep (and reuse) the index here.")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args()

    items = load_items(args.items)
    root = args.workdir or Path(tempfile.mkdtemp(prefix="cited-fit-"))
    try:
        settings = fixtures.settings_for(get_settings(), root / "index")
        fixtures.ingest_contexts(fixtures.contexts_of(items), settings, progress=True)
        index = SourceIndex.open(settings)
        groups = []
        for item in items:
            if item.split != "tune" or not item.expected_chunks:
                continue
            passages, x, _ = index.rerank_candidates(item.question)
            gold = np.array([p.doc_id in item.expected_chunks for p in passages], bool)
            groups.append((x, gold))
        model = fit_pairwise(groups)
        found = sum(g.any() for _, g in groups)
        model = dataclasses.replace(
            model,
            trained_on=f"{args.items.name}, split tune: {len(groups)} questions, "
            f"{found} with a gold chunk among the candidates",
            embedder=index.embedder.name,
        )
        model.save(args.out)
        print(f"wrote {args.out} ({model.trained_on})")
        for name, w in zip(FEATURES, model.weights, strict=True):
            print(f"  {name:16s} {w:+.3f}")
    finally:
        if args.workdir is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
