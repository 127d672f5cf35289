"""SHA-256 of the final EMA weights of a `tiny`-preset run on CPU: the check that a refactor is behaviour-preserving
(the same hash before and after). Usage: OMP_NUM_THREADS=1 python tools/weights_checksum.py (WikiText-2 from
BNB_DATA_DIR or the development copy; the tiny preset reads its first 200 lines per split)."""
import hashlib
import tempfile

import torch

from bijective_nb.training.config import get_preset
from bijective_nb.training.train import train

if __name__ == '__main__':
    torch.set_num_threads(1)
    d = tempfile.mkdtemp()
    res = train(get_preset('tiny', out_dir=d + '/run', cache_dir=d + '/cache', progress=False, tensorboard=False))
    h = hashlib.sha256()
    for k, v in sorted(res['model'].state_dict().items()): h.update(k.encode()); h.update(v.detach().cpu().contiguous().numpy().tobytes())
    print('tiny preset, final EMA weights, sha256:', h.hexdigest())
