"""Code shared by the sandbagging families (QA with/without goal, grading CoT, smuggle capabilities).

Not a family itself (the registry skips packages starting with ``_``).
"""
