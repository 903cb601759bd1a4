"""Stress tests of anti-scheming training: causal awareness interventions and declared experiments."""
