"""The reversible backbone (chapters 00–01): couplings, transformer layers and their caches, the invertible block and its stack, devices."""
