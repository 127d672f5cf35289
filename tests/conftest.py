"""The tests run as on a fresh clone:
- offline: with no WikiText-2 configured (the environment variable `BNB_DATA_DIR`), they use the fixture shipped in the
  package (the first 400 lines of each split; see its README);
- with no virtual environment on PATH, as `make test` runs them: a test or notebook that runs a console script must find
  it next to `sys.executable` (or run `python -m ...`), so the environment's own bin folder is taken off PATH here even
  when the caller activated it."""
import os
import sys
from pathlib import Path

from bijective_nb.data import default_data_dir, fixture_data_dir

if default_data_dir() is None: os.environ['BNB_DATA_DIR'] = str(fixture_data_dir())
_bin = Path(sys.executable).parent.resolve()
os.environ['PATH'] = os.pathsep.join(p for p in os.environ.get('PATH', '').split(os.pathsep) if p and Path(p).resolve() != _bin)
