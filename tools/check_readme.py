"""Keep the README true: re-run the example code of nbs/index.ipynb from the repository root and compare what each cell
prints with the output saved in the notebook, which is what README.md shows (tools/make_readme.py copies it). The same
for the results page, nbs/results.ipynb (the docs page the README links to, whose cells print the files in nbs/results).

    .venv/bin/python tools/check_readme.py            # exit 1, with a diff, when a cell's output differs from the saved one
    .venv/bin/python tools/check_readme.py --update   # re-run and save the fresh outputs into both notebooks, then run
                                                      # tools/make_readme.py to carry them into README.md
    .venv/bin/python tools/check_readme.py --nb nbs/results.ipynb   # one notebook only

How it runs: every code cell of the notebook that README.md (or the docs page) shows, in order, each in a fresh Python interpreter of its
own (an IPython shell, execnb's, as nbdev_test runs notebooks, in a new process per cell), so a block that uses a name
it does not import fails here as it fails for a reader who copies that block alone. Each runs with the repository
root as working directory (as a reader of the README has it), on the CPU (CUDA_VISIBLE_DEVICES=''), offline
(HF_HUB_OFFLINE=1, HF_DATASETS_OFFLINE=1) and with BNB_DATA_DIR unset, so anything that needs data uses the fixture
shipped in the package. Blocks share files, not names: the demo's block writes runs/demo, which later blocks load.
Cells with a flag nbdev_test skips (settings.ini's tst_flags: slow, cuda, notest) or `#| eval: false`, and `#| hide`
cells (not in the README: the index's first cell, which moves nbdev_test from nbs/ to the root), are not run.
`run_index(nb, root)` runs them from another folder (tests/test_readme.py runs them in a scratch copy).

Cells whose source holds the line `# machine-specific output` print trained numbers or samples, which depend on the
CPU's kernels: for them each number must agree within 10% (MACHINE_RTOL) and sample lines (a quoted string on its own
line) are not compared. What counts as the same output otherwise: a cell's text output (its streams and plain-text result, read as make_readme.py reads
them) is split into numbers and the text between them. The text must be identical, and each number must agree with the
saved one within a relative tolerance of 1e-4 (--rtol), or within 1e-9 near zero. A cell that raises fails the check.
The saved outputs come from a CPU run with torch 2.13 on the development machine; trained numbers (the demo's) repeat
bit for bit there, and another CPU, BLAS library or torch version may move them beyond the tolerance: then re-run with
--update on the machine that CI uses and commit the new outputs.
"""
import argparse
import configparser
import difflib
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / 'tools'))
from make_readme import _output_text  # noqa: E402  (the README's own view of an output)

NUMBER = re.compile(r'[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?(?:[eE][-+]?\d+)?|[-+]?\.\d+(?:[eE][-+]?\d+)?')


def split_numbers(text: str) -> tuple[list[str], list[float]]:
    "The text between the numbers of `text`, and the numbers (thousands separators allowed)."
    parts, nums, pos = [], [], 0
    for m in NUMBER.finditer(text):
        parts.append(text[pos:m.start()]); nums.append(float(m.group().replace(',', ''))); pos = m.end()
    parts.append(text[pos:])
    return parts, nums


def same_output(saved: str, fresh: str, rtol: float = 1e-4, atol: float = 1e-9) -> str | None:
    "None when `fresh` matches `saved` (text exactly, numbers within rtol); else a one-line reason."
    (ts, ns), (tf, nf) = split_numbers(saved), split_numbers(fresh)
    if ts != tf or len(ns) != len(nf):
        i = next((k for k, (a, b) in enumerate(zip(ts, tf)) if a != b), min(len(ts), len(tf)))
        return f'the text differs (piece {i}: saved {ts[i] if i < len(ts) else None!r}, now {tf[i] if i < len(tf) else None!r})'
    for k, (a, b) in enumerate(zip(ns, nf)):
        if abs(a - b) > max(atol, rtol * max(abs(a), abs(b))):
            return f'number {k} differs beyond rtol={rtol:g}: saved {a!r}, now {b!r}'
    return None


NOTEBOOKS = ('nbs/index.ipynb', 'nbs/results.ipynb')   # README.md's source, and the results page it links to

MACHINE_SPECIFIC = '# machine-specific output'   # a cell whose source holds this line prints trained numbers or samples
MACHINE_RTOL = 0.10                             # ... compared with this tolerance, its sample lines not at all
SAMPLE_LINE = re.compile(r"""^\s*(?:-\s*)?['"]""")   # a printed sample: a quoted string on its own line


def loosen(text: str) -> str:
    "The output of a machine-specific cell with each sample line (a quoted string) replaced by a placeholder."
    return ''.join('<sample>\n' if SAMPLE_LINE.match(l) else l for l in text.splitlines(True))


def _flags(src: str) -> set[str]:
    "The directive words of a cell (`#| slow`, `#| eval: false` -> {'slow', 'eval:false'})."
    out = set()
    for line in src.splitlines():
        if not line.startswith('#|'): continue
        words = line[2:].replace(': ', ':').split()
        out.update(words)
    return out


def _skip_flags() -> set[str]:
    cp = configparser.ConfigParser(); cp.read(ROOT / 'settings.ini')
    return set(cp['DEFAULT'].get('tst_flags', '').split())


