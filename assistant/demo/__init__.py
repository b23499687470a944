"""Demo content shipped with Cited: synthetic research notes (markdown with YAML front matter) in notes/."""

from __future__ import annotations

from pathlib import Path


def notes_dir() -> Path:
    """The folder holding the demo research notes, one `*.md` file per note."""
    return Path(__file__).resolve().parent / "notes"
