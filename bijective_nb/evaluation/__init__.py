"""Scoring texts of any length and the lm-evaluation-harness adapter (05e, 05f)."""
