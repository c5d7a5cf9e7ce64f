"""Times one training iteration of the official OroJaR dSprites GAN (csyxwei/OroJaR, simplegan_experiments) on CPU,
as bench/OrojarBench.java does for gan4j. Ours, not the official code: it imports the official modules from the
path given and runs them unchanged (no file of the official code is copied or modified).

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/orojar_official_bench.py \
        --simplegan /path/to/OroJaR/simplegan_experiments --preset paper|fast --reg none|orojar|hp \
        --iters 10 --warmup 3

What runs: the official models.gan_model.GANModel, constructed by its own __init__ with an options namespace holding
the dSprites script values (nc_out 1, nz 6, wgangp, Adam lr 2e-4 beta1 0.5, k = num_rademacher_samples 2, epsilon
0.1, reg_type and reg_lambda as training_scripts/dsprites_train_{gan,hp,orojar}.sh: none, hp 1e-3, orojar 1e-11),
and timed through its own set_input() + optimize_parameters(): forward(), backward_D() (WGAN-GP with its
gradient_penalty, gamma 10), optimizer_D.step(), forward() again, backward_G() (the regulariser -- models.orojar.orojar
or models.hessian_penalty.hessian_penalty -- on the conv outputs of G's blocks 0-3, k 2, eps 0.1, torch.max),
optimizer_G.step(). Nothing of train.py runs besides (no data loader, no visualiser, no scheduler; train.py
calls optimize_parameters once per batch). The networks are models.base_networks.Generator / Discriminator.

--preset paper: the official networks (width 64: G 512-256-128-64-64, D 64-128-256-512, fc 512), batch 128.
--preset fast: gan4j's fast preset (width 16, batch 32, orojar lambda x16 as gan4j's OrojarConfig.fast), which the
official code cannot build (the widths are literals in base_networks): the GANModel's netG.layers, netD.encoder and
netD.fc are replaced by the same official blocks (ConvTranspose2dBlock, Conv2dBlock, LinearBlock) with every
width divided by 4, and the two Adam optimizers are rebuilt as GANModel.__init__ builds them. The replacement is
checked at width 64 to reproduce the official networks' parameter shapes exactly. The official forward code runs.

Real images: a preloaded random binary uint8 array [1024, 1, 64, 64] (about 10% pixels on, like sprites); a step
takes a random batch of it, .astype(float32), mul(2).sub(1) (the dataset's mapping), then set_input. This is inside
the timed step, as gan4j's pool copy is. The official DSpritesDataset path (per-item __getitem__ + the DataLoader's
default collate, torch.stack) is timed separately (--data-cost), since train.py runs it in loader worker processes.

Prints the median, min and max over ITERS timed iterations after WARMUP, and the process's peak RSS (ru_maxrss).
"""
import argparse
import os
import resource
import statistics
import sys
import time
import types
import warnings

warnings.filterwarnings("ignore")

ap = argparse.ArgumentParser()
ap.add_argument("--simplegan", required=True, help="export of csyxwei/OroJaR's simplegan_experiments")
ap.add_argument("--preset", choices=["paper", "fast"], default="fast")
ap.add_argument("--reg", choices=["none", "orojar", "hp", "hessian"], default="none")
ap.add_argument("--iters", type=int, default=10)
ap.add_argument("--warmup", type=int, default=3)
ap.add_argument("--threads", type=int, default=1)
ap.add_argument("--data-cost", action="store_true", help="time the DSpritesDataset + collate path instead")
args = ap.parse_args()
reg = "hp" if args.reg == "hessian" else args.reg

import numpy as np
import torch
import torch.nn as nn

torch.set_num_threads(args.threads)
sys.path.insert(0, os.path.abspath(args.simplegan))
from models import base_networks as net  # noqa: E402
from models.gan_model import GANModel  # noqa: E402
import models.orojar  # noqa: E402,F401  (imported by gan_model; named here for the record)
import models.hessian_penalty  # noqa: E402,F401

