"""Score finished runs for the recipe table of 04: each run's EMA export (and, with --raw, its raw weights) on the whole
validation split (AR: exact NLL; diffusion: the exact-m bound ± s.e.) and the exact l2r NLL on the first blocks.
Writes one JSON per run (its training settings + the rows) into --out. Usage:
    python tools/score_runs.py runs/diff-lr1e-3 runs/ar-lr1e-3 ... --out nbs/results/recipe [--raw runs/diff-lr1e-3]"""
import argparse
import json
from pathlib import Path

from bijective_nb import DiffusionLM
from bijective_nb.training.data import prepare_data
from bijective_nb.training.metrics import evaluate


def score(run: Path, use_ema=True, exact_blocks=16) -> dict:
    tr = json.loads((run/'config.json').read_text())
    model = DiffusionLM.from_pretrained(run, use_ema=use_ema); tok = model.tokenizer
    t = tr['train']
    data = prepare_data(t['source'], t['data_dir'], tok.get_vocab_size(), model.cfg.max_len, t['max_lines'], t['cache_dir'], tokenizer=tok)
    v = (data.valid, data.words['valid'], data.bytes['valid'], data.mask('valid'))
    rows = {'valid': evaluate(model, *v, n_samples=2, batch_size=256)}
    if not model.cfg.causal:
        rows['valid[:16] l2r'] = evaluate(model, *v, method='l2r', max_blocks=exact_blocks, batch_size=64)
        rows['valid[:16]'] = evaluate(model, *v, n_samples=8, max_blocks=exact_blocks, batch_size=64)
    t = {**t, **{k: f'runs/{Path(t[k]).name}' for k in ('out_dir', 'init_from') if t.get(k)}, 'data_dir': None, 'cache_dir': None}
    return dict(run=run.name, weights='ema' if use_ema else 'raw', train=t, rows=rows)   # no paths of this machine


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('runs', nargs='+'); ap.add_argument('--out', required=True); ap.add_argument('--raw', nargs='*', default=[])
    a = ap.parse_args(); out = Path(a.out); out.mkdir(parents=True, exist_ok=True)
    for r in a.runs + [f'{r}#raw' for r in a.raw]:
        path, raw = Path(r.split('#')[0]), r.endswith('#raw')
        res = score(path, use_ema=not raw)
        (out/f"{path.name}{'-raw' if raw else ''}.json").write_text(json.dumps(res, indent=1) + '\n')
        v = res['rows']['valid']; print(f"{path.name}{' (raw)' if raw else ''}: valid {'≤' if v['bound'] else '='} {v['ppl_token']:.2f} ± {v['ppl_token_se']:.2f} per token")
