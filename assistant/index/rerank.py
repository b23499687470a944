"""Rerank: reorder the head of the fused list by a linear model over how each chunk matches the question.

RRF sees only ranks. The reranker also sees how much of the question a chunk holds (IDF-weighted words,
adjacent word pairs, the longest run of the question's words in order, its numbers), whether it is a
table whose row label the question names, its BM25 score and cosine against the best, and its length.
Whether a chunk is a table is deliberately not a feature: TAT-QA's answers mostly sit in tables, and
that prior ranked a valuation table above the note a question was about. The weights are fitted by
`eval/fit_reranker.py` on TAT-QA's tuning half (pairwise logistic regression: a gold chunk should
outscore each other candidate of its question) and live in `rerank_model.json`; eval/README.md has the
held-out figures.

Only chunks in the question's language are reordered, among the places they already hold: the
cross-language weighting of the fused list (search.py, `_weights`) keeps its slots.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.index.bm25 import BM25Index, tokenize, with_pairs

FEATURES = (
    "log_rank",  # place in the fused list
    "bm25",  # BM25 score / the query's best BM25 score
    "cosine",  # dense similarity to the question
    "cosine_gap",  # ... minus the best similarity in the index
    "coverage",  # IDF-weighted share of the question's words the chunk holds
    "pair_coverage",  # share of the question's adjacent word pairs the chunk holds
    "phrase_run",  # longest run of the question's words found as consecutive pairs (capped)
    "number_coverage",  # share of the question's numbers (years included) the chunk holds
    "row_label",  # words in the longest table row label that the question contains (capped)
    "length",  # log of the chunk's length in characters
)
DENSE = ("cosine", "cosine_gap")  # scaled to the embedder the model was fitted with
# more of the question in the chunk must not lower its score
MONOTONE = ("bm25", "cosine", "coverage", "pair_coverage", "phrase_run", "number_coverage", "row_label")
MODEL_PATH = Path(__file__).with_name("rerank_model.json")
_CAP = 6
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_NUMERIC_CELL = re.compile(r"[\d\s$€£¥%(),.—–\-]*")


@dataclass(frozen=True)
class RerankModel:
    """Standardise each feature, then a weighted sum: higher is better."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    trained_on: str = ""
    embedder: str = ""  # whose cosines the dense features were fitted on

    def score(self, x: np.ndarray, embedder: str | None = None) -> np.ndarray:
        """Scores for feature rows. Another embedder's cosines live on another scale (hash, USE), so
        for one the dense features are held at their mean and only the rest decide."""
        if embedder is not None and embedder != self.embedder:
            x = x.copy()
            for name in DENSE:
                x[:, FEATURES.index(name)] = self.mean[FEATURES.index(name)]
        return ((x - self.mean) / self.scale) @ self.weights

    def save(self, path: Path = MODEL_PATH) -> None:
        data = {
            "features": list(FEATURES),
            "mean": self.mean.round(6).tolist(),
            "scale": self.scale.round(6).tolist(),
            "weights": self.weights.round(6).tolist(),
            "trained_on": self.trained_on,
            "embedder": self.embedder,
        }
        path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> RerankModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        if tuple(data["features"]) != FEATURES:
            raise ValueError(f"{path} was fitted for other features: run eval/fit_reranker.py")
        arrays = (np.asarray(data[k], np.float64) for k in ("mean", "scale", "weights"))
        return cls(*arrays, data.get("trained_on", ""), data.get("embedder", ""))


@lru_cache(maxsize=1)
def default_model() -> RerankModel | None:
    """The shipped model, or None (no reranking) when the file is missing or stale."""
    try:
        return RerankModel.load()
    except (OSError, ValueError, KeyError):
        return None


def _row_labels(text: str) -> list[list[str]]:
    """The first cell with words in each line of a Markdown table, as tokens."""
    labels = []
    for line in text.splitlines():
        if line.lstrip().startswith("|"):
            cells = (c.strip() for c in line.strip().strip("|").split("|"))
            label = next((c for c in cells if c and not _NUMERIC_CELL.fullmatch(c)), "")
            if label and set(label) != {"-"}:
                labels.append(tokenize(label))
    return [t for t in labels if t]


def _longest_label_in(query: Sequence[str], labels: list[list[str]]) -> int:
    joined = " " + " ".join(query) + " "
    return max((len(t) for t in labels if f" {' '.join(t)} " in joined), default=0)


