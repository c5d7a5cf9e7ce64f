"""Times the official SPADE (NVlabs/SPADE) training step and synthesis on CPU, as bench/SpadeBench.java does for
gan4j. Ours, not the official code: it imports the official packages from the paths given and runs them unchanged.

    /usr/bin/python3 bench/spade_official_bench.py --spade /work/ref/SPADE \
        --sync-bn /work/ref/Synchronized-BatchNorm-PyTorch --mode train --size 64 --batch 4 \
        --ngf 16 --ndf 32 --iters 20 --warmup 3 --threads 1 [--vae] [--profile]
    ... --mode synth --size 64 --batch 1 --iters 20 --warmup 3 --threads 1

--mode train: the official options (TrainOptions, parsed from a command line as train.py gets it: --dataset_mode
custom --label_nc 10 --no_instance --crop_size SIZE --batchSize BATCH --ngf --ndf --no_vgg_loss [--use_vae],
CPU), the official Pix2PixTrainer built from them (Pix2PixModel: netG SPADEGenerator with spectral norm and sync
batch norm, netD MultiscaleDiscriminator num_D 2, n_layers_D 4, hinge GAN loss and feature matching; TTUR Adam
lr 1e-4 / 4e-4, betas (0, 0.9)), and one training iteration as train.py runs it:
run_generator_one_step(data) then run_discriminator_one_step(data). Without the VGG term (--no_vgg_loss): the
official VGGLoss needs CUDA and downloads VGG19; gan4j's side runs Perceptual.NONE. The data are random label maps
(10 classes, per-pixel, seeded) and random images in [-1, 1], made before timing, as a batch of the official data
loader would give them (the loader itself is not timed; preprocess_input, the one-hot scatter, is).

--mode synth: the generator of the same model in eval mode, forward without gradient (what test.py's
'inference' mode runs), batch BATCH (1).

Prints the median, lower quartile (p25), min and max over ITERS timed iterations after WARMUP, and the process's peak RSS
(ru_maxrss). --profile (train mode) also splits each step into netG forward, netD forward, backward, Adam step
and the rest, for the G step and the D step.

Threads: torch.set_num_threads(THREADS); run it with OMP_NUM_THREADS=THREADS too (the driver does).
"""
import argparse
import contextlib
import io
import os
import pickle
import resource
import statistics
import sys
import tempfile
import time
import types
import warnings

warnings.filterwarnings("ignore")

ap = argparse.ArgumentParser()
ap.add_argument("--spade", required=True, help="export of NVlabs/SPADE (its .py files)")
ap.add_argument("--sync-bn", required=True, help="vacancy/Synchronized-BatchNorm-PyTorch")
ap.add_argument("--mode", choices=["train", "synth"], default="train")
ap.add_argument("--size", type=int, default=64)
ap.add_argument("--batch", type=int, default=4)
ap.add_argument("--ngf", type=int, default=16)
ap.add_argument("--ndf", type=int, default=32)
ap.add_argument("--label-nc", type=int, default=10)
ap.add_argument("--iters", type=int, default=20)
ap.add_argument("--warmup", type=int, default=3)
ap.add_argument("--threads", type=int, default=1)
ap.add_argument("--vae", action="store_true", help="with the style encoder (--use_vae)")
ap.add_argument("--profile", action="store_true")
a = ap.parse_args()

import torch  # noqa: E402

torch.set_num_threads(a.threads)

# --- imports of the official code -------------------------------------------------------------------------
sys.path.insert(0, a.spade)
if not os.path.isdir(os.path.join(a.spade, "models", "networks", "sync_batchnorm")):
    sys.path.insert(0, a.sync_bn)
    import sync_batchnorm  # noqa: E402  vacancy/Synchronized-BatchNorm-PyTorch, unchanged

    sys.modules["models.networks.sync_batchnorm"] = sync_batchnorm
try:
    import dill  # noqa: F401,E402
except ImportError:  # util/util.py pickles options with dill; nothing here pickles anything
    dill = types.ModuleType("dill")
    dill.dump, dill.load, dill.dumps, dill.loads = pickle.dump, pickle.load, pickle.dumps, pickle.loads
    dill.extend = lambda use_dill=True: None  # torch.utils.data probes it
    sys.modules["dill"] = dill

from options.train_options import TrainOptions  # noqa: E402
from trainers.pix2pix_trainer import Pix2PixTrainer  # noqa: E402

