"""One pytest item per notebook, each run through nbdev's own runner (`nbdev.test.test_nb`),
so the `tst_flags` in settings.ini (`notest slow cuda`) skip exactly the cells `nbdev_test` skips."""
import os
from pathlib import Path

import pytest
from nbdev.config import get_config
from nbdev.test import test_nb as run_notebook  # aliased so pytest does not collect it as a test

ROOT = Path(__file__).resolve().parents[1]
NBS = sorted(p for p in (ROOT / 'nbs').glob('*.ipynb') if not p.name.startswith('_'))


@pytest.mark.parametrize('nb', NBS, ids=[p.stem for p in NBS])
def test_notebook(nb):
    os.chdir(ROOT)  # get_config() looks for settings.ini from the working directory
    flags = get_config().tst_flags.split()
    ok, secs = run_notebook(nb, skip_flags=flags, basepath=ROOT)
    assert ok, f'{nb.name} failed under nbdev.test.test_nb (see the traceback above); reproduce with: nbdev_test --path nbs/{nb.name}'
