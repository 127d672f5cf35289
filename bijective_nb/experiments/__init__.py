"""Experiments and benchmarks (chapter 07): speed, memory and generation benchmarks, run comparison, epochs and data-constrained tests, provenance stamps."""
