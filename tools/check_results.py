"""Keep the results true: every results file the README or the results page (nbs/results.ipynb, the docs page the README
links to) shows is stamped with what made it and names the models today's main job trains, or is a known experiment
record.

    .venv/bin/python tools/check_results.py           # exit 1 with one line per problem
    .venv/bin/python tools/check_results.py --smoke   # also run each stamp's smoke-size command (needs runs/smoke-cpu and
                                                      # runs/smoke-cpu-ar from `make train SMOKE=1`) into a scratch folder

A file fails when:
- it does not exist;
- it has no provenance stamp (bijective_nb.experiments.provenance) and is not an experiment record listed in RECORDS below;
- its stamp does not describe the main job (`stamp_problems`): made at smoke size, from uncommitted code, naming a model
  without a role, or a model whose config or training recipe differs from what today's preset gives its role
  (`config_drift`): the file describes a model the main job no longer trains;
- a stamped file's model folders disagree within the file set (the same role with two weights hashes);
- with --smoke: its recorded smoke command fails.
Regenerate stamped files with `make results` (tools/make_results.py).

What counts as shown: every path `nbs/results/...` with a file extension in README.md, and in the cells of the results
page: its code (as the cells run it, from the repository root) and its markdown, whose links are relative to nbs/
(`](results/frontier.png)`) and are read as tools/make_readme.py rewrites them for the README (`nbs/results/frontier.png`).
"""
import argparse
import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Experiment records: grids and sweeps whose rows carry their own recipe, tokenizer and budget fields (checked by the
# chapter that reads them), made by the command printed in the section of the results page (or README) that shows them;
# they name no main-job model.
RECORDS = {
    'nbs/results/bench.md': 'bnb-bench sections (07b/07d): speed and memory of presets, each section with its command line',
    'nbs/results/main/grad_heatmaps.png': "plot_grad_heatmaps of runs/cpu-diag, the previous main job's block configuration (cpu-block) with diag_every=50 (command on the results page)",
    'nbs/results/demo/curves.png': '`make demo` (the tiny preset; 04g), written by the demo itself',
    'nbs/results/block/': 'bnb-compare of the block-size runs (03a), scored rows with their run configs in compare.json',
    'nbs/results/scaling/': 'bnb-compare --scaling of the scaling runs (04_train)',
    'nbs/results/partial/': 'bnb-compare of the partial-masking runs (04e)',
    'nbs/results/partial-scaling/': 'bnb-compare --scaling of the partial-masking runs (04e)',
    'nbs/results/recipe/': 'tools/score_runs.py records of the recipe runs (04e), each with its config',
    'nbs/results/epochs/': 'bnb-epochs grid records (07a), each row with variant, seed, recipe and budget',
    'nbs/results/fair/': 'bnb-epochs/bnb-fair grid records (07a/07e), each row with variant, seed, recipe and budget',
    'nbs/results/fair-strict/': 'bnb-epochs --strict-bpe grid records (07a/07e)',
    'nbs/results/shift/': "bnb-compare of the shifted block models (02f) against the main job's runs, each run's config in compare.json",
    'nbs/results/shift-enum/': "bnb-compare of the shifted block model trained on the enumerated bound against the main job's AR run",
    'nbs/results/shift-split/': "bnb-compare of the budget split (AR steps : adaptation steps) and of the AR-joint teacher (03d) against the main job's AR run",
    'nbs/results/shift4/': "bnb-compare of the shifted B'=4 runs (plain, complementary masks, unweighted loss; 03a) against the main job's AR run",
    'nbs/results/shift4-flops/': "bnb-compare at equal FLOPs: the complementary B'=4 run against a plain one of twice the steps (03a)",
    'nbs/results/skew/': "bnb-compare of the main job's runs beside block models trained under a skewed order law (03a's order_skew)",
    'nbs/results/orders/': "bnb-compare of blocks of four trained with the order-sampled loss (03a's loss_estimator=orders), uniform and skewed, beside the clipped t loss",
    'nbs/results/wide/': "bnb-compare of the main job's recipe on a network twice as wide, against its own AR baseline (03d)",
    'nbs/results/scaling-shift/': "bnb-compare --scaling of the shifted family at 1x and 2x the budget against AR at the same tokens (04_train)",
    'nbs/results/bayes/': "bnb-eval --bayes-k of the main job's block model on the first 512 validation blocks, and bnb-eval of its AR run there (03d)",
}
SHOWN = re.compile(r'nbs/results/[\w./-]+\.(?:md|png|json|csv|jsonl)')


PAGES = ('nbs/results.ipynb',)   # docs pages whose cells show results files (their paths from the repository root)


def page_text(nb: Path) -> str:
    "What a notebook page shows, as text: its code cells as they are, its markdown with links made relative to the repository root."
    import json
    sys.path.insert(0, str(ROOT / 'tools'))
    from make_readme import _relink   # nbs/-relative links -> root-relative, as the README gets them
    cells = json.loads(nb.read_text(encoding='utf-8'))['cells']
    return '\n'.join(_relink(''.join(c['source'])) if c['cell_type'] == 'markdown' else ''.join(c['source']) for c in cells)


def shown_files(readme: Path, pages: list[Path] = ()) -> list[str]:
    "The results files the README and the notebook `pages` name, in order, once each."
    text = readme.read_text(encoding='utf-8') + ''.join('\n' + page_text(p) for p in pages)
    return list(dict.fromkeys(SHOWN.findall(text)))


def is_record(path: str) -> bool:
    return any(path == k or (k.endswith('/') and path.startswith(k)) for k in RECORDS)


def check_file(path: str, root: Path = ROOT) -> list[str]:
    "Problems with one results file the README shows (empty: fine)."
    from bijective_nb.experiments.provenance import read_provenance, stamp_problems
    p = root / path
    if not p.is_file(): return [f'{path}: the README or the results page shows it but it does not exist; fix: make results']
    if is_record(path): return []   # a record describes the runs it names (its stamp or its configs), not today's main job
    prov = read_provenance(p)
    if prov is None: return [f'{path}: no provenance stamp (made by hand or before stamps); fix: make train && make results']
    return [f'{path}: {why}; fix: make train && make results' for why in stamp_problems(prov)]


def check_roles(stamps: dict) -> list[str]:
    "The same role must name the same weights in every stamped file (else the README mixes two models)."
    seen, bad = {}, []
    for path, prov in stamps.items():
        for m in prov['models']:
            if m.get('role') is None: continue
            first = seen.setdefault(m['role'], (path, m['weights_sha256']))
            if first[1] != m['weights_sha256']: bad.append(f"{path}: its {m['role']} model differs from the one in {first[0]}; fix: make results")
    return bad


def run_smoke(path: str, prov: dict, runs: str, root: Path = ROOT) -> list[str]:
    "Run a stamp's smoke command on the smoke runs into a scratch folder."
    if not prov.get('smoke'): return [f'{path}: its stamp records no smoke command; fix: make results']
    with tempfile.TemporaryDirectory() as out:
        cmd = prov['smoke'].format(diffusion=f'{runs}cpu', ar=f'{runs}cpu-ar', out=out)
        argv = shlex.split(cmd); argv[0] = sys.executable if argv[0] == 'python' else argv[0]
        r = subprocess.run(argv, cwd=root, capture_output=True, text=True)
    return [] if r.returncode == 0 else [f'{path}: its smoke command failed ({cmd}): {r.stderr.strip().splitlines()[-1] if r.stderr.strip() else r.returncode}']


def check(readme: Path, root: Path = ROOT, smoke: bool = False, runs: str = 'runs/smoke-', pages=None) -> tuple[list[str], list[str], dict]:
    "(problems, files shown, stamps) for the results files of the README and of the notebook `pages` (default: `PAGES` under `root`, those that exist)."
    from bijective_nb.experiments.provenance import read_provenance
    pages = [root / p for p in PAGES if (root / p).is_file()] if pages is None else [Path(p) for p in pages]
    files = shown_files(readme, pages)
    bad = [b for f in files for b in check_file(f, root)]
    stamps = {f: pr for f in files if not is_record(f) and (root / f).is_file() and (pr := read_provenance(root / f)) is not None}   # the main job's files
    bad += check_roles(stamps)
    if smoke:
        for cmd in dict.fromkeys(pr.get('smoke') for pr in stamps.values()):
            path = next(f for f, pr in stamps.items() if pr.get('smoke') == cmd)
            print(f'smoke: {path}', flush=True); bad += run_smoke(path, stamps[path], runs, root)
    return bad, files, stamps


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--readme', default=str(ROOT / 'README.md'))
    ap.add_argument('--page', action='append', help='a notebook page whose cells show results files (repeatable; default: ' + ', '.join(PAGES) + ')')
    ap.add_argument('--smoke', action='store_true', help="also run each stamp's smoke command on the smoke runs")
    ap.add_argument('--runs', default='runs/smoke-', help='prefix of the smoke runs (cpu, cpu-ar)')
    a = ap.parse_args(argv)
    bad, files, stamps = check(Path(a.readme), ROOT, a.smoke, a.runs, a.page)
    for b in bad: print(b)
    if bad: sys.exit(f'{len(bad)} problem(s) with the results files the README and the results page show')
    print(f'results: {len(files)} files shown by the README and the results page; {len(stamps)} stamped, naming the models the main job trains today, '
          f'{len(files) - len(stamps)} experiment records{"; smoke commands ran" if a.smoke else ""}')


if __name__ == '__main__':
    sys.path.insert(0, str(ROOT))
    main()
