"""ZI Assistant's domain: the LKE, scoring, Lampiran II thresholds, services and persistence.

This package never imports `telegram` or `bot` (DESIGN.md section 5).
"""
