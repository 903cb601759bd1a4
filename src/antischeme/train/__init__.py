"""Deliberative-alignment training: collect (with spec) → filter → build SFT data (spec removed) → SFT → outcome RL."""
