"""Adapters that run the pure-Python environments inside frameworks (Inspect for evaluation, TRL for training)."""
