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
