"""Helpers shared by the sabotage families (email scoring, sabotage math/safety, subagent collusion)."""
