"""Models: the embedded local model (tool emulation, batching) and the scripted schemer/saint policies."""