def features(
    query: str,
    rows: Sequence[int],
    texts: Sequence[str],
    bm25: BM25Index,
    bm25_scores: np.ndarray,
    cosines: np.ndarray,
    best_cosine: float,
) -> np.ndarray:
    """One row of FEATURES per candidate (`rows` in fused order, `texts`/`cosines` aligned with them)."""
    words = tokenize(query)
    unique = list(dict.fromkeys(words))
    pairs = with_pairs(words)[len(words) :]
    cand = np.asarray(rows, np.int64)
    n_docs = max(1, bm25.n_docs)
    held: dict[str, np.ndarray] = {}
    idf: dict[str, float] = {}
    for tok in dict.fromkeys(unique + pairs):
        held[tok], df = bm25.holding(tok, cand)
        idf[tok] = math.log(1 + (n_docs - df + 0.5) / (df + 0.5))
    total_idf = sum(idf[w] for w in unique) or 1.0
    numbers = [w for w in unique if _NUMBER.fullmatch(w)]
    best_bm25 = float(bm25_scores.max()) if bm25_scores.size else 0.0
    out = np.zeros((len(cand), len(FEATURES)), np.float64)
    for i, (row, text) in enumerate(zip(cand, texts, strict=True)):
        run = best = 0
        for p in pairs:
            run = run + 1 if held[p][i] else 0
            best = max(best, run)
        out[i] = (
            math.log(i + 1),
            float(bm25_scores[row]) / best_bm25 if best_bm25 > 0 else 0.0,
            cosines[i],
            cosines[i] - best_cosine,
            sum(idf[w] for w in unique if held[w][i]) / total_idf,
            sum(held[p][i] for p in pairs) / max(1, len(pairs)),
            min(best + 1 if best else 0, _CAP),
            sum(held[w][i] for w in numbers) / max(1, len(numbers)),
            min(_longest_label_in(words, _row_labels(text)), _CAP),
            math.log1p(len(text)),
        )
    return out


def reorder(scores: np.ndarray, movable: Sequence[bool]) -> list[int]:
    """Positions in the new order: movable candidates sorted by score within the places they hold."""
    slots = [i for i, m in enumerate(movable) if m]
    ranked = sorted(slots, key=lambda i: (-scores[i], i))
    order = list(range(len(movable)))
    for slot, i in zip(slots, ranked, strict=True):
        order[slot] = i
    return order


def fit_pairwise(
    groups: Sequence[tuple[np.ndarray, np.ndarray]], l2: float = 1.0, steps: int = 30
) -> RerankModel:
    """Fit weights so that in each group (one question's candidates) a gold row outscores every other row.

    `groups` holds (features, is_gold) per question. Logistic loss on feature differences, by Newton
    steps. Holding more of the question must never count against a chunk: a MONOTONE feature that comes
    out negative is dropped and the rest refitted (on TAT-QA, with a table flag among the features, the
    question's numbers did: mostly years, which every table holds).
    """
    stacked = np.concatenate([x for x, _ in groups])
    mean, scale = stacked.mean(0), stacked.std(0) + 1e-9
    diffs = []
    for x, gold in groups:
        z = (x - mean) / scale
        pos, neg = z[gold], z[~gold]
        if len(pos) and len(neg):
            diffs.append((pos[:, None, :] - neg[None, :, :]).reshape(-1, z.shape[1]))
    if not diffs:
        raise ValueError("no question has both a gold and a non-gold candidate")
    d = np.concatenate(diffs)
    d = np.concatenate([d, -d])  # symmetric pairs: no bias term needed
    y = np.r_[np.ones(len(d) // 2), np.zeros(len(d) // 2)]
    keep = np.ones(d.shape[1], bool)
    while True:
        w = np.zeros(d.shape[1])
        dk = d[:, keep]
        wk = np.zeros(dk.shape[1])
        for _ in range(steps):
            p = 1 / (1 + np.exp(-(dk @ wk)))
            grad = dk.T @ (p - y) + l2 * wk
            hess = (dk * (p * (1 - p))[:, None]).T @ dk + l2 * np.eye(len(wk))
            wk -= np.linalg.solve(hess, grad)
        w[keep] = wk
        wrong = [i for i, name in enumerate(FEATURES) if name in MONOTONE and w[i] < 0]
        if not wrong:
            return RerankModel(mean, scale, w)
        keep[wrong] = False
