"""Smoke tests of the installed console scripts, run as a user runs them (subprocesses, exit codes):
train the `tiny` preset for a few steps, resume, evaluate the export, sample from it; bad input exits 2 with a message."""
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bijective_nb.training.data import data_record, fixture_data_dir

BIN = Path(sys.executable).parent


def run(*args, ok=True):
    env = {**os.environ, 'OMP_NUM_THREADS': '1'}
    p = subprocess.run([str(BIN / args[0]), *map(str, args[1:])], capture_output=True, text=True, env=env, timeout=600)
    if ok: assert p.returncode == 0, f'{args[0]} exited {p.returncode}\nstdout:\n{p.stdout[-3000:]}\nstderr:\n{p.stderr[-3000:]}'
    return p


@pytest.fixture(scope='module')
def run_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp('cli')
    common = ['--preset', 'tiny', '--out-dir', d / 'run', '--no-progress', '--set', f'cache_dir={d / "cache"}', 'tensorboard=false']
    run('bnb-train', *common, '--steps', 4)
    p = run('bnb-train', *common, '--steps', 6, '--resume')
    assert 'steps: 6' in p.stdout and 'resumed from step 4 of 6' in p.stdout
    return d / 'run'


def test_train_resume_writes_run(run_dir):
    steps = [json.loads(l).get('step') for l in (run_dir / 'metrics.jsonl').read_text().splitlines()]
    assert max(s for s in steps if s is not None) == 6
    assert {p.name for p in (run_dir / 'export').iterdir()} == {'model.safetensors', 'config.json', 'tokenizer.json', 'README.md'}
    assert 'NELBO bound' in (run_dir / 'export' / 'README.md').read_text()   # the model card carries the run's table


def test_export_names_no_local_folder(run_dir):
    "What goes to the Hub names its data by name (the data of BNB_DATA_DIR: the shipped fixture unless the caller set it) and no folder of this machine."
    texts = {p.name: p.read_text() for p in (run_dir / 'export').iterdir() if p.suffix in ('.json', '.md')}
    for local in {str(fixture_data_dir()), str(run_dir.parent), str(Path.home()), str(Path(__file__).resolve().parents[1])} - {os.sep}:
        assert not [n for n, t in texts.items() if local in t], (local, [n for n, t in texts.items() if local in t])
    meta = json.loads(texts['config.json'])
    assert meta['data'] == data_record('wikitext-2') and meta['train']['out_dir'] == 'run', meta['data']   # BNB_DATA_DIR's data, by name


def test_eval_export(run_dir):
    p = run('bnb-eval', run_dir / 'export', '--max-blocks', 2, '--exact-blocks', 1, '--split', 'valid')
    assert 'PPL per word' in p.stdout
    assert re.search(r'\| NELBO bound[^|]*\|[^\n]*\| ≤ \d', p.stdout), p.stdout      # the bound row, labelled as a bound
    assert re.search(r'\| exact NLL \(l2r\)[^|]*\|[^\n]*\| = \d', p.stdout), p.stdout  # the order-exact row, labelled exact


def test_sample_export(run_dir, tmp_path):
    out = tmp_path / 'samples.jsonl'
    run('bnb-sample', run_dir / 'export', '-n', 2, '--length', 16, '--steps', 4, '--seed', 0, '--out', out, '--quiet')
    rows = [json.loads(l) for l in out.read_text().splitlines()]
    assert len(rows) == 2 and all('[MASK]' not in r['text'] for r in rows)


def test_sample_past_max_len_and_score(run_dir, tmp_path):
    "`bnb-sample --max-new` writes past the model's window (generate_long); `bnb-score` scores a text of any length, exact and bound."
    out = tmp_path / 'long.jsonl'
    run('bnb-sample', run_dir, '--prompt', 'The game', '--max-new', 80, '--stop', '', '-n', 1, '--steps', 4, '--seed', 0, '--out', out, '--quiet')
    row = json.loads(out.read_text())
    assert len(row['tokens']) > 32 and row['stopped'] is False and row['max_new'] == 80, row
    text = ' '.join(['The game was released in Japan .'] * 12)
    p = run('bnb-score', run_dir / 'checkpoints' / 'latest.pt', text, '--samples', 2, '--json', tmp_path / 's.json')
    assert re.search(r'tokens in [2-9] windows: exact NLL \(l2r order\) [\d.]+ nats, PPL/token = [\d.]+; NELBO bound ≤', p.stdout), p.stdout
    assert json.loads((tmp_path / 's.json').read_text())['windows'] >= 2


