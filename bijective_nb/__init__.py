"""The public face of bijective_nb: what a user needs, in one import.

    from bijective_nb import DiffusionLM, generate, generate_long, score
    model = DiffusionLM.from_pretrained('runs/demo')   # a run folder, an export, a checkpoint file or a Hub id 'owner/name'

Each name lives in the module of its chapter (`bijective_nb.diffusion.model` is 03_model, `bijective_nb.sampling.sample` 05_sample, ...),
where the notebooks document and test it; this file only gathers them. It is written by hand (nbdev exports every
other module from the notebooks) and imports no command-line module, so `python -m bijective_nb.training.cli` and
`python -m bijective_nb.demo` run as scripts without a second copy of themselves."""
__version__ = "0.1.0"

from .diffusion.model import DiffusionLM, ModelConfig                  # the model and its hyper-parameters (03_model, 02c_model_config)
from .sampling.sample import generate, generate_long                  # sampling: one canvas; any length, to a stop token (05_sample)
from .evaluation.score import Score, score                              # -log p of a text of any length (05e_score)
from .training.config import TrainConfig, get_preset                  # what to train, and the named presets (04b_config)
from .training.train import train                                     # the training loop (04_train)
from .training.metrics import evaluate                                # perplexity of a packed split (04d_metrics)

__all__ = ['DiffusionLM', 'ModelConfig', 'generate', 'generate_long', 'Score', 'score', 'TrainConfig', 'get_preset', 'train', 'evaluate']


def _document_args(*objs):
    """Append to each docstring a numpy-style `Parameters` section made from the object's docments (the one-line comment
    after each parameter in the source), so that `help()` and Jupyter's `?` show what each argument means. nbdev's
    `show_doc` parses that section away and renders the comments itself, so the docs show them once."""
    from fastcore.docments import docments
    for o in objs:
        f = getattr(o, '__func__', o)                                    # a classmethod: its function
        notes = {k: v for k, v in docments(f).items() if v and k not in ('self', 'cls')}
        ret = notes.pop('return', None)
        if (not notes and not ret) or '\nParameters\n' in (f.__doc__ or ''): continue
        f.__doc__ = ((f.__doc__ or '').rstrip() + ('\n\nParameters\n----------\n' + ''.join(f'{k}\n    {v}\n' for k, v in notes.items()) if notes else '')
                     + (f'\nReturns\n-------\n{ret}\n' if ret else ''))


_document_args(DiffusionLM.from_pretrained, DiffusionLM.save_pretrained, ModelConfig, generate, generate_long, score,
               TrainConfig, get_preset, train, evaluate)
