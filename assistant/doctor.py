"""`cited doctor`: what is configured, which embedder runs and why, and what data is there."""

from __future__ import annotations

from rich.console import Console

from assistant.config import Settings


def run_doctor(settings: Settings) -> int:
    """Print the checks; return 0 when everything needed to answer is in place, else 1."""
    console = Console()
    ok = True

    def line(label: str, value: str, good: bool = True) -> None:
        mark = "[green]✓[/green]" if good else "[red]✗[/red]"
        console.print(f"{mark} [bold]{label}[/bold]: {value}")

    line("data dir", str(settings.data_dir.resolve()))
    embedder_name = None
    try:
        from assistant.index.embed import get_embedder

        embedder, why = get_embedder(settings)
        embedder_name = embedder.name
        line("embedder", f"{embedder.name} ({embedder.dim}-d) — {why}")
    except Exception as exc:  # doctor reports problems instead of raising them
        ok = False
        line("embedder", f"unavailable: {exc}", False)

    from assistant.data.store import PriceStore

    infos = PriceStore(settings.prices_dir).symbols()
    demo = sum(1 for i in infos if i.demo)
    line("prices", f"{len(infos)} series ({demo} demo)" if infos else "none — run `cited demo`", bool(infos))
    ok &= bool(infos)
    try:
        from assistant.index.search import SourceIndex

        index = SourceIndex.open(settings)
        n = index.count()
        line("sources", f"{n} chunks in {len(index.documents())} documents" if n else "empty — run `cited demo`",
             bool(n))
        ok &= bool(n)
    except Exception as exc:
        ok = False
        line("sources", f"cannot open the index: {exc}", False)

    from assistant.index.rerank import MODEL_PATH, default_model

    model = default_model()
    if settings.rerank_depth <= 1:
        line("reranker", "off (CITED_RERANK_DEPTH)")
    elif model is None:  # search still works, on the fused list alone
        line("reranker", f"no usable weights in {MODEL_PATH.name}: fused ranking only", False)
    else:
        cosines = "its cosines count" if model.embedder == embedder_name else (
            f"fitted with {model.embedder or 'another embedder'}, so cosines are left out")
        line("reranker", f"top {settings.rerank_depth}, fitted on {model.trained_on}; {cosines}")

    from assistant.llm.doctor import check_llm  # one small request, only when a model is configured

    for check in check_llm(settings):
        line(check.label, check.value, check.good)
        ok &= check.good
    return 0 if ok else 1