@pytest.mark.parametrize('args,msg', [
    (['bnb-train', '--preset', 'nope'], 'invalid choice'),
    (['bnb-train', '--preset', 'tiny', '--set', 'd_model=30'], 'fix'),
    (['bnb-train', '--preset', 'tiny', '--set', 'bogus=1'], 'bogus'),
    (['bnb-eval', '/nonexistent/run'], 'nonexistent'),
])
def test_bad_input_exits_2(args, msg):
    p = run(*args, ok=False)
    assert p.returncode == 2 and msg in p.stderr, p.stderr


@pytest.mark.parametrize('args,msg', [
    (['bnb-eval', 'runs/nope'], 'bnb-eval: error: no such folder runs/nope'),   # a missing local folder is named as one (with or without runs/ here)
    (['bnb-score', 'runs/nope', 'The game'], 'bnb-score: error: no such folder runs/nope'),
    (['bnb-sample', 'runs/nope', '--prompt', 'The'], 'bnb-sample: error: no such folder runs/nope'),
    (['bnb-score', 'runs/nope'], 'not both or neither'),
    (['bnb-sample', 'runs/nope', '--max-new', '0'], '--max-new 0'),
    (['bnb-sample', 'runs/nope', '--stop', '.'], 'ends a --max-new continuation'),
    (['bnb-sample', 'runs/nope', '--max-new', '8', '--infill', 'a [MASK] b'], 'takes no --infill'),
])
def test_bad_paths_and_flags_are_one_line(args, msg):
    p = run(*args, ok=False)
    assert p.returncode == 2 and msg in p.stderr and p.stderr.count('\n') == 1 and 'fix' in p.stderr, p.stderr


@pytest.mark.parametrize('extra,msg', [
    (['--data-dir', '/nonexistent/wikitext'], 'does not hold wiki.train.tokens'),
    (['--set', 'lr=inf'], 'must be finite'),
    (['--set', 'dropout=nan'], 'must be finite'),
])
def test_train_user_errors_are_one_line(tmp_path, extra, msg):
    p = run('bnb-train', '--preset', 'tiny', '--out-dir', tmp_path / 'run', '--no-progress', *extra, ok=False)
    assert p.returncode == 2 and msg in p.stderr and p.stderr.count('\n') == 1 and 'Traceback' not in p.stderr, p.stderr


def test_bad_data_files_are_one_line(tmp_path):
    d = tmp_path / 'data'; d.mkdir()
    (d / 'train.txt').write_text('some words here\n' * 50); (d / 'valid.txt').write_text(''); (d / 'test.txt').write_text('x\n')
    p = run('bnb-train', '--preset', 'tiny', '--source', d, '--out-dir', tmp_path / 'r1', '--no-progress', ok=False)
    assert p.returncode == 2 and "split 'valid'" in p.stderr and p.stderr.count('\n') == 1, p.stderr
    (d / 'valid.txt').write_bytes(b'ok\n\xff\xfe binary\n')
    p = run('bnb-train', '--preset', 'tiny', '--source', d, '--out-dir', tmp_path / 'r2', '--no-progress', ok=False)
    assert p.returncode == 2 and 'valid.txt is not valid UTF-8 at byte 3' in p.stderr and p.stderr.count('\n') == 1, p.stderr


def test_rerun_into_a_run_is_refused(run_dir):
    before = sorted((p.name, p.stat().st_mtime_ns) for p in (run_dir / 'checkpoints').iterdir())
    p = run('bnb-train', '--preset', 'tiny', '--out-dir', run_dir, '--steps', 2, '--no-progress', ok=False)
    assert p.returncode == 2 and '--resume' in p.stderr and '--overwrite' in p.stderr, p.stderr
    assert sorted((p.name, p.stat().st_mtime_ns) for p in (run_dir / 'checkpoints').iterdir()) == before


def test_help():
    for cmd in ('bnb-train', 'bnb-eval', 'bnb-sample', 'bnb-score', 'bnb-sweep', 'bnb-bench', 'bnb-epochs', 'bnb-fair'):
        assert run(cmd, '--help').stdout.startswith('usage:')


def test_uniform_process_trains_from_the_command_line(tmp_path):
    p = run('bnb-train', '--preset', 'tiny', '--out-dir', tmp_path / 'u', '--no-progress', '--steps', 4,
            '--set', 'process=uniform', 'time_cond=true', 'tensorboard=false', f'cache_dir={tmp_path / "cache"}')
    assert 'NELBO bound' in p.stdout and 'l2r' not in p.stdout   # a bound, and no exact order rows for a non-absorbing process
    cfg = json.loads((tmp_path / 'u' / 'export' / 'config.json').read_text())['model']
    assert (cfg['process'], cfg['time_cond']) == ('uniform', True)


