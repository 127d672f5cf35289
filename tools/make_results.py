"""Make the main job's results files that the README shows, each stamped with the command that made it (`make results`).

    .venv/bin/python tools/make_results.py all        # compare, frontier, harness from runs/cpu and runs/cpu-ar into nbs/results
    .venv/bin/python tools/make_results.py frontier --diffusion runs/smoke-cpu --ar runs/smoke-cpu-ar --out /tmp/r --smoke

What each step writes (under --out, default nbs/results):
- compare:  main/compare.md, main/compare.json (bnb-compare of the two runs on the whole valid and test splits);
- frontier: frontier.md, frontier.png (05b's `frontier`: every sampler at several step counts, judged by the AR run);
- harness:  harness.md (05c's lm-evaluation-harness model on the whole validation split: rolling perplexity and the
            last four words of each line, for the diffusion run's l2r order and greedy policy and the AR run).
Every file carries a provenance stamp (bijective_nb.provenance): the command, its smoke-size form (what
tools/check_results.py --smoke runs), the commit, and each model's folder, role, config and weights hash.
--smoke makes the same files at a size that runs in seconds (few blocks, samples and documents): for checks, not results.
WikiText-2 comes from BNB_DATA_DIR (or the `datasets` hub), as for every command.
"""
import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STEPS = ('compare', 'frontier', 'harness')


def _cmd(step: str, a) -> tuple[str, str]:
    "The command line of a step, and its smoke-size form (placeholders {diffusion}, {ar}, {out} for the smoke runs and a scratch folder)."
    full = f"python tools/make_results.py {step} --diffusion {a.diffusion} --ar {a.ar} --out {a.out}"
    return full + (' --smoke' if a.smoke else ''), f"python tools/make_results.py {step} --diffusion {{diffusion}} --ar {{ar}} --out {{out}} --smoke"


def _prov(step: str, a, models: list) -> dict:
    from bijective_nb.provenance import provenance
    cmd, smoke = _cmd(step, a)
    return provenance(cmd, models, smoke=smoke)


def _stamps(a):
    from bijective_nb.checkpoint import load_model
    from bijective_nb.provenance import model_stamp
    from bijective_nb.train import run_config
    dm, dtok = load_model(a.diffusion, device='cpu'); am, _ = load_model(a.ar, device='cpu')
    role = lambda r: None if a.smoke else r   # smoke runs are not the main job's models
    train = lambda p: run_config(p).get('train')
    return dm, dtok, am, [model_stamp(dm, a.diffusion, role('main-diffusion'), train(a.diffusion)), model_stamp(am, a.ar, role('main-ar'), train(a.ar))]


def make_compare(a):
    from bijective_nb.provenance import write_stamped_md
    *_, models = _stamps(a)
    out = Path(a.out) / 'main'
    size = ['--max-blocks', '64', '--exact-blocks', '2', '--samples', '1'] if a.smoke else ['--samples', '3']
    cmd = [str(Path(sys.executable).parent / 'bnb-compare'), a.ar, a.diffusion, '--splits', 'valid,test', '--out', str(out), *size]
    subprocess.run(cmd, check=True)
    prov = _prov('compare', a, models)
    write_stamped_md(out / 'compare.md', (out / 'compare.md').read_text(encoding='utf-8'), prov)
    js = json.loads((out / 'compare.json').read_text(encoding='utf-8')); js['provenance'] = prov
    (out / 'compare.json').write_text(json.dumps(js, indent=1) + '\n', encoding='utf-8')


def make_frontier(a):
    import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt
    from bijective_nb.data import encode_lines, load_splits, pack
    from bijective_nb.provenance import save_stamped_figure, write_stamped_md
    from bijective_nb.sample_tools import frontier, frontier_refs, frontier_table, plot_frontier
    dm, dtok, am, models = _stamps(a)
    n, steps = (4, (4, 8)) if a.smoke else (64, (4, 8, 16, 32, 64, 128))
    fr = frontier(dm, am, steps=steps, n=n, seed=0)
    ref = frontier_refs(dm, am, pack(encode_lines(dtok, load_splits('wikitext-2')['train'][:20000]), dm.cfg.max_len), n=n)
    prov = _prov('frontier', a, models)
    write_stamped_md(Path(a.out) / 'frontier.md', f"{n} samples of {dm.cfg.max_len} tokens per point\n\n{frontier_table(fr, ref)}", prov)
    ax = plot_frontier(fr, ref); ax.figure.tight_layout(); save_stamped_figure(ax.figure, Path(a.out) / 'frontier.png', prov); plt.close(ax.figure)


def make_harness(a):
    from bijective_nb.data import load_splits
    from bijective_nb.harness import harness_rows, harness_table
    from bijective_nb.provenance import write_stamped_md
    *_, models = _stamps(a)
    valid = [l.strip() for l in load_splits('wikitext-2')['valid'] if len(l.split()) >= 2][:20 if a.smoke else None]
    write_stamped_md(Path(a.out) / 'harness.md', harness_table(harness_rows(a.diffusion, a.ar, valid), len(valid)), _prov('harness', a, models))


MAKERS = {'compare': make_compare, 'frontier': make_frontier, 'harness': make_harness}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('step', choices=(*STEPS, 'all'), help='which files to make (all: every step in order)')
    ap.add_argument('--diffusion', default='runs/cpu', help="the main job's block-diffusion run")
    ap.add_argument('--ar', default='runs/cpu-ar', help="the main job's AR baseline (also the judge of samples)")
    ap.add_argument('--out', default='nbs/results', help='results folder')
    ap.add_argument('--smoke', action='store_true', help='a size that runs in seconds (checks only)')
    a = ap.parse_args(argv)
    for p in (a.diffusion, a.ar):
        if not Path(p).exists(): ap.exit(2, f"make_results: no run at {p}; fix: run `make train` first (or pass --diffusion/--ar)\n")
    for step in (STEPS if a.step == 'all' else (a.step,)):
        print(f'== {step}: {_cmd(step, a)[0]}', flush=True); MAKERS[step](a)


if __name__ == '__main__':
    main()
