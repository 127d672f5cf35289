"""The prepared GPU check (`tools/gpu_check.sh`) on its CPU smoke path, so the script a GPU session runs is known to work."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_gpu_check_cpu_smoke(tmp_path):
    env = {**os.environ, 'OMP_NUM_THREADS': '1', 'PYTHON': sys.executable}   # the script uses this environment's python and scripts
    p = subprocess.run(['bash', str(ROOT / 'tools' / 'gpu_check.sh'), str(tmp_path / 'out'), 'cpu'], capture_output=True, text=True, env=env, timeout=600)
    assert p.returncode == 0, p.stdout[-2000:] + p.stderr[-2000:]
    rows = [l.split('\t') for l in (tmp_path / 'out' / 'summary.tsv').read_text().splitlines()]
    assert [r[:2] for r in rows] == [['bench', 'ok'], ['generation', 'ok'], ['train', 'ok']]
    assert 'reversible vs plain' in p.stdout and 'generation: batch' in p.stdout
    q = subprocess.run(['bash', str(ROOT / 'tools' / 'gpu_check.sh'), str(tmp_path / 'gpu')], capture_output=True, text=True, env=env, timeout=60)
    import torch
    if not torch.cuda.is_available(): assert q.returncode == 2 and 'no CUDA device' in q.stderr
