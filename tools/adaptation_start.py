"""Step 0 of an AR -> block adaptation: a block model (B' = --block-size) given an AR run's weights, scored exactly on the
whole validation split against the AR run itself: its exact left-to-right NLL and its bound (every mask pattern of a
block enumerated), for the unshifted layout (BD3-LM, 03a) and the shifted one (02f).

    BNB_DATA_DIR=<folder> .venv/bin/python tools/adaptation_start.py --ar runs/cpu-ar600 --out nbs/results/shift/step0.md
"""
import argparse
import dataclasses
import math
from pathlib import Path

import torch

from bijective_nb.diffusion.block import block_bound_enumerated, block_order_logprobs
from bijective_nb.training.data import atomic_write_bytes, prepare_data
from bijective_nb.training.metrics import md_table
from bijective_nb.diffusion.model import DiffusionLM
from bijective_nb.training.train import run_config


@torch.no_grad()
def nats(f, x, mask, batch_size=256) -> float:
    "Summed nats of f(x, attn_mask) over the blocks, in batches."
    return sum(float(f(x[i:i + batch_size], None if bool(mask[i:i + batch_size].all()) else mask[i:i + batch_size]).sum())
               for i in range(0, len(x), batch_size))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--ar', default='runs/cpu-ar600', help='the AR run whose weights start the adaptation')
    ap.add_argument('--block-size', type=int, default=2)
    ap.add_argument('--out', help='write the table here too (markdown)')
    a = ap.parse_args(argv)
    if not Path(a.ar).exists(): ap.exit(2, f"adaptation_start: no run at {a.ar}; fix: make train (it writes runs/cpu-ar600)\n")
    ar = DiffusionLM.from_pretrained(a.ar, device='cpu'); tok, t = ar.tokenizer, run_config(a.ar)['train']
    data = prepare_data(t.get('source', 'wikitext-2'), t.get('data_dir'), tok.get_vocab_size(), ar.cfg.max_len, t.get('max_lines'), None, tokenizer=tok)
    x, mask = data.valid, data.mask('valid'); n = int(mask.sum())
    ar_nll = nats(lambda xb, am: ar.exact_nll(xb, attn_mask=am)[0], x, mask)
    rows = [dict(model=f'{a.ar} (AR)', l2r=f'{math.exp(ar_nll / n):.2f}', l2r_ratio='1.0000', bound='—', bound_ratio='—')]
    for shift in (False, True):
        m = DiffusionLM(dataclasses.replace(ar.cfg, causal=False, block_size=a.block_size, shift=shift)); m.load_state_dict(ar.state_dict()); m.eval()
        l2r = nats(lambda xb, am: -block_order_logprobs(m, xb, 'l2r', am), x, mask); bound = nats(lambda xb, am: block_bound_enumerated(m, xb, am), x, mask)
        rows.append(dict(model=f"B'={a.block_size}, shift={shift}, step 0", l2r=f'{math.exp(l2r / n):.2f}', l2r_ratio=f'{math.exp((l2r - ar_nll) / n):.4f}',
                         bound=f'{math.exp(bound / n):.2f}', bound_ratio=f'{math.exp((bound - ar_nll) / n):.2f}'))
    cols = ['model', 'l2r', 'l2r_ratio', 'bound', 'bound_ratio']
    table = (f'The whole validation split ({n:,} tokens), exact: PPL per token of the exact l2r order and of the bound (every mask pattern), '
             f'and their ratios to the AR run.\n\n' + md_table(rows, cols, right=cols[1:]))
    print(table)
    if a.out: atomic_write_bytes(a.out, (table + '\n').encode())


if __name__ == '__main__':
    main()