def test_sample_defaults_into_the_run_folder_and_checks_paths_first(run_dir, tmp_path):
    for k in range(2):
        run('bnb-sample', run_dir, '-n', 1, '--length', 8, '--steps', 2, '--quiet')
    assert sorted(p.name for p in (run_dir / 'samples').iterdir()) == ['default-seed0-1.jsonl', 'default-seed0.jsonl']
    p = run('bnb-sample', run_dir, '-n', 1, '--out', '/proc/no/such/samples.jsonl', ok=False)
    assert p.returncode == 2 and 'writable' in p.stderr and '--- sample' not in p.stdout, p.stderr
    p = run('bnb-sample', run_dir, '--infill', 'a [MASK:40] b', ok=False)
    assert p.returncode == 2 and 'the infill template is' in p.stderr and 'length=' not in p.stderr, p.stderr
    help_text = run('bnb-sample', '--help').stdout
    assert all(f in help_text for f in ('--temperature', 'default: 1.0', 'examples:', 'Hub repo id'))


def test_every_command_shows_defaults_and_examples():
    for cmd in ('bnb-train', 'bnb-eval', 'bnb-sample', 'bnb-score', 'bnb-sweep', 'bnb-bench', 'bnb-epochs', 'bnb-fair'):
        h = run(cmd, '--help').stdout
        examples = h.split('examples:')[-1].strip().splitlines()
        assert 'examples:' in h and len(examples) >= 2 and all(l.startswith('  ') or l.startswith(cmd) for l in h.split('examples:')[-1].splitlines() if l.strip()), (cmd, h[-500:])
        assert 'default' in h, cmd


def test_block_model_from_the_command_line(tmp_path):
    "A block-diffusion model (`--set block_size=8`) trains, evaluates and samples block by block with no other flag."
    common = ['--no-progress', '--set', 'tensorboard=false', f'cache_dir={tmp_path / "cache"}']
    p = run('bnb-train', '--preset', 'tiny', '--out-dir', tmp_path / 'b', '--steps', 4, *common[:1], '--set', 'block_size=8', *common[2:])
    assert 'NELBO bound' in p.stdout and 'l2r' in p.stdout, p.stdout
    cfg = json.loads((tmp_path / 'b' / 'export' / 'config.json').read_text())['model']
    assert cfg['block_size'] == 8
    out = tmp_path / 's.jsonl'
    q = run('bnb-sample', tmp_path / 'b' / 'export', '-n', 2, '--length', 32, '--steps', 8, '--seed', 0, '--out', out, '--quiet')
    rows = [json.loads(l) for l in out.read_text().splitlines()]
    assert all('[MASK]' not in r['text'] for r in rows) and rows[0]['strategy'].startswith('SemiAR(8'), rows[0]['strategy']
    bad = run('bnb-train', '--preset', 'tiny', '--out-dir', tmp_path / 'x', '--set', 'block_size=5', ok=False)
    assert bad.returncode == 2 and 'divides max_len' in bad.stderr and bad.stderr.count('\n') == 1, bad.stderr


def test_partial_model_from_the_command_line(tmp_path):
    "Partial masking (`--set process=partial`) adapts from an AR run, evaluates digit by digit, exports, reloads and samples."
    common = ['--no-progress', '--set', 'tensorboard=false', f'cache_dir={tmp_path / "cache"}']
    run('bnb-train', '--preset', 'tiny', '--ar', '--out-dir', tmp_path / 'ar', '--steps', 4, *common)
    p = run('bnb-train', '--preset', 'tiny', '--init-from', tmp_path / 'ar', '--out-dir', tmp_path / 'p', '--steps', 4, *common,
            'process=partial', 'sub_base=4', 'shift=true', 'anneal_steps=2')
    assert 'NELBO bound' in p.stdout and 'l2r' in p.stdout, p.stdout
    cfg = json.loads((tmp_path / 'p' / 'export' / 'config.json').read_text())['model']
    assert (cfg['process'], cfg['sub_base'], cfg['sub_shuffle']) == ('partial', 4, True)
    e = run('bnb-eval', tmp_path / 'p' / 'export', '--split', 'valid', '--max-blocks', 4, '--exact-blocks', 2)
    assert 'NELBO' in e.stdout, e.stdout
    out = tmp_path / 's.jsonl'
    run('bnb-sample', tmp_path / 'p' / 'export', '-n', 2, '--length', 16, '--steps', 4, '--seed', 0, '--out', out, '--quiet')
    assert all('[MASK]' not in json.loads(l)['text'] for l in out.read_text().splitlines())
    bad = run('bnb-train', '--preset', 'tiny', '--out-dir', tmp_path / 'x', '--set', 'process=partial', 'sub_base=1', ok=False)
    assert bad.returncode == 2 and 'sub_base=1 must be an integer >= 2' in bad.stderr and bad.stderr.count('\n') == 1, bad.stderr
