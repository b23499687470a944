"""Offline evaluation: question sets, pure scorers, the runner, reports and dataset adapters."""
