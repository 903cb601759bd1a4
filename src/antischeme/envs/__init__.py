"""Environments: the pure-Python core, the families and the suite registry."""
