"""Training (chapters 04 and 06): data, the config and presets, checkpoints, metrics, the optimiser, the loop, the command line, data-parallel runs."""
