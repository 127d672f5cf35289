"""tools/check_results.py and tools/check_readme.py's loose comparison: each refuses what it must (unstamped, smoke-size,
drifted or mixed results; changed text in a machine-specific cell) and accepts what it must."""
import importlib.util
import json
import sys
from pathlib import Path

import pytest
from PIL import Image

from bijective_nb.training.config import get_preset
from bijective_nb.experiments.provenance import write_stamped_md

ROOT = Path(__file__).resolve().parents[1]


def _tool(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / 'tools' / f'{name}.py')
    mod = importlib.util.module_from_spec(spec); sys.path.insert(0, str(ROOT / 'tools')); spec.loader.exec_module(mod)
    return mod


cr = _tool('check_results')
ck = _tool('check_readme')


def _model(role, **over):
    preset, o = {'main-diffusion': ('cpu-shift', {}), 'main-ar': ('cpu', {'causal': True})}[role]
    tc = get_preset(preset, **o)
    return dict(path=f'runs/{role}', role=role, config={**tc.model_config(2048).to_dict(), **over}, train=tc.to_dict(), weights_sha256=role[:4] * 16)


def _prov(command='python tools/make_results.py compare --diffusion runs/cpu --ar runs/cpu-ar --out nbs/results', commit='a' * 40, models=None):
    return dict(command=command, smoke='python tools/make_results.py compare --smoke', commit=commit, made='2026-12-07', env={},
                models=models if models is not None else [_model('main-diffusion'), _model('main-ar')])


@pytest.fixture
def tree(tmp_path):
    "A checkout-like folder with a README that shows two stamped files, one unstamped main file and one experiment record."
    (tmp_path / 'nbs/results/main').mkdir(parents=True); (tmp_path / 'nbs/results/fair').mkdir(parents=True)
    write_stamped_md(tmp_path / 'nbs/results/main/compare.md', '| a |\n|---|\n| 1 |', _prov())
    write_stamped_md(tmp_path / 'nbs/results/frontier.md', '| b |', _prov())
    (tmp_path / 'nbs/results/fair/fair.md').write_text('| c |\n')
    readme = tmp_path / 'README.md'
    readme.write_text("print(show_result('nbs/results/main/compare.md'))\n![f](nbs/results/frontier.md)\nsee nbs/results/fair/fair.md\n")
    return tmp_path, readme


def test_fresh_stamps_pass(tree):
    root, readme = tree
    bad, files, stamps = cr.check(readme, root)
    assert bad == [] and len(files) == 3 and len(stamps) == 2


def test_unstamped_main_file_fails_and_records_pass(tree):
    root, readme = tree
    (root / 'nbs/results/frontier.md').write_text('| b |\n')                   # restored from before stamps
    bad, *_ = cr.check(readme, root)
    assert len(bad) == 1 and 'frontier.md: no provenance stamp' in bad[0]


@pytest.mark.parametrize('prov, why', [
    (_prov(command='python tools/make_results.py compare --smoke'), 'smoke size'),
    (_prov(commit='a' * 40 + '+dirty'), 'uncommitted'),
    (_prov(models=[_model('main-diffusion', block_size=None)]), 'block_size: None → 2'),
    (_prov(models=[dict(_model('main-ar'), role=None)]), 'has no role'),
])
def test_stamps_that_do_not_describe_the_main_job_fail(tree, prov, why):
    root, readme = tree
    write_stamped_md(root / 'nbs/results/frontier.md', '| b |', prov)
    bad, *_ = cr.check(readme, root)
    assert any(why in b for b in bad), bad


def test_two_files_naming_different_weights_fail(tree):
    root, readme = tree
    other = _model('main-ar'); other['weights_sha256'] = 'f' * 64
    write_stamped_md(root / 'nbs/results/frontier.md', '| b |', _prov(models=[_model('main-diffusion'), other]))
    bad, *_ = cr.check(readme, root)
    assert any('main-ar model differs' in b for b in bad), bad


def test_a_stamped_record_of_an_older_model_passes_and_is_not_a_main_stamp(tree):
    root, readme = tree
    path = 'nbs/results/shift-split/compare.md'                          # an experiment record that carries a stamp
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    write_stamped_md(root / path, '| h |', _prov(models=[_model('main-diffusion', shift=False)]))   # an older model in the main role
    readme.write_text(readme.read_text() + f"print(show_result('{path}'))\n")
    assert cr.is_record(path)
    bad, files, stamps = cr.check(readme, root)
    assert bad == [] and path in files and path not in stamps
    assert not cr.is_record('nbs/results/harness.md')                  # the harness table is the main job's again: stamped, checked


def test_missing_file_fails(tree):
    root, readme = tree
    (root / 'nbs/results/frontier.md').unlink()
    assert any('does not exist' in b for b in cr.check(readme, root)[0])


def test_loose_comparison_of_machine_specific_cells():
    saved = "valid ≤ 63.23 ± 0.39\n  'The game sample one'\n"
    assert ck.same_output(ck.loosen(saved), ck.loosen("valid ≤ 63.03 ± 0.39\n  'The game other text'\n"), ck.MACHINE_RTOL) is None
    assert ck.same_output(ck.loosen(saved), ck.loosen("valid ≤ 75.00 ± 0.39\n  'x'\n"), ck.MACHINE_RTOL) is not None   # beyond 10%
    assert ck.same_output(ck.loosen(saved), ck.loosen("test ≤ 63.23 ± 0.39\n  'x'\n"), ck.MACHINE_RTOL) is not None   # text changed
    assert ck.same_output(saved, "valid ≤ 63.03 ± 0.39\n  'The game sample one'\n") is not None                       # strict elsewhere


def _page(root, cells):
    "A results page (nbs/results.ipynb) under `root` with the given (cell_type, source) cells."
    nb = dict(cells=[dict(cell_type=t, id=f'c{i}', metadata={}, source=s, **({'outputs': [], 'execution_count': None} if t == 'code' else {}))
                     for i, (t, s) in enumerate(cells)], metadata={}, nbformat=4, nbformat_minor=5)
    (root / 'nbs' / 'results.ipynb').write_text(json.dumps(nb))


def test_the_results_page_is_checked_too(tree):
    "Files the results page shows are checked like the README's: its code as it runs (paths from the root), its markdown links relative to nbs/."
    root, readme = tree
    write_stamped_md(root / 'nbs/results/generation.md', '| h |', _prov(command='python tools/make_results.py generation --smoke'))   # smoke size: refused
    Image.new('RGB', (2, 2)).save(root / 'nbs/results/figure.png')                                                    # an unstamped figure, no record
    _page(root, [('code', "print(show_result('nbs/results/generation.md'))"), ('markdown', '![s](results/figure.png) and `nbs/results/fair/fair.md`')])
    bad, files, _ = cr.check(readme, root)
    assert {'nbs/results/generation.md', 'nbs/results/figure.png'} <= set(files) and len(files) == 5
    assert any('generation.md' in b and 'smoke size' in b for b in bad) and any('figure.png: no provenance stamp' in b for b in bad), bad
    assert cr.check(readme, root, pages=[])[0] == []                                                                  # the README alone is fine


def test_shown_files_of_the_real_pages():
    "Today's README and results page: the main job's comparison is shown, and every shown file exists or is named as missing."
    files = cr.shown_files(ROOT / 'README.md', [ROOT / p for p in cr.PAGES])
    assert 'nbs/results/main/compare.json' in files and 'nbs/results/main/compare.md' in files
    assert all(f.startswith('nbs/results/') for f in files)
