"""Composing the answer text from the ledger (TemplateComposer offline, LLMComposer with a model)."""
