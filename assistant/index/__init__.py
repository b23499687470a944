"""The source index: research notes in, cited passages out.

chunking.py  files → Document → Chunk (ids = hash of doc id + text, so ingest is idempotent)
embed.py     Embedder protocol: e5 (default), USE, OpenAI-compatible endpoint, hash (tests)
store.py     Chroma, the store of record: one collection per embedder + chunker version
cache.py     derived search cache beside Chroma: vector matrix, filter columns, BM25 (bm25.py)
search.py    SourceIndex: BM25 + one dense list per language, fused by reciprocal rank
ingest.py    pipelined, resumable ingestion with a report
"""
