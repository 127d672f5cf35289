"""Size rules of the code base, measured: lines per exported module, exported-cell lengths (median, share ≤ 15 lines),
the longest exported functions. Run from the repository root: `python tools/code_stats.py`."""
import ast
import json
import statistics
from pathlib import Path

mods = sorted((len(p.read_text().splitlines()), str(p)) for p in Path('bijective_nb').rglob('*.py') if p.name != '_modidx.py')
cells = [len(s.strip().splitlines()) - 1 for nb in sorted(Path('nbs').glob('*.ipynb')) for c in json.loads(nb.read_text())['cells']
         if c['cell_type'] == 'code' and (s := ''.join(c['source'])).startswith('#| export')]
funcs = sorted(((n.end_lineno - n.lineno + 1, f'{p}:{n.name}') for _, p in mods for n in ast.walk(ast.parse(Path(p).read_text()))
                if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))), reverse=True)
print('largest modules (lines):', ', '.join(f'{p} {n}' for n, p in mods[::-1][:5]))
print(f'exported cells: {len(cells)}, median {statistics.median(cells)} lines, {sum(c <= 15 for c in cells) / len(cells):.0%} of them ≤ 15, longest {max(cells)}')
print('longest functions (lines):', ', '.join(f'{name} {n}' for n, name in funcs[:5]))


def _public(src: str) -> bool:
    "Whether an exported cell defines a public name (imports and `_private` helpers are not)."
    tree = ast.parse('\n'.join(l for l in src.splitlines() if not l.startswith('#|')))
    names = [n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))]
    names += [t.id for n in tree.body if isinstance(n, (ast.Assign, ast.AnnAssign)) for t in (n.targets if isinstance(n, ast.Assign) else [n.target])
              if isinstance(t, ast.Name)]
    return any(not n.startswith('_') for n in names)

runs = bare = 0
for nb in sorted(Path('nbs').glob('*.ipynb')):
    cs = json.loads(nb.read_text())['cells']
    exp = [c['cell_type'] == 'code' and ''.join(c['source']).startswith('#| export') for c in cs]
    for i in range(len(cs) - 1):
        if exp[i] and exp[i + 1]:
            runs += 1; bare += _public(''.join(cs[i]['source']))
print(f'exported cells followed directly by another exported cell: {runs} ({bare} defining a public name; the rest are imports or private helpers)')
