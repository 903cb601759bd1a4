"""Inspect AI entry point: importing this registers antischeme tasks and model providers."""