def _clean_output(o: dict) -> dict:
    "An output in the form nbdev_clean keeps (no execution counts)."
    if o['output_type'] == 'stream':   # matplotlib's 'findfont:' log lines (a stale font cache, e.g. after a venv is rebuilt) are not the cell's output
        text = o['text'] if isinstance(o['text'], str) else ''.join(o['text'])   # a notebook stores a list of lines
        return dict(name=o['name'], output_type='stream', text=''.join(l for l in text.splitlines(True) if not l.startswith('findfont: ')))
    if o['output_type'] in ('execute_result', 'display_data'):
        d = dict(data=o.get('data', {}), metadata={}, output_type=o['output_type'])
        if o['output_type'] == 'execute_result': d['execution_count'] = None
        return d
    return o


_RUNNER = """
import json, sys
from execnb.shell import CaptureShell
outs = CaptureShell().run(sys.stdin.read())
print('\\n' + _MARK + json.dumps(outs, default=str))
""".replace('_MARK', repr('@@bnb-cell-outputs@@'))
MARK = '@@bnb-cell-outputs@@'


def run_cell(src: str, root: Path = ROOT, env: dict | None = None) -> list:
    "The outputs of one code cell run in a fresh interpreter (its own process) from the folder `root`."
    import subprocess
    p = subprocess.run([sys.executable, '-c', _RUNNER], input=src, cwd=root, capture_output=True, text=True, env=env)
    if p.returncode or MARK not in p.stdout:
        raise SystemExit(f"a fresh interpreter could not run the cell (exit {p.returncode}):\n{p.stderr[-2000:]}\n{src[:400]}")
    return json.loads(p.stdout.rsplit(MARK, 1)[1])


def readme_cells(nb_path: Path) -> list[dict]:
    "The code cells of the notebook that README.md shows and that run: no `#| hide`, no flag nbdev_test skips."
    skip = _skip_flags() | {'eval:false', 'hide'}
    return [c for c in json.loads(nb_path.read_text(encoding='utf-8'))['cells']
            if c['cell_type'] == 'code' and not _flags(''.join(c['source'])) & skip]


def run_index(nb_path: Path, root: Path = ROOT) -> list[tuple[dict, list]]:
    "(cell, fresh outputs) for every README code cell of the notebook, each in a fresh interpreter, in order, from `root`."
    env = {k: v for k, v in os.environ.items() if k != 'BNB_DATA_DIR'}
    env.update(CUDA_VISIBLE_DEVICES='', HF_HUB_OFFLINE='1', HF_DATASETS_OFFLINE='1', MPLBACKEND='Agg')
    out = []
    for c in readme_cells(nb_path):
        src = ''.join(c['source'])
        outs = [_clean_output(o) for o in run_cell(src, root, env)]
        out.append((c, outs))
        err = [o for o in outs if o['output_type'] == 'error']
        if err: raise SystemExit(f"cell {c.get('id')} raised {err[0]['ename']}: {err[0]['evalue']}, run alone in a fresh interpreter\n{src[:400]}")
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--nb', action='append', help='a notebook whose examples are checked (repeatable; default: ' + ', '.join(NOTEBOOKS) + ')')
    ap.add_argument('--rtol', type=float, default=1e-4, help='relative tolerance of each printed number')
    ap.add_argument('--update', action='store_true', help='save the fresh outputs into the notebook instead of checking them')
    a = ap.parse_args(argv)
    bad = 0
    for nb in a.nb or [str(ROOT / n) for n in NOTEBOOKS]: bad += check_notebook(Path(nb).resolve(), a.rtol, a.update)
    if bad: sys.exit(f'{bad} example cell(s) print something else than their notebook shows; fix the code, or refresh with: '
                     '.venv/bin/python tools/check_readme.py --update && .venv/bin/python tools/make_readme.py')


def check_notebook(nb_path: Path, rtol: float = 1e-4, update: bool = False) -> int:
    "Re-run one notebook's example cells; save their outputs (`update`) or count the cells whose output differs."
    results = run_index(nb_path)
    if update:
        nb = json.loads(nb_path.read_text(encoding='utf-8'))   # read again: only the outputs of the cells that ran change
        fresh = {c['id']: outs for c, outs in results}
        for c in nb['cells']:
            if c.get('id') in fresh: c['outputs'], c['execution_count'] = fresh[c['id']], None
        nb_path.write_text(json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + '\n', encoding='utf-8')
        print(f'saved the outputs of {len(fresh)} cells into {nb_path.relative_to(ROOT)}; now run tools/make_readme.py')
        return 0
    bad = 0
    for c, outs in results:
        saved = ''.join(_output_text(o) for o in c.get('outputs', []))
        now = ''.join(_output_text(o) for o in outs)
        loose = MACHINE_SPECIFIC in ''.join(c['source'])
        why = same_output(loosen(saved), loosen(now), MACHINE_RTOL) if loose else same_output(saved, now, rtol)
        if why is None: continue
        bad += 1
        print(f"cell {c.get('id')} ({''.join(c['source']).splitlines()[0][:70]!r}): {why}")
        sys.stdout.writelines(difflib.unified_diff(saved.splitlines(True), now.splitlines(True), 'saved', 'now', n=1))
    n = len(results)
    if bad: print(f'{bad} of {n} example cells of {nb_path.name} print something else than the notebook (and README.md) shows')
    else: print(f'examples: {n} cells of {nb_path.name} re-run from the repository root print what the notebook shows (rtol {rtol:g})')
    return bad


if __name__ == '__main__':
    main()
