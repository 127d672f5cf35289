"""One pytest item per notebook, each run through nbdev's own runner (`nbdev.test.test_nb`),
so the `tst_flags` in settings.ini (`notest slow cuda`) skip exactly the cells `nbdev_test` skips,
in the environment `nbdev_test` has on a fresh clone (no `BNB_DATA_DIR` unless the caller set one; see conftest.py).

The tests leave the checkout as it was. A notebook whose examples write into it runs from a scratch copy of what it
reads (`SCRATCH`): the index runs the README's examples from the repository root, `demo('runs/demo')` and the copy of
its curves into nbs/results/demo/curves.png (the README's figure, which only `make demo-figure` writes)."""
import os
import shutil
from pathlib import Path

import pytest
from nbdev.config import get_config
from nbdev.test import test_nb as run_notebook  # aliased so pytest does not collect it as a test

ROOT = Path(__file__).resolve().parents[1]
NBS = sorted(p for p in (ROOT / 'nbs').glob('*.ipynb') if not p.name.startswith('_'))
SCRATCH = {'index'}   # notebooks that write into the checkout: run from a scratch copy


def scratch_copy(nb: Path, tmp: Path) -> Path:
    "A copy under `tmp` of what `nb` reads (settings.ini, the notebook, nbs/results): it runs there, and its writes land there."
    (tmp / 'nbs').mkdir(parents=True)
    shutil.copy(ROOT / 'settings.ini', tmp); shutil.copy(nb, tmp / 'nbs')
    shutil.copytree(ROOT / 'nbs' / 'results', tmp / 'nbs' / 'results')
    return tmp / 'nbs' / nb.name


@pytest.mark.parametrize('nb', NBS, ids=[p.stem for p in NBS])
def test_notebook(nb, as_on_a_fresh_clone, monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)  # get_config() looks for settings.ini from the working directory
    flags = get_config().tst_flags.split()
    path = scratch_copy(nb, tmp_path / 'checkout') if nb.stem in SCRATCH else nb
    ok, secs = run_notebook(path, skip_flags=flags, basepath=ROOT)
    assert ok, f'{nb.name} failed under nbdev.test.test_nb (see the traceback above); reproduce with: nbdev_test --path nbs/{nb.name}'

