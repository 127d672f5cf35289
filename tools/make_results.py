"""Make the main job's results files that the README shows, each stamped with the command that made it (`make results`).

    .venv/bin/python tools/make_results.py all        # compare, frontier, harness from runs/cpu and runs/cpu-ar into nbs/results
    .venv/bin/python tools/make_results.py frontier --diffusion runs/smoke-cpu --ar runs/smoke-cpu-ar --out /tmp/r --smoke

What each step writes (under --out, default nbs/results):
- compare:  main/compare.md, main/compare.json (bnb-compare of the two runs on the whole valid and test splits) and
            main/grad_heatmaps.png (the diffusion run's gradient heat maps, 04d's `plot_grad_heatmaps`);
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
import shlex
import subprocess
import sys
import tempfile
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
    dm, dtok = load_model(a.diffusion, device='cpu'); am, _ = load_model(a.ar, device='cpu')
    role = lambda r: None if a.smoke else r   # smoke runs are not the main job's models
    return dm, dtok, am, [model_stamp(dm, a.diffusion, role('main-diffusion')), model_stamp(am, a.ar, role('main-ar'))]


def make_compare(a):
    from bijective_nb.provenance import save_stamped_figure, write_stamped_md
    *_, models = _stamps(a)
    out = Path(a.out) / 'main'
    size = ['--max-blocks', '64', '--exact-blocks', '2', '--samples', '1'] if a.smoke else ['--samples', '3']
    cmd = [str(Path(sys.executable).parent / 'bnb-compare'), a.ar, a.diffusion, '--splits', 'valid,test', '--out', str(out), *size]
    subprocess.run(cmd, check=True)
    prov = _prov('compare', a, models)
    write_stamped_md(out / 'compare.md', (out / 'compare.md').read_text(encoding='utf-8'), prov)
    js = json.loads((out / 'compare.json').read_text(encoding='utf-8')); js['provenance'] = prov
    (out / 'compare.json').write_text(json.dumps(js, indent=1) + '\n', encoding='utf-8')
    import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt
    from bijective_nb.metrics import plot_grad_heatmaps
    try: fig = plot_grad_heatmaps(a.diffusion, save=False)
    except ValueError as e: print(f'no gradient heat maps: {e}'); return   # a run without diagnostics (smoke size)
    save_stamped_figure(fig, out / 'grad_heatmaps.png', prov, dpi=100); plt.close(fig)


def make_frontier(a):
    import torch
    import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt
    from bijective_nb.data import encode_lines, load_splits, pack
    from bijective_nb.metrics import md_table
    from bijective_nb.provenance import save_stamped_figure, write_stamped_md
    from bijective_nb.sample import generate, sample_metrics
    from bijective_nb.sample_tools import FRONTIER_COLS, FRONTIER_FMT, frontier, plot_frontier
    dm, dtok, am, models = _stamps(a)
    n, steps = (4, (4, 8)) if a.smoke else (64, (4, 8, 16, 32, 64, 128))
    fr = frontier(dm, am, steps=steps, n=n, seed=0)
    data = pack(encode_lines(dtok, load_splits('wikitext-2')['train'][:20000]), dm.cfg.max_len)
    data = data[torch.randperm(len(data), generator=torch.Generator().manual_seed(0))[:n]]
    ref = {'AR samples': sample_metrics(generate(am, None, n=n, length=dm.cfg.max_len, seed=99, progress=False).tokens, dm.cfg.mask_id, am)['gen_ppl_ar_baseline'],
           'training data': sample_metrics(data, dm.cfg.mask_id, am)['gen_ppl_ar_baseline']}
    table = md_table(fr, FRONTIER_COLS, fmt=FRONTIER_FMT) + '\n\nreference lines (generative PPL): ' + ', '.join(f'{k} {v:.1f}' for k, v in ref.items())
    prov = _prov('frontier', a, models)
    write_stamped_md(Path(a.out) / 'frontier.md', f"{n} samples of {dm.cfg.max_len} tokens per point\n\n{table}", prov)
    ax = plot_frontier(fr, ref); ax.figure.tight_layout(); save_stamped_figure(ax.figure, Path(a.out) / 'frontier.png', prov); plt.close(ax.figure)


def make_harness(a):
    import lm_eval
    from lm_eval.tasks import TaskManager
    from bijective_nb.data import load_splits
    from bijective_nb.harness import write_local_tasks
    from bijective_nb.metrics import md_table
    from bijective_nb.provenance import write_stamped_md
    *_, models = _stamps(a)
    valid = [l.strip() for l in load_splits('wikitext-2')['valid'] if len(l.split()) >= 2][:20 if a.smoke else None]
    wt = TaskManager(include_path=str(write_local_tasks(Path(tempfile.mkdtemp()) / 'wikitext-valid', valid, cont_words=4)))
    rows = []
    for name, path, lik in [('diffusion, l2r order', a.diffusion, 'l2r'), ('diffusion, greedy policy', a.diffusion, 'greedy'), ('AR baseline', a.ar, 'l2r')]:
        r = lm_eval.simple_evaluate(model='bijective_nb', model_args=f'path={path},likelihood={lik},device=cpu', verbosity='ERROR',
                                    tasks=['bnb_local_rolling', 'bnb_local_loglik'], task_manager=wt)['results']
        rows.append(dict(model=name, word_ppl=r['bnb_local_rolling']['word_perplexity,none'], byte_ppl=r['bnb_local_rolling']['byte_perplexity,none'],
                         bpb=r['bnb_local_rolling']['bits_per_byte,none'], last4_acc=r['bnb_local_loglik']['acc,none']))
    table = md_table(rows, ['model', 'word_ppl', 'byte_ppl', 'bpb', 'last4_acc'], fmt=dict(word_ppl='.2f', byte_ppl='.4f', bpb='.4f', last4_acc='.4f'))
    write_stamped_md(Path(a.out) / 'harness.md', f'{len(valid)} validation documents\n\n{table}', _prov('harness', a, models))


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
