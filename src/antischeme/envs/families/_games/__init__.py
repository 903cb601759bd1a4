"""Shared code of the strategic-deception game families (blotto_game, prisoners_dilemma): event settings, the
wording of the match channel, and how a message to the opponent is read (accept / decline / retract)."""