work = tempfile.mkdtemp()
argv = ["train.py", "--gpu_ids", "-1", "--checkpoints_dir", work, "--dataset_mode", "custom",
        "--label_dir", work, "--image_dir", work, "--label_nc", str(a.label_nc), "--no_instance",
        "--preprocess_mode", "fixed", "--load_size", str(a.size), "--crop_size", str(a.size),
        "--batchSize", str(a.batch), "--ngf", str(a.ngf), "--ndf", str(a.ndf), "--no_vgg_loss"]
if a.vae:
    argv.append("--use_vae")
sys.argv = argv
opt = TrainOptions().gather_options()
# what BaseOptions.parse does after gathering (minus printing and saving the options file)
opt.isTrain = True
opt.semantic_nc = opt.label_nc + (1 if opt.contain_dontcare_label else 0) + (0 if opt.no_instance else 1)
opt.gpu_ids = []

torch.manual_seed(0)
with contextlib.redirect_stdout(io.StringIO()):  # print_network
    trainer = Pix2PixTrainer(opt)
model = trainer.pix2pix_model

gen = torch.Generator().manual_seed(1)
H = W = a.size


def batch_data(n):
    label = torch.randint(0, opt.label_nc, (n, 1, H, W), generator=gen)
    image = torch.rand(n, 3, H, W, generator=gen) * 2 - 1
    return {"label": label, "instance": torch.zeros(1), "image": image, "path": ["x.png"] * n}


datas = [batch_data(a.batch) for _ in range(4)]

# --- optional split of a step -----------------------------------------------------------------------------
prof = {}
phase = [None]


def add(key, dt):
    k = (phase[0], key)
    prof[k] = prof.get(k, 0.0) + dt


def timed_forward(mod, key):
    inner = mod.forward

    def f(*args, **kw):
        t0 = time.perf_counter()
        out = inner(*args, **kw)
        add(key, time.perf_counter() - t0)
        return out

    mod.forward = f


if a.profile:
    timed_forward(model.netG, "netG forward")
    timed_forward(model.netD, "netD forward")
    if model.netE is not None:
        timed_forward(model.netE, "netE forward")
    backward = torch.Tensor.backward

    def timed_backward(self, *args, **kw):
        t0 = time.perf_counter()
        backward(self, *args, **kw)
        add("backward", time.perf_counter() - t0)

    torch.Tensor.backward = timed_backward
    for name in ("optimizer_G", "optimizer_D"):
        o = getattr(trainer, name)
        step = o.step

        def timed_step(*args, _step=step, **kw):
            t0 = time.perf_counter()
            out = _step(*args, **kw)
            add("Adam step", time.perf_counter() - t0)
            return out

        o.step = timed_step


def train_iteration(i):
    data = datas[i % len(datas)]
    d = dict(data)  # preprocess_input replaces data['label'] in place
    phase[0] = "G step"
    t0 = time.perf_counter()
    trainer.run_generator_one_step(d)
    t1 = time.perf_counter()
    add("total", t1 - t0)
    d = dict(data)
    phase[0] = "D step"
    trainer.run_discriminator_one_step(d)
    add("total", time.perf_counter() - t1)


if a.mode == "train":
    def run(i):
        train_iteration(i)
else:
    netG = model.netG
    netG.eval()
    if model.netE is not None:
        model.netE.eval()
    sem_data = batch_data(a.batch)
    semantics, real = model.preprocess_input(sem_data)

    def run(i):
        with torch.no_grad():
            z = None
            if model.netE is not None:
                z, _, _ = model.encode_z(real)
            netG(semantics, z=z)

before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
ms = []
for i in range(a.warmup + a.iters):
    if i == a.warmup:
        prof.clear()
    t0 = time.perf_counter()
    run(i)
    dt = (time.perf_counter() - t0) * 1000
    if i >= a.warmup:
        ms.append(dt)

peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
what = "train step" if a.mode == "train" else "synthesis"
print(f"official {what} {a.size}px batch {a.batch} ngf {a.ngf} ndf {a.ndf}{' vae' if a.vae else ''} threads "
      f"{a.threads} (torch {torch.__version__}): median {statistics.median(ms):.1f} ms (p25 {sorted(ms)[(len(ms) - 1) // 4]:.1f}, "
      f"min {min(ms):.1f}, max "
      f"{max(ms):.1f}, {a.iters} after {a.warmup}); peak RSS before the first {before:.0f} MB; peak RSS {peak:.0f} MB")
if a.profile and a.mode == "train":
    for ph in ("G step", "D step"):
        parts = {k[1]: v * 1000 / a.iters for k, v in prof.items() if k[0] == ph}
        rest = parts.get("total", 0) - sum(v for k, v in parts.items() if k != "total")
        print(f"  {ph}: " + ", ".join(f"{k} {v:.1f}" for k, v in parts.items()) + f", rest {rest:.1f} ms (mean)")
