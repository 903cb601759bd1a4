"""antischeme: stress-testing anti-scheming training of LLM agents."""

__version__ = "0.1.0"
