"Tooling around the library (sweeps, docs preview): not part of its core; needs the `[tools]` extra."
