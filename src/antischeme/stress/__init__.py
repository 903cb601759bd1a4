"""Stress tests of anti-scheming training.

Causal evaluation-awareness interventions, read top to bottom as in Thought Branches: :mod:`.base` (base rollouts
from Inspect logs), :mod:`.cut` (the cut point: the first aware sentence, or an insertion point), :mod:`.phrasings`
(inserted sentences), :mod:`.resample` (N continuations, resampled until they no longer verbalise awareness where
asked), :mod:`.interventions` (the continuations finished as Inspect samples, graded and judged), :mod:`.statistics`
(the table: clustered intervals and tests). Declared experiments (hidden-goal organism, capability degradation,
AS+SITA): :mod:`.experiments`.
"""
