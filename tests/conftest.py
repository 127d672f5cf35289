"""The tests run as on a fresh clone:
- offline: the Hugging Face libraries are told so (`HF_HUB_OFFLINE`, `HF_DATASETS_OFFLINE`), so anything that reaches for
  the Hub fails at once instead of downloading;
- with no WikiText-2 configured (the environment variable `BNB_DATA_DIR`), the console-script tests use the fixture
  shipped in the package (the first 400 lines of each split; see its README): this file sets `BNB_DATA_DIR` to it, and
  marks that it did (`BNB_DATA_DIR_FROM_CONFTEST`, seen by the xdist workers too). The notebooks run without it, as
  `nbdev_test` runs them: each picks the data itself (`test_data_dir()`, the rule of 04a_data); see the fixture
  `as_on_a_fresh_clone`;
- with no virtual environment on PATH, as `make test` runs them: a test or notebook that runs a console script must find
  it next to `sys.executable` (or run `python -m ...`), so the environment's own bin folder is taken off PATH here even
  when the caller activated it."""
import os
import sys
from pathlib import Path

import pytest

from bijective_nb.training.data import default_data_dir, fixture_data_dir

for _k in ('HF_HUB_OFFLINE', 'HF_DATASETS_OFFLINE'): os.environ.setdefault(_k, '1')
if default_data_dir() is None or os.environ.get('BNB_DATA_DIR_FROM_CONFTEST'):
    os.environ.update(BNB_DATA_DIR=str(fixture_data_dir()), BNB_DATA_DIR_FROM_CONFTEST='1')
_bin = Path(sys.executable).parent.resolve()
os.environ['PATH'] = os.pathsep.join(p for p in os.environ.get('PATH', '').split(os.pathsep) if p and Path(p).resolve() != _bin)


@pytest.fixture
def as_on_a_fresh_clone(monkeypatch):
    "The environment as the caller gave it: `BNB_DATA_DIR` unset again when this file set it (as for `nbdev_test` on a fresh clone)."
    if os.environ.get('BNB_DATA_DIR_FROM_CONFTEST'):
        monkeypatch.delenv('BNB_DATA_DIR'); monkeypatch.delenv('BNB_DATA_DIR_FROM_CONFTEST')
