"""Times rosinality's own train.py loop (its train() function, unchanged) on CPU for one 16-iteration cycle, as
bench/Stylegan2TrainBench.java does for gan4j. Ours, not rosinality's code: it imports train.py, model.py and op/
from the paths given, feeds train() random batches instead of an LMDB dataset, and replaces tqdm by a wrapper
that records when each iteration starts.

    /usr/bin/python3 bench/stylegan2_official_train_bench.py OFFICIAL_REPO CPU_COPY SIZE BATCH [WARMUP] [THREADS] [paper|fast]

OFFICIAL_REPO: rosinality/stylegan2-pytorch (for train.py, dataset.py, distributed.py, non_leaking.py);
CPU_COPY: a copy whose op/ does not compile CUDA extensions (model.py and op/, see
src/test/resources/parity/stylegan2/README.md). "fast" builds gan4j's fast-preset architecture (channel_max 64,
base 2048, style dim 128, 4 mapping layers) with the same reduced channel table as the parity fixtures (small_models.py).
"""
import argparse
import statistics
import sys
import time
import types

official, cpu = sys.argv[1], sys.argv[2]
size, batch = int(sys.argv[3]), int(sys.argv[4])
warmup = int(sys.argv[5]) if len(sys.argv) > 5 else 3
threads = int(sys.argv[6]) if len(sys.argv) > 6 else 1
preset = sys.argv[7] if len(sys.argv) > 7 else "paper"
sys.path[:0] = [cpu, official]
sys.modules.setdefault("lmdb", types.ModuleType("lmdb"))  # dataset.py imports it; train() never opens a dataset

import torch  # noqa: E402

torch.set_num_threads(threads)
torch.manual_seed(0)
import train as official_train  # noqa: E402
from model import Generator, Discriminator  # noqa: E402

starts = []


class Timer:
    """Stands in for tqdm: records the time at which each iteration starts (and when the loop ends)."""

    def __init__(self, it, **kwargs):
        self.it = iter(it)

    def __iter__(self):
        return self

    def __next__(self):
        starts.append(time.perf_counter())
        return next(self.it)

    def set_description(self, *a, **k):
        pass


official_train.tqdm = Timer

latent, n_mlp = (512, 8) if preset == "paper" else (128, 4)
if preset == "paper":
    g, d, g_ema = Generator(size, latent, n_mlp, 2), Discriminator(size, 2), Generator(size, latent, n_mlp, 2)
else:
    sys.path.insert(0, __import__("os").path.join(__import__("os").path.dirname(__file__), "..",
                                                   "src/test/resources/parity/stylegan2"))
    from small_models import SmallGenerator, SmallDiscriminator  # noqa: E402
    table = {r: min(64, 2048 // r) for r in [4, 8, 16, 32, 64, 128, 256, 512, 1024]}
    g, d, g_ema = (SmallGenerator(size, latent, n_mlp, table), SmallDiscriminator(size, table),
                   SmallGenerator(size, latent, n_mlp, table))
g_ema.eval()
official_train.accumulate(g_ema, g, 0)
args = argparse.Namespace(iter=warmup + 16, start_iter=1, batch=batch, n_sample=batch, size=size, r1=10,
                          path_regularize=2, path_batch_shrink=2, d_reg_every=16, g_reg_every=4, mixing=0.9,
                          lr=0.002, latent=latent, n_mlp=n_mlp, augment=False, augment_p=0, distributed=False,
                          wandb=False, ada_target=0.6, ada_length=500000, ada_every=256)
g_reg_ratio = args.g_reg_every / (args.g_reg_every + 1)
d_reg_ratio = args.d_reg_every / (args.d_reg_every + 1)
g_optim = torch.optim.Adam(g.parameters(), lr=args.lr * g_reg_ratio, betas=(0 ** g_reg_ratio, 0.99 ** g_reg_ratio))
d_optim = torch.optim.Adam(d.parameters(), lr=args.lr * d_reg_ratio, betas=(0 ** d_reg_ratio, 0.99 ** d_reg_ratio))
loader = [torch.rand(batch, 3, size, size) * 2 - 1 for _ in range(4)]
official_train.train(args, loader, g, d, g_optim, d_optim, g_ema, "cpu")

# starts[k] is when iteration i = k + 1 began; the last entry is the end of the loop.
ms = {k + 1: (starts[k + 1] - starts[k]) * 1000 for k in range(len(starts) - 1)}
cycle = [i for i in range(warmup + 1, warmup + 17)]
reg = [ms[i] for i in cycle if i % 16 == 0 or i % 4 == 0]
plain = [ms[i] for i in cycle if not (i % 16 == 0 or i % 4 == 0)]
print(f"official train step {size}px batch {batch} {preset} threads {threads}: mean "
      f"{statistics.mean(ms[i] for i in cycle):.0f} ms over a 16-iteration cycle (plain {statistics.mean(plain):.0f} ms"
      f" x{len(plain)}, with a lazy regularizer {statistics.mean(reg):.0f} ms x{len(reg)}), torch {torch.__version__}")
