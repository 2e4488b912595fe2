"""Benchmarks: scripts that build realistic data and print figures (not tests)."""
