"""Cited: answers market questions with numbered, checkable references."""

__version__ = "0.1.0"
