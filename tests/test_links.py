"""Every relative link in README.md and in the notebooks' markdown points at a file that exists, and the chapters named
by the design card exist in nbs/.

A link's target is resolved against the folder of the file that holds it: nbs/ for a notebook, the repository root for
README.md (tools/make_readme.py rewrites `](results/` into `](nbs/results/` when it writes the README). Web addresses
(`https:`, `mailto:`, ...) and anchors within the same page (`#...`) are not checked; a `#anchor` or `?query` after a
file name is dropped before the file is looked up. Code (fenced blocks and inline code spans) is not prose and is skipped."""
import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

ROOT = Path(__file__).resolve().parents[1]
NBS = ROOT / 'nbs'
CARD_CHAPTERS = ['00_coupling', '01_invertible_block', '02_corruption', '03_model', '04_train', '05_sample',
                 '06_workstation_ddp']

_FENCE = re.compile(r'^(```|~~~).*?^\1[^\n]*$', re.S | re.M)          # fenced code blocks
_CODE = re.compile(r'(`+)(?:(?!\1).)+?\1', re.S)                        # inline code spans
_INLINE = re.compile(r'\]\(\s*<?([^)\s>]+)>?(?:\s+(?:"[^"]*"|\'[^\']*\'))?\s*\)')   # [text](target "title"), ![alt](target)
_REFDEF = re.compile(r'^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)', re.M)    # [label]: target
_SCHEME = re.compile(r'^[a-z][a-z0-9+.-]*:', re.I)


def md_links(text: str) -> list:
    "The relative link targets of markdown `text` (no web addresses, no same-page anchors), in order."
    text = _CODE.sub('', _FENCE.sub('', text))
    targets = [m.group(1) for m in _INLINE.finditer(text)] + [m.group(1) for m in _REFDEF.finditer(text)]
    return [t for t in targets if not _SCHEME.match(t) and not t.startswith('#')]


def broken_links(text: str, base: Path) -> list:
    "The targets of `md_links(text)` that do not exist relative to the folder `base`."
    out = []
    for t in md_links(text):
        path = unquote(t.split('#', 1)[0].split('?', 1)[0])
        if path and not (base / path).exists(): out.append(t)
    return out


def _notebook_markdown(nb: Path) -> str:
    cells = json.loads(nb.read_text(encoding='utf-8'))['cells']
    return '\n\n'.join(''.join(c['source']) for c in cells if c['cell_type'] == 'markdown')


NOTEBOOKS = sorted(NBS.glob('*.ipynb'))


def test_md_links_parser():
    text = ('[a](00_x.ipynb) ![img](results/p.png "t") [web](https://x.org/a.ipynb) [top](#sec) [up](../a/b.md#s)\n'
            '`[code](not_a_link.ipynb)`\n```\n[fenced](nor_this.ipynb)\n```\n'
            '[![badge](https://b.svg)](https://colab/x.ipynb) [mail](mailto:a@b.c)\n[ref]: other.ipynb\n')
    assert md_links(text) == ['00_x.ipynb', 'results/p.png', '../a/b.md#s', 'other.ipynb']


def test_broken_links_detects_missing(tmp_path):
    (tmp_path / 'here.ipynb').write_text('{}')
    assert broken_links('[ok](here.ipynb#a) [gone](missing.ipynb) [web](http://x/missing.ipynb)', tmp_path) == ['missing.ipynb']


def test_readme_links():
    bad = broken_links((ROOT / 'README.md').read_text(encoding='utf-8'), ROOT)
    assert not bad, f'README.md links to missing files (relative to the repository root): {bad}; fix the link in nbs/index.ipynb and run `python tools/make_readme.py`'


@pytest.mark.parametrize('nb', NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_links(nb):
    bad = broken_links(_notebook_markdown(nb), nb.parent)
    assert not bad, f'{nb.name} links to missing files (relative to nbs/): {bad}'


@pytest.mark.parametrize('name', CARD_CHAPTERS)
def test_card_chapter_exists(name):
    assert (NBS / f'{name}.ipynb').is_file(), f'the design card names the chapter {name}, but nbs/{name}.ipynb is missing'