width, batch = (64, 128) if args.preset == "paper" else (16, 32)
LAMBDA = {"none": 0.0, "hp": 1e-3, "orojar": 1e-11}
lam = LAMBDA[reg] * (16 if (reg == "orojar" and args.preset == "fast") else 1)


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def scaled_layers(nz, nc, w):
    """G's ModuleList and D's encoder / fc at width w, from the official blocks, as base_networks writes them."""
    g = nn.ModuleList([
        net.ConvTranspose2dBlock(nz, 8 * w, 4, 1, 0, norm='none', activation='none'),
        net.ConvTranspose2dBlock(8 * w, 4 * w, (4, 4), stride=2, padding=1, norm='instancenorm', activation='lrelu'),
        net.ConvTranspose2dBlock(4 * w, 2 * w, (4, 4), stride=2, padding=1, norm='instancenorm', activation='lrelu'),
        net.ConvTranspose2dBlock(2 * w, w, (4, 4), stride=2, padding=1, norm='instancenorm', activation='lrelu'),
        net.ConvTranspose2dBlock(w, w, (4, 4), stride=2, padding=1, norm='instancenorm', activation='lrelu'),
        net.Conv2dBlock(w, nc, (3, 3), stride=1, padding=1, norm='none', activation='tanh'),
    ])
    enc = nn.Sequential(
        net.Conv2dBlock(nc, w, 4, 2, 1, norm='none', activation='relu'),
        net.Conv2dBlock(w, 2 * w, 4, 2, 1, norm='instancenorm', activation='relu'),
        net.Conv2dBlock(2 * w, 4 * w, 4, 2, 1, norm='instancenorm', activation='relu'),
        net.Conv2dBlock(4 * w, 8 * w, 4, 2, 1, norm='instancenorm', activation='relu'),
    )
    fc = nn.Sequential(
        net.LinearBlock(8 * w * 4 * 4, 8 * w, activation='relu', use_bias=True),
        net.LinearBlock(8 * w, 1, activation='none', use_bias=True),
    )
    return g, enc, fc


def shapes(m):
    return [(k, tuple(v.shape)) for k, v in m.state_dict().items()]


opt = types.SimpleNamespace(
    isTrain=True, gpu_ids=[], checkpoints_dir="/tmp", name="orojar_bench", batch_size=batch,
    reg_type=reg, reg_lambda=lam, num_rademacher_samples=2, epsilon=0.1, nz=6, nc_out=1,
    gan_mode="wgangp", lr=2e-4, beta1=0.5)

torch.manual_seed(0)
np.random.seed(0)
model = GANModel(opt)
if width != 64:
    g, enc, fc = scaled_layers(6, 1, 64)
    assert shapes(g) == shapes(model.netG.layers), "width-64 rebuild differs from base_networks.Generator"
    assert shapes(nn.ModuleDict({"encoder": enc, "fc": fc})) == shapes(model.netD), "D rebuild differs"
    g, enc, fc = scaled_layers(6, 1, width)
    model.netG.layers = g
    model.netD.encoder = enc
    model.netD.fc = fc
    # as GANModel.__init__ builds them
    import itertools
    model.optimizer_G = torch.optim.Adam(itertools.chain(model.netG.parameters()), lr=opt.lr, betas=(opt.beta1, 0.999))
    model.optimizer_D = torch.optim.Adam(itertools.chain(model.netD.parameters()), lr=opt.lr, betas=(opt.beta1, 0.999))
    model.optimizers = [model.optimizer_G, model.optimizer_D]
model.netG.train()
model.netD.train()

rng = np.random.default_rng(1)
pool = (rng.random((1024, 1, 64, 64)) < 0.1).astype(np.uint8)  # preloaded binary images
label = f"official train {args.preset} (w {width}, batch {batch}) reg {reg}"

if args.data_cost:
    # DSpritesDataset.__getitem__ per item (images[index:index+1], astype float32, mul(2).sub(1)) + default collate
    imgs = pool[:, 0]
    ms = []
    for i in range(args.warmup + args.iters):
        t0 = time.perf_counter()
        idx = rng.integers(0, len(imgs), batch)
        items = [torch.from_numpy(imgs[j:j + 1].astype('float32')).mul(2).sub(1) for j in idx]
        x = torch.stack(items, 0)
        if i >= args.warmup:
            ms.append((time.perf_counter() - t0) * 1e3)
    print(f"official data (DSpritesDataset item + collate, batch {batch}) threads {args.threads}: median "
          f"{statistics.median(ms):.1f} ms (min {min(ms):.1f}, max {max(ms):.1f}, {args.iters} after {args.warmup}); "
          f"peak RSS {peak_mb()} MB")
    sys.exit(0)

ms = []
for i in range(args.warmup + args.iters):
    t0 = time.perf_counter()
    idx = rng.integers(0, len(pool), batch)
    img = torch.from_numpy(pool[idx].astype('float32')).mul(2).sub(1)
    model.set_input({'img': img, 'path': ''})
    model.optimize_parameters()
    if i >= args.warmup:
        ms.append((time.perf_counter() - t0) * 1e3)
losses = {k: float(getattr(model, 'loss_' + k)) for k in ('D_GAN', 'G_GAN', 'G_reg')}
print(f"{label}: last losses {losses}")
print(f"{label} threads {args.threads}: median {statistics.median(ms):.1f} ms (min {min(ms):.1f}, max {max(ms):.1f}, "
      f"{args.iters} after {args.warmup}); peak RSS {peak_mb()} MB")
