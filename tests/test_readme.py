"""Every Python block of README.md runs by itself: each code cell of nbs/index.ipynb that the README shows, in a fresh
interpreter of its own (tools/check_readme.py's runner), from a scratch copy of what the blocks read (nbs/results; the
demo's block writes runs/demo there, and later blocks load it), so a block that leans on another block's imports fails
here, and the checkout is left as it was. What each block prints is compared with README.md by tools/check_readme.py
on the development machine (another CPU prints other samples and moves trained numbers), not here."""
import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _check_readme():
    spec = importlib.util.spec_from_file_location('check_readme', ROOT / 'tools' / 'check_readme.py')
    mod = importlib.util.module_from_spec(spec); sys.path.insert(0, str(ROOT / 'tools')); spec.loader.exec_module(mod)
    return mod


def test_each_readme_block_runs_alone(tmp_path, as_on_a_fresh_clone):
    ck, nb = _check_readme(), ROOT / 'nbs' / 'index.ipynb'
    shutil.copytree(ROOT / 'nbs' / 'results', tmp_path / 'nbs' / 'results')
    try: results = ck.run_index(nb, tmp_path)
    except SystemExit as e: pytest.fail(str(e))        # names the block that failed on its own
    assert len(results) == len(ck.readme_cells(nb)) >= 3 and (tmp_path / 'runs' / 'demo' / 'export').is_dir()
    assert all('Path(' not in ''.join(c['source']) or 'from pathlib import Path' in ''.join(c['source']) for c, _ in results)
    printed = '\n'.join(''.join(ck._output_text(o) for o in outs) for _, outs in results)
    assert 'the target ≤ 1.25' in printed and 'tokens in 2 windows' in printed   # the headline's verdict, and score() of "use a trained model"


def test_readme_is_short_and_maps_every_chapter():
    "The README is a landing page (issue 36: at most 250 lines), and its map links every chapter and the results page."
    readme = (ROOT / 'README.md').read_text(encoding='utf-8')
    assert len(readme.splitlines()) <= 250
    missing = [p.name for p in sorted((ROOT / 'nbs').glob('[0-9]*.ipynb')) if f'](nbs/{p.name})' not in readme]
    assert not missing and '](nbs/results.ipynb)' in readme, missing


def test_results_page_cells_only_read():
    "The results page's cells print files from nbs/results: none trains, samples or writes (nbdev_test runs it in seconds)."
    ck = _check_readme()
    cells = ck.readme_cells(ROOT / 'nbs' / 'results.ipynb')
    assert len(cells) >= 10
    for c in cells:
        src = ''.join(c['source'])
        assert not [w for w in ('train(', 'demo(', 'generate(', 'write_text', 'write_bytes', 'savefig', "'w'") if w in src], src[:200]


def test_a_block_that_leans_on_another_fails(tmp_path):
    "The runner gives each block a fresh interpreter: a name defined by an earlier block is not there."
    ck = _check_readme()
    assert ck.run_cell('x = 41', tmp_path)[0:] == []
    outs = ck.run_cell('print(x + 1)', tmp_path)
    assert [o['ename'] for o in outs if o['output_type'] == 'error'] == ['NameError']


def test_font_cache_logs_are_not_output():
    "A stale matplotlib font cache (a venv rebuilt at another path) logs 'findfont:' lines; they are not what a cell prints."
    o = _check_readme()._clean_output(dict(output_type='stream', name='stderr', text="a\nfindfont: Font family ['STIXGeneral'] not found. Falling back to DejaVu Sans.\nb\n"))
    assert o == dict(name='stderr', output_type='stream', text='a\nb\n')
    assert _check_readme()._clean_output(dict(output_type='stream', name='stdout', text=['a\n', 'b\n']))['text'] == 'a\nb\n'   # a notebook's list of lines
