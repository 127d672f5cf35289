"""The tests run offline on a fresh clone: with no WikiText-2 configured (`BNB_DATA_DIR` or the development copy beside
the checkout), they use the fixture shipped in the package (the first 400 lines of each split; see its README)."""
import os

from bijective_nb.data import default_data_dir, fixture_data_dir

if default_data_dir() is None: os.environ['BNB_DATA_DIR'] = str(fixture_data_dir())
