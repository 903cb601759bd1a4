"""Evaluation and training families: one package per family, each defining FAMILY."""
