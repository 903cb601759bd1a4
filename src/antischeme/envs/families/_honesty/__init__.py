"""Code shared by the honesty-group families (impossible coding, long document verification, log falsification,
literature QA, powerseeking survey). Not a family itself: the registry skips packages starting with ``_``."""
