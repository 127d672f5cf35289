# The two commands of the README. Each creates the virtual environment if it is missing and installs what it needs.
#   make train   # set up, then run the main job (WikiText-2 from the `datasets` hub, or BNB_DATA_DIR=<folder> offline)
#   make test    # set up, then run the tests (offline: they use the fixture shipped in the package)
# Variables: PYTHON (python3), VENV (.venv), TORCH (the torch requirement: `torch` picks the build for this machine;
# e.g. TORCH=torch==2.13.0 for a CPU wheel), THREADS (torch threads of the main job, 2).
PYTHON ?= python3
VENV ?= .venv
TORCH ?= torch>=2.4
THREADS ?= 2

$(VENV)/.installed: setup.py settings.ini
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q "$(TORCH)"
	$(VENV)/bin/pip install -q -e ".[dev]"
	touch $@

train: $(VENV)/.installed   # AR for half the budget, adapted into the diffusion model (runs/cpu); the AR baseline (runs/cpu-ar)
	OMP_NUM_THREADS=$(THREADS) $(VENV)/bin/bnb-train --preset cpu --ar --steps 600 --out-dir runs/cpu-ar600
	OMP_NUM_THREADS=$(THREADS) $(VENV)/bin/bnb-train --preset cpu-adapt --init-from runs/cpu-ar600 --out-dir runs/cpu
	OMP_NUM_THREADS=$(THREADS) $(VENV)/bin/bnb-train --preset cpu --ar --out-dir runs/cpu-ar

test: $(VENV)/.installed
	OMP_NUM_THREADS=1 $(VENV)/bin/pytest -n 2 tests/

.PHONY: train test
