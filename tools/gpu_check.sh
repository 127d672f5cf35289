#!/usr/bin/env bash
# The prepared GPU check: run it once on a machine with a CUDA GPU, from a checkout with the library installed
# (`make test` sets it up). Everything goes under OUT; a compact table is printed at the end. Under 8 minutes on one GPU
# (12 with the generation frontier on trained runs).
#   tools/gpu_check.sh OUT          # CUDA: the #| cuda notebook cells, benchmarks at GPU sizes, the generation frontier (07g:
#                                   # block diffusion against the KV-cached AR baseline; at full size on runs/cpu and runs/cpu-ar
#                                   # when the checkout has them, about 4 minutes, else on tiny random models), a bf16 gpu-preset
#                                   # run with and without torch.compile, and a 2-process NCCL DDP run when 2 GPUs exist
#   tools/gpu_check.sh OUT cpu      # the same script at smoke sizes on the CPU (what CI runs, so the script is known to work)
# PYTHON: the environment's python (default: .venv/bin/python if present, else python); its console scripts are used.
set -uo pipefail
OUT=${1:?usage: tools/gpu_check.sh OUT [cpu]}; DEV=${2:-cuda}
cd "$(dirname "$0")/.." || exit 2
mkdir -p "$OUT" || exit 2
OUT=$(cd "$OUT" && pwd)
if [ -z "${PYTHON:-}" ]; then if [ -x .venv/bin/python ]; then PYTHON=.venv/bin/python; else PYTHON=python; fi; fi
BIN=$("$PYTHON" -c 'import sys, pathlib; print(pathlib.Path(sys.executable).parent)') || exit 2
python() { "$PYTHON" "$@"; }
if [ "$DEV" = cuda ] && ! python -c "import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)"; then
  echo "gpu_check: no CUDA device here; fix: run it on a machine with a GPU, or pass 'cpu' for the smoke path" >&2; exit 2
fi
NGPU=$(python -c "import torch; print(torch.cuda.device_count())")
: > "$OUT/summary.tsv"
step() {  # name, command...: run, keep its output in OUT/name.log, record status and seconds
  local name=$1; shift; local t0; t0=$(date +%s)
  if "$@" > "$OUT/$name.log" 2>&1; then st=ok; else st=FAILED; fi
  printf '%s\t%s\t%s\n' "$name" "$st" "$(( $(date +%s) - t0 ))" >> "$OUT/summary.tsv"
}
GEN=(--only generation)   # the generation frontier (07g): the main job's runs at full size when present, else tiny random models
if [ "$DEV" = cuda ] && [ -d runs/cpu ] && [ -d runs/cpu-ar ]; then GEN+=(--full --runs runs/cpu --ar runs/cpu-ar); fi
if [ "$DEV" = cuda ]; then
  step cuda_cells "$BIN/nbdev_test" --flags cuda --n_workers 1
  step bench "$BIN/bnb-bench" --full --device cuda --only reversible,flops,likelihood,sampling --json "$OUT/bench.json"
  step generation "$BIN/bnb-bench" --device cuda "${GEN[@]}" --json "$OUT/generation.json"
  step train_bf16 "$BIN/bnb-train" --preset gpu --device cuda --steps 300 --out-dir "$OUT/run-bf16" --overwrite --no-progress --set eval_every=100 exact_blocks=4 final_blocks=256 tensorboard=false
  step train_compile "$BIN/bnb-train" --preset gpu --device cuda --steps 300 --out-dir "$OUT/run-compile" --overwrite --no-progress --set compile=true eval_every=100 exact_blocks=4 final_blocks=256 tensorboard=false
  if [ "$NGPU" -ge 2 ]; then
    step ddp_nccl "$PYTHON" -m torch.distributed.run --standalone --nproc_per_node=2 -m bijective_nb.training.cli --preset tiny --device cuda --steps 20 --out-dir "$OUT/run-ddp" --overwrite --no-progress --set tensorboard=false
  fi
else
  step bench "$BIN/bnb-bench" --device cpu --only reversible,likelihood --json "$OUT/bench.json"
  step generation "$BIN/bnb-bench" --device cpu "${GEN[@]}" --json "$OUT/generation.json"
  step train "$BIN/bnb-train" --preset tiny --device cpu --steps 6 --out-dir "$OUT/run" --overwrite --no-progress --set tensorboard=false
fi
python - "$OUT" <<'PY'
import json, sys, re
from pathlib import Path
out = Path(sys.argv[1]); rows = [l.split('\t') for l in (out/'summary.tsv').read_text().splitlines()]
print(f"{'check':16s} {'status':7s} {'seconds':>7s}  detail")
for name, st, secs in rows:
    log = (out/f'{name}.log').read_text(errors='replace').splitlines()
    detail = next((l.strip() for l in reversed(log) if re.search(r'tokens/s|passed|failed|error|Success', l, re.I)), '')
    print(f"{name:16s} {st:7s} {secs:>7s}  {detail[:110]}")
b = out/'bench.json'
if b.is_file():
    r = json.loads(b.read_text())
    for row in r.get('reversible', []): print('reversible vs plain:', {k: row[k] for k in row if k in ('depth', 'mem_ratio', 'time_ratio', 'time_ratio_k1')})
g = out/'generation.json'
if g.is_file():
    for row in json.loads(g.read_text()).get('generation', []):
        print(f"generation: batch {row['batch']:>2} {row['label'][:48]:48s} {row['tokens_per_call']:5.2f} tok/call {row['speed_vs_ar']:5.2f}x AR "
              f"gen. PPL {row['gen_ppl_ratio']:5.2f}x AR distinct-2 {row['distinct2_ratio']:4.2f}x data greedy-identical {row['greedy_identical']:.2f}")
sys.exit(1 if any(st != 'ok' for _, st, _ in rows) else 0)
PY
