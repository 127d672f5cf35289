"""The package's public face (`bijective_nb/__init__.py`): the names it exports, each importable from the top; an import
of the package that pulls in no command-line module and no heavy optional library; and argument documentation that
`help()` shows while nbdev's `show_doc` shows it once."""
import ast
import inspect
import subprocess
import sys
import warnings

import pytest
from fastcore.docments import _docstring, docments

import bijective_nb

PUBLIC = ['DiffusionLM', 'ModelConfig', 'generate', 'generate_long', 'Score', 'score', 'TrainConfig', 'get_preset', 'train', 'evaluate']


def test_all_is_the_public_list():
    assert bijective_nb.__all__ == PUBLIC
    assert bijective_nb.__version__


@pytest.mark.parametrize('name', PUBLIC)
def test_each_name_imports_from_the_top(name):
    ns = {}
    exec(f'from bijective_nb import {name}', ns)
    assert ns[name] is getattr(bijective_nb, name)


def test_import_is_light_and_acyclic():
    "A fresh `import bijective_nb` loads no command-line module (so `python -m bijective_nb.training.cli` runs as a script, not a second copy), no plotting or data-set library, and no module imports the package's top level back."
    code = ("import sys, bijective_nb\n"
            "bad = [m for m in ('bijective_nb.training.cli', 'bijective_nb.demo', 'bijective_nb.evaluation.harness', 'matplotlib', 'datasets', 'lm_eval') if m in sys.modules]\n"
            "print(bad)")
    r = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.strip() == '[]', r.stdout + r.stderr
    r = subprocess.run([sys.executable, '-W', 'error::RuntimeWarning', '-m', 'bijective_nb.training.cli', '--help'], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.startswith('usage: bnb-train'), r.stderr[-2000:]
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')                                   # (a docstring's LaTeX backslashes warn when parsed)
        trees = {k: ast.parse(inspect.getsource(sys.modules[k])) for k in list(sys.modules) if k.startswith('bijective_nb.')}
    back = [(k, n.lineno) for k, t in trees.items() for n in ast.walk(t) if isinstance(n, ast.ImportFrom)
            and ((n.level == 0 and n.module == 'bijective_nb') or (n.level == 1 and n.module is None))]   # `from bijective_nb import`, `from . import`
    assert not back, back


def _params(obj):
    f = getattr(obj, '__func__', obj)
    return {k: v for k, v in docments(f).items() if v and k not in ('self', 'cls', 'return')}


@pytest.mark.parametrize('name', ['generate', 'generate_long', 'score', 'train', 'evaluate', 'get_preset', 'ModelConfig', 'TrainConfig'])
def test_help_shows_each_argument_once_and_show_doc_keeps_its_summary(name):
    obj = getattr(bijective_nb, name)
    doc, notes = inspect.getdoc(obj), _params(obj)
    assert notes and '\nParameters\n----------\n' in doc, name
    for k, v in notes.items(): assert f'\n{k}\n    {v}\n' in doc + '\n', (name, k)       # each argument, with its note
    assert 'Parameters' not in _docstring(obj) and _docstring(obj) == doc.split('\n\nParameters')[0]   # show_doc: the summary alone


def test_from_pretrained_documents_its_arguments():
    doc = inspect.getdoc(bijective_nb.DiffusionLM.from_pretrained)
    assert 'name_or_path\n    a run folder, an export folder, a checkpoint file' in doc and 'use_ema\n' in doc
    import pydoc
    assert 'use_ema' in pydoc.render_doc(bijective_nb.DiffusionLM.from_pretrained, renderer=pydoc.plaintext)   # what help() prints
