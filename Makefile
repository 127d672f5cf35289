# The commands of the README. Each creates the virtual environment .venv when it is missing and installs what it needs;
# nothing needs to be activated first.
#   make train   # set up, then run the main job (WikiText-2 from the `datasets` hub, or BNB_DATA_DIR=<folder> offline): AR 600 steps,
#                #   adapted into block diffusion (B'=2) for 600, the AR baseline for 1,200, then bnb-compare of the two (runs/compare)
#   make test    # set up, then run the tests (offline: they use the fixture shipped in the package)
#   make setup   # only create .venv and install the library with its dev extras
#   make results # after `make train`: the main job's results files the README shows (comparison, frontier, harness), each
#                #   stamped with its command, commit and models (tools/make_results.py; tools/check_results.py checks them)
# Variables:
#   TORCH        the torch requirement (default `torch>=2.4`: pip picks the build for this machine, CUDA on Linux);
#   TORCH_INDEX  a package index for torch, e.g. https://download.pytorch.org/whl/cpu for PyTorch's CPU-only wheels;
#   SMOKE=1      `make train` at smoke size: the same commands for a few steps each, into runs/smoke-* (CI runs it);
#   PYTHON (python3), VENV (.venv), THREADS (torch threads of the main job, 2).
PYTHON ?= python3
VENV ?= .venv
TORCH ?= torch>=2.4
TORCH_INDEX ?=
THREADS ?= 2
BIN = $(VENV)/bin

ifdef SMOKE
RUNS = runs/smoke-
SMOKE_SET = warmup_steps=2 final_blocks=64 exact_blocks=2 tensorboard=false
AR_HALF = --steps 6 --set $(SMOKE_SET)
ADAPT = --steps 6 --set $(SMOKE_SET)
AR_FULL = --steps 12 --set $(SMOKE_SET)
COMPARE = --max-blocks 64 --exact-blocks 2 --samples 1
else
RUNS = runs/
AR_HALF = --steps 600
endif

$(VENV)/.installed: setup.py settings.ini
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q $(if $(TORCH_INDEX),--index-url $(TORCH_INDEX)) "$(TORCH)"
	$(BIN)/pip install -q -e ".[dev]"
	touch $@

setup: $(VENV)/.installed

train: $(VENV)/.installed   # AR for half the budget, adapted into a shifted block-diffusion model (runs/cpu; 02f, the exact bound and the joint AR loss); the AR baseline (runs/cpu-ar); both side by side
	OMP_NUM_THREADS=$(THREADS) $(BIN)/bnb-train --preset cpu --ar $(AR_HALF) --out-dir $(RUNS)cpu-ar600 $(if $(SMOKE),--overwrite --no-progress)
	OMP_NUM_THREADS=$(THREADS) $(BIN)/bnb-train --preset cpu-shift --init-from $(RUNS)cpu-ar600 $(ADAPT) --out-dir $(RUNS)cpu $(if $(SMOKE),--overwrite --no-progress)
	OMP_NUM_THREADS=$(THREADS) $(BIN)/bnb-train --preset cpu --ar $(AR_FULL) --out-dir $(RUNS)cpu-ar $(if $(SMOKE),--overwrite --no-progress)
	OMP_NUM_THREADS=$(THREADS) $(BIN)/bnb-compare $(RUNS)cpu-ar $(RUNS)cpu --splits valid,test --out $(RUNS)compare $(COMPARE)

test: $(VENV)/.installed
	OMP_NUM_THREADS=1 $(BIN)/pytest -n 2 tests/

.PHONY: setup train test

results: $(VENV)/.installed   # needs runs/cpu and runs/cpu-ar (make train); writes nbs/results/{main/,frontier.*,harness.md}
	OMP_NUM_THREADS=$(THREADS) $(BIN)/python tools/make_results.py all --diffusion $(RUNS)cpu --ar $(RUNS)cpu-ar $(if $(SMOKE),--smoke --out runs/smoke-results)
	$(if $(SMOKE),,$(BIN)/python tools/check_results.py)

.PHONY: results

demo: $(VENV)/.installed   # seconds, offline: the tiny preset on the WikiText-2 sample shipped in the package (runs/demo): train, evaluate, sample
	$(BIN)/python -m bijective_nb.demo --out-dir runs/demo

demo-figure: $(VENV)/.installed   # the demo, and its training curves as the README's figure (nbs/results/demo/curves.png)
	$(BIN)/python -m bijective_nb.demo --out-dir runs/demo --figure nbs/results/demo/curves.png

.PHONY: demo demo-figure
