"""The package's layout (issue 35): subpackages by chapter whose imports run only downward, modules of a reasonable size,
and the public face. The import graph is read from the source by `bijective_nb.tools.architecture` (92_tools_architecture),
function-level imports included."""
import ast
import json
from pathlib import Path

from bijective_nb.tools.architecture import LAYERS, layer_docs, layer_of, package_imports, upward_imports

PKG = Path(__file__).resolve().parents[1]/'bijective_nb'
NBS = Path(__file__).resolve().parents[1]/'nbs'


def test_imports_run_downward():
    imps = package_imports(PKG)
    assert len(imps) > 40 and all(m.startswith('bijective_nb') for m in imps) and sum(map(len, imps.values())) > 100
    assert 'bijective_nb.diffusion.model' in imps['bijective_nb.training.train']       # a relative import (`from ..diffusion.model`), resolved
    assert upward_imports(imps) == []


def test_package_imports_reads_relative_lazy_and_init_imports(tmp_path):
    "On a small tree: a function-level relative import and a subpackage `__init__`'s import are read, and both run upward."
    pkg = tmp_path / 'bijective_nb'
    for d in ('backbone', 'sampling'): (pkg / d).mkdir(parents=True)
    (pkg / '__init__.py').write_text(''); (pkg / 'sampling' / '__init__.py').write_text('')
    (pkg / 'backbone' / '__init__.py').write_text('from ..sampling import sample\n')
    (pkg / 'backbone' / 'layers.py').write_text('def f():\n    from ..sampling.sample import g\n')
    (pkg / 'sampling' / 'sample.py').write_text('from ..backbone.layers import f\nimport bijective_nb.backbone\n')
    imps = package_imports(pkg)
    assert imps['bijective_nb.sampling.sample'] == {'bijective_nb.backbone.layers', 'bijective_nb.backbone'}   # downward: fine
    assert upward_imports(imps) == [('bijective_nb.backbone', 'bijective_nb.sampling'), ('bijective_nb.backbone', 'bijective_nb.sampling.sample'),
                                    ('bijective_nb.backbone.layers', 'bijective_nb.sampling.sample')]


def test_upward_import_is_caught():
    assert upward_imports({'bijective_nb.training.train': {'bijective_nb.sampling.sample'}}) == [
        ('bijective_nb.training.train', 'bijective_nb.sampling.sample')]


def test_every_module_is_in_a_layer():
    "Only the public face, `demo` (python -m bijective_nb.demo) and the index nbdev writes sit outside the subpackages."
    top = sorted(p.name for p in PKG.glob('*.py'))
    assert top == ['__init__.py', '_modidx.py', 'demo.py'], top
    assert sorted(p.name for p in PKG.iterdir() if p.is_dir() and (p/'__init__.py').exists()) == sorted(LAYERS)
    docs = layer_docs(PKG)
    assert [s for s in LAYERS if not docs[s]] == [], 'a subpackage __init__.py without a docstring'


def test_module_sizes():
    "Every module ≤ 400 lines; a module under 60 lines says in its first line (its docstring) why it stands alone."
    for p in PKG.rglob('*.py'):
        if p.name in ('_modidx.py', '__init__.py'): continue
        n = len(p.read_text().splitlines())
        assert n <= 400, f'{p.relative_to(PKG)} has {n} lines'
        if n < 60: assert 'stands alone' in p.read_text().splitlines()[0], f'{p.relative_to(PKG)} ({n} lines) does not say why it stands alone'


def test_one_notebook_per_number():
    "No two notebooks share a number and letter (the second `02_` was renumbered)."
    keys = [p.name.split('_')[0] for p in NBS.glob('[0-9]*.ipynb')]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)


def test_layer_of_refuses_foreign_modules():
    import pytest
    with pytest.raises(ValueError, match='not a bijective_nb module'): layer_of('torch.nn')


def test_exported_cells_are_short():
    "The median exported cell ≤ 12 lines and none over 25 (issue 35; lines after the `#| export` line)."
    import statistics
    n = [len(s.strip().splitlines()) - 1 for nb in sorted(NBS.glob('*.ipynb')) for c in json.loads(nb.read_text())['cells']
         if c['cell_type'] == 'code' and (s := ''.join(c['source'])).startswith('#| export')]
    long = [x for x in n if x > 25]
    assert len(n) > 500 and statistics.median(n) <= 12 and not long, (statistics.median(n), long)
