"""Make the main job's results files that the README shows, each stamped with the command that made it (`make results`).

    .venv/bin/python tools/make_results.py all        # compare, frontier, harness from runs/cpu and runs/cpu-ar into nbs/results
    .venv/bin/python tools/make_results.py frontier --diffusion runs/smoke-cpu --ar runs/smoke-cpu-ar --out /tmp/r --smoke
    OMP_NUM_THREADS=1 .venv/bin/python tools/make_results.py generation --extra runs/shift-l05-enum,runs/shift4-l05

What each step writes (under --out, default nbs/results):
- compare:  main/compare.md, main/compare.json (bnb-compare of the two runs on the whole valid and test splits);
- frontier: frontier.md, frontier.png (05b's `frontier`: every sampler at several step counts, judged by the AR run);
- harness:  harness.md (05f's lm-evaluation-harness model on the whole validation split: rolling perplexity and the
            last four words of each line, for the diffusion run's l2r order and greedy policy and the AR run);
- generation: generation.md, generation.png (07g's `bench_generation`: the diffusion run sampled by generate_long against
            the AR run's KV-cached decoding, tokens/s and tokens per call next to generative PPL and distinct-2; --extra
            adds block runs of other block sizes, which the stamp then names without a role).
Every file carries a provenance stamp (bijective_nb.experiments.provenance): the command, its smoke-size form (what
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
STEPS = ('compare', 'frontier', 'harness', 'generation')


def _cmd(step: str, a) -> tuple[str, str]:
    "The command line of a step, and its smoke-size form (placeholders {diffusion}, {ar}, {out} for the smoke runs and a scratch folder)."
    full = f"python tools/make_results.py {step} --diffusion {a.diffusion} --ar {a.ar} --out {a.out}" + (f" --extra {a.extra}" if step == 'generation' and a.extra else '')
    return full + (' --smoke' if a.smoke else ''), f"python tools/make_results.py {step} --diffusion {{diffusion}} --ar {{ar}} --out {{out}} --smoke"


def _prov(step: str, a, models: list) -> dict:
    from bijective_nb.experiments.provenance import provenance
    cmd, smoke = _cmd(step, a)
    return provenance(cmd, models, smoke=smoke)


def _stamps(a):
    from bijective_nb import DiffusionLM
    from bijective_nb.experiments.provenance import model_stamp
    from bijective_nb.training.train import run_config
    dm, am = DiffusionLM.from_pretrained(a.diffusion, device='cpu'), DiffusionLM.from_pretrained(a.ar, device='cpu'); dtok = dm.tokenizer
    role = lambda r: None if a.smoke else r   # smoke runs are not the main job's models
    train = lambda p: run_config(p).get('train')
    return dm, dtok, am, [model_stamp(dm, a.diffusion, role('main-diffusion'), train(a.diffusion)), model_stamp(am, a.ar, role('main-ar'), train(a.ar))]


def make_compare(a):
    from bijective_nb.experiments.provenance import write_stamped_md
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
    from bijective_nb.training.data import encode_lines, load_splits, pack
    from bijective_nb.experiments.provenance import save_stamped_figure, write_stamped_md
    from bijective_nb.sampling.sample_tools import frontier, frontier_refs, frontier_table, plot_frontier
    dm, dtok, am, models = _stamps(a)
    n, steps = (4, (4, 8)) if a.smoke else (64, (4, 8, 16, 32, 64, 128))
    fr = frontier(dm, am, steps=steps, n=n, seed=0)
    ref = frontier_refs(dm, am, pack(encode_lines(dtok, load_splits('wikitext-2')['train'][:20000]), dm.cfg.max_len), n=n)
    prov = _prov('frontier', a, models)
    write_stamped_md(Path(a.out) / 'frontier.md', f"{n} samples of {dm.cfg.max_len} tokens per point\n\n{frontier_table(fr, ref)}", prov)
    ax = plot_frontier(fr, ref); ax.figure.tight_layout(); save_stamped_figure(ax.figure, Path(a.out) / 'frontier.png', prov); plt.close(ax.figure)


def make_harness(a):
    from bijective_nb.training.data import load_splits
    from bijective_nb.evaluation.harness import harness_rows, harness_table
    from bijective_nb.experiments.provenance import write_stamped_md
    *_, models = _stamps(a)
    valid = [l.strip() for l in load_splits('wikitext-2')['valid'] if len(l.split()) >= 2][:20 if a.smoke else None]
    write_stamped_md(Path(a.out) / 'harness.md', harness_table(harness_rows(a.diffusion, a.ar, valid), len(valid)), _prov('harness', a, models))


def make_generation(a):
    import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt
    from bijective_nb import DiffusionLM
    from bijective_nb.experiments.gen_bench import GEN_SIZES, bench_generation, generation_md, plot_generation
    from bijective_nb.experiments.provenance import model_stamp, save_stamped_figure, write_stamped_md
    from bijective_nb.training.train import run_config
    *_, models = _stamps(a)
    extra = a.extra.split(',') if a.extra else []
    rows = bench_generation(full=not a.smoke, device='cpu', runs=[a.diffusion, *extra], ar=a.ar)
    models += [model_stamp(DiffusionLM.from_pretrained(p, device='cpu'), p, None, run_config(p).get('train')) for p in extra]
    prov = _prov('generation', a, models)
    write_stamped_md(Path(a.out) / 'generation.md', generation_md(rows, GEN_SIZES['smoke' if a.smoke else 'full']), prov)
    fig = plot_generation(rows); save_stamped_figure(fig, Path(a.out) / 'generation.png', prov); plt.close(fig)
    (Path(a.out) / 'generation.json').write_text(json.dumps(dict(rows=rows, provenance=prov), indent=1) + '\n', encoding='utf-8')


MAKERS = {'compare': make_compare, 'frontier': make_frontier, 'harness': make_harness, 'generation': make_generation}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('step', choices=(*STEPS, 'all'), help='which files to make (all: every step in order)')
    ap.add_argument('--diffusion', default='runs/cpu', help="the main job's block-diffusion run")
    ap.add_argument('--ar', default='runs/cpu-ar', help="the main job's AR baseline (also the judge of samples)")
    ap.add_argument('--out', default='nbs/results', help='results folder')
    ap.add_argument('--smoke', action='store_true', help='a size that runs in seconds (checks only)')
    ap.add_argument('--extra', default=None, help='generation: more block runs (comma-separated), e.g. other block sizes')
    a = ap.parse_args(argv)
    for p in (a.diffusion, a.ar, *(a.extra.split(',') if a.extra else [])):
        if not Path(p).exists(): ap.exit(2, f"make_results: no run at {p}; fix: run `make train` first (or pass --diffusion/--ar)\n")
    for step in (STEPS if a.step == 'all' else (a.step,)):
        print(f'== {step}: {_cmd(step, a)[0]}', flush=True); MAKERS[step](a)


if __name__ == '__main__':
    main()
