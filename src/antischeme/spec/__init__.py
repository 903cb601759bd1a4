"""The anti-scheming specification as data: principles with stable ids, a prompt rendering, a content hash."""

from antischeme.spec._spec import PRINCIPLE_IDS, Principle, Spec, load_spec

__all__ = ["PRINCIPLE_IDS", "Principle", "Spec", "load_spec"]
