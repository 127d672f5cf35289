"""Fault injection, as a user's machine or scheduler would cause it: `bnb-train --preset tiny` with a checkpoint every
step is killed with SIGKILL at random moments (the atomic writer is slowed so that many kills land mid-write) and
resumed each time; separately, interrupted with SIGINT and SIGTERM. Every checkpoint left on disk must load and verify
or be refused with a clear error, no temporary file may survive the next start, and the final weights must equal those
of a run that was never interrupted, bit for bit."""
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch

from bijective_nb.training.checkpoint import load_checkpoint

BIN = Path(sys.executable).parent
FLAGS = ['--no-progress', '--set', 'ckpt_every=1', 'tensorboard=false', 'final_eval=false', 'export=false']


def env(tmp, delay=None):
    e = {**os.environ, 'OMP_NUM_THREADS': '1', 'BNB_CACHE_DIR': str(tmp/'cache')}
    if delay: e['BNB_WRITE_DELAY'] = str(delay)
    return e


def start(run, tmp, resume, delay=None):
    args = ['--resume'] if resume else ['--preset', 'tiny']
    return subprocess.Popen([str(BIN/'bnb-train'), '--out-dir', str(run), *args, *FLAGS], env=env(tmp, delay),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_progress(run, proc, since, timeout=120):
    "Block until this process has written a checkpoint (latest.pt newer than `since`) or exited."
    t0, lat = time.time(), run/'checkpoints'/'latest.pt'
    while time.time() - t0 < timeout and proc.poll() is None:
        if lat.is_file() and lat.stat().st_mtime_ns > since: return True
        time.sleep(0.01)
    return False


def weights(run):
    st = load_checkpoint(run/'checkpoints'/'latest.pt')
    return st['step'], st['model'], st['ema']


def check_disk(run):
    "Every checkpoint file loads and verifies, or is refused with an error that says what is wrong."
    for p in (run/'checkpoints').glob('*.pt'):
        try: load_checkpoint(p)
        except ValueError as e: assert 'fix:' in str(e) and str(p) in str(e), e


@pytest.fixture(scope='module')
def reference(tmp_path_factory):
    tmp = tmp_path_factory.mktemp('ref'); run = tmp/'run'
    p = subprocess.run([str(BIN/'bnb-train'), '--out-dir', str(run), '--preset', 'tiny', *FLAGS], env=env(tmp),
                       capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr[-2000:]
    return weights(run)


def assert_same(a, b):
    assert a[0] == b[0] == 20
    for da, db in zip(a[1:], b[1:]):
        assert da.keys() == db.keys() and all(torch.equal(da[k], db[k]) for k in da)


def test_sigkill_many_times(tmp_path, reference):
    rng, run, kills, mid_write, resume, since = random.Random(0), tmp_path/'run', 0, 0, False, 0
    while kills < 14:
        proc = start(run, tmp_path, resume, delay=0.1)
        if not wait_for_progress(run, proc, since): break                  # finished (or failed) before we could kill it
        time.sleep(rng.uniform(0, 0.15))
        if proc.poll() is not None: break
        proc.send_signal(signal.SIGKILL); proc.wait(); kills += 1; resume = True
        since = (run/'checkpoints'/'latest.pt').stat().st_mtime_ns
        mid_write += any(run.rglob('*.tmp'))
        check_disk(run)
    out, err = proc.communicate(timeout=600) if proc.poll() is None else proc.communicate()
    if proc.returncode != 0:  # the last kill left work to do: finish the run
        p = subprocess.run([str(BIN/'bnb-train'), '--out-dir', str(run), '--resume', *FLAGS], env=env(tmp_path),
                           capture_output=True, text=True, timeout=600)
        assert p.returncode == 0, p.stderr[-2000:]
    print(f'{kills} SIGKILLs, {mid_write} of them mid-write')
    assert kills >= 10 and mid_write >= 1
    assert not list(run.rglob('*.tmp')), list(run.rglob('*.tmp'))
    check_disk(run)
    assert_same(weights(run), reference)


@pytest.mark.parametrize('sig', [signal.SIGINT, signal.SIGTERM])
def test_signal_checkpoints_and_resumes(tmp_path, reference, sig):
    run = tmp_path/'run'
    proc = start(run, tmp_path, resume=False, delay=0.02)
    assert wait_for_progress(run, proc, 0)
    proc.send_signal(sig); out, err = proc.communicate(timeout=120)
    assert proc.returncode == 128 + sig, (proc.returncode, err[-2000:])
    line = next(l for l in out.splitlines() if 'resume with:' in l)
    assert f'bnb-train --out-dir {run} --resume' in line and 'Traceback' not in err
    ckpt = Path(line.split('checkpoint ')[1].split(';')[0])
    assert ckpt.is_file() and load_checkpoint(ckpt)['step'] < 20
    p = subprocess.run([str(BIN/'bnb-train'), '--out-dir', str(run), '--resume', *FLAGS], env=env(tmp_path),
                       capture_output=True, text=True, timeout=600)
    assert p.returncode == 0 and 'resumed from step' in p.stdout, p.stderr[-2000:]
    assert_same(weights(run), reference)
