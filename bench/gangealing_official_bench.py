"""Times the official GANgealing code (wpeebles/gangealing) on CPU: congealing (T_ema's forward) and one training
step as train.py runs it, as bench/GangealingBench.java does for gan4j. Ours, not the official code: it imports the
official packages from the path given and runs them unchanged (no file of the official code is modified by this
script; the export it reads carries the CPU patches of src/test/resources/parity/gangealing/README.md).

    /usr/bin/python3 bench/gangealing_official_bench.py --gangealing /work/ref/gangealing --task congeal \
        --shape released --batch 4 --iters 5 --warmup 2 --threads 1
    ... --task train --batch 5 --iters 5 --warmup 2 --threads 1
    ... --task profile --batch 5 --iters 5 --warmup 2 --threads 1

--task congeal: T_ema = get_stn(['similarity', 'flow'], ...) (ComposedSTN) in eval mode, t_ema(x,
output_resolution=OUT, padding_mode='border') under torch.no_grad() on BATCH random images, as
applications/congeal_dataset.py calls it (without its flip test and out-of-bounds filter). --shape released: the
released shape (flow_size 128, supersize 256, channel_multiplier 0.5, 1 head), 256-px images (the STN brings them
to 128 with its own BilinearDownsample and samples the 256-px image at output 256). --shape official64: flow_size
64, supersize 64, the same table (128 channels at 64 px, 512 at <= 32 px), output 64 (the training task's STN).
gan4j's fast shape (64 channels at <= 32 px, flow_downsample 4) cannot be built: the official channel table is a
literal in SpatialTransformer.__init__ (512 at <= 32 px whatever channel_multiplier is), so --shape fast is refused.
Weights: the official random init (torch.manual_seed(0)), except that the two warp heads, which the official code
initialises to zero (identity warps), get N(0, 0.01) weights (SimilarityHead.linear, FlowHead.flow_out[-1]), so
that the warps are not the identity: a trained T_ema zooms, and then MipmapWarp builds and samples a stack of more
than one level. GangealingBench.java does the same with its own random draw (same distributions, other values).

--task train: one iteration of train.py's loop body for plain GANgealing (1 head, no flips): gangealing_loss
(sample_gan_supervised_pairs: z -> G -> x, and the target G(ll([w], psi)) with gradient through the
DirectionInterpolator; the STN on x; the perceptual loss), total_variation_loss and flow_identity_loss of the
residual flow (weights 1000 and 1, the defaults), stn.zero_grad(), ll.zero_grad(), backward, t_optim.step(),
ll_optim.step(), accumulate(t_ema, stn, 0.5 ** (32 / 10000)) and the three losses' .item(). psi is fixed at
--psi (0.5; train.py anneals it from 1 to 0 over 150k iterations, so gradients reach the coefficients; the
schedulers only step once psi is 0). No checkpoint: the generator is models/stylegan2/networks.Generator(64, 512,
8, channel_multiplier=1) (rosinality's table: 512 channels up to 32 px, 256 at 64 px) with random weights, the STN
get_stn(['similarity', 'flow'], flow_size=64, supersize=64, channel_multiplier=0.5) (official init: identity warp
heads), DirectionInterpolator(None, 1, 5, 10, 1) with random directions / mean (train.py fits them by PCA on 1M
samples before training; not timed), padding_mode 'border' (the released recipes' setting), batch BATCH (5, the
per-GPU default). Perceptual loss: models/losses/lpips.LPIPS(net='vgg', lpips=False, pnet_rand=True) -- the LPIPS
"baseline" (unit-normalised relu1_2..relu5_3 differences, channels weighted 1, summed over layers) on a randomly
initialised torchvision VGG16, which needs no download (the recipes use LPIPS's learned linear layers or the
SimCLR VGG, both downloads; the per-channel weights cost five 1x1 convolutions to one output channel).

--task profile: the same step written out with a timer between its stages (pairs x, target y, STN forward,
losses, backward, Adam + EMA), then components timed alone: MipmapWarp forward (no grad) and forward + backward
(to the grid) on [B,3,64,64] with a zoom-out similarity grid (x1.6, 20 degrees: 2 levels), the STN forward without
gradient, the STN forward + backward (to its parameters), the perceptual loss forward + backward (to both
images), the VGG16 trunk alone (forward of both images without gradient; forward + backward of one), the target
generator forward + backward (to the coefficients), and the unaligned generator alone.

Run-time patches (the export already has the CUDA extension loads removed and FlowHead's .cuda() dropped, see the
parity README):
  * sklearn (imported by models/latent_learner.py for its PCA class, unused here; Debian has none): empty
    stand-in modules sklearn and sklearn.decomposition in sys.modules.
  * LPIPS prints its setup; its construction runs with stdout redirected.
  * Nothing else: train.py itself is not run (it needs CUDA, a checkpoint and a PCA of 1M samples); its loop body
    is reproduced above with the official functions.

Prints the median, min and max over ITERS timed iterations after WARMUP, and the process's peak RSS (ru_maxrss).
Threads: torch.set_num_threads(THREADS); run it with OMP_NUM_THREADS=THREADS too (the driver does).
"""
import argparse
import contextlib
import io
import os
import resource
import statistics
import sys
import time
import types
import warnings

warnings.filterwarnings("ignore")

ap = argparse.ArgumentParser()
ap.add_argument("--gangealing", required=True, help="export of wpeebles/gangealing with the CPU patches")
ap.add_argument("--task", choices=["congeal", "train", "profile"], default="train")
ap.add_argument("--shape", choices=["released", "official64", "fast"], default="released", help="congeal's STN")
ap.add_argument("--batch", type=int, default=None, help="default 4 (congeal), 5 (train, profile)")
ap.add_argument("--psi", type=float, default=0.5)
ap.add_argument("--iters", type=int, default=5)
ap.add_argument("--warmup", type=int, default=2)
ap.add_argument("--threads", type=int, default=1)
ap.add_argument("--describe", action="store_true", help="also print parameter counts and the warps' size")
a = ap.parse_args()
batch = a.batch if a.batch is not None else (4 if a.task == "congeal" else 5)
if a.task == "congeal" and a.shape == "fast":
    print("official congeal fast: not buildable (SpatialTransformer's channel table is a literal: 512 channels at"
          " <= 32 px whatever channel_multiplier is; gan4j's fast STN has 64)")
    sys.exit(2)

import torch  # noqa: E402

torch.set_num_threads(a.threads)
root = os.path.abspath(a.gangealing)
sys.path.insert(0, root)
try:
    import sklearn.decomposition  # noqa: F401,E402
except ImportError:  # models/latent_learner.py imports it at module level (only its PCA class uses it)
    sk = types.ModuleType("sklearn")
    skd = types.ModuleType("sklearn.decomposition")
    sk.decomposition = skd
    sys.modules["sklearn"] = sk
    sys.modules["sklearn.decomposition"] = skd

from models import Generator, get_stn, DirectionInterpolator, accumulate, requires_grad  # noqa: E402
from models import gangealing_loss, total_variation_loss, flow_identity_loss  # noqa: E402
from models.losses.lpips import LPIPS  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from torch import nn, optim  # noqa: E402

torch.manual_seed(0)


def perturb_heads(stn, std=0.01):
    """Non-identity warps: the zero-initialised warp heads get N(0, std) weights."""
    with torch.no_grad():
        for name, p in stn.named_parameters():
            if name.endswith("warp_head.linear.weight") or name.endswith("warp_head.flow_out.2.weight"):
                p.normal_(0, std)


def timed(fn, iters, warmup):
    ms = []
    for i in range(warmup + iters):
        t0 = time.perf_counter()
        fn(i)
        dt = (time.perf_counter() - t0) * 1000
        if i >= warmup:
            ms.append(dt)
    return ms


def summary(ms):
    return f"median {statistics.median(ms):.1f} ms (min {min(ms):.1f}, max {max(ms):.1f}, {len(ms)} after {a.warmup})"


if a.task == "congeal":
    flow, size = (128, 256) if a.shape == "released" else (64, 64)
    t_ema = get_stn(["similarity", "flow"], flow_size=flow, supersize=size, channel_multiplier=0.5, num_heads=1)
    perturb_heads(t_ema)
    t_ema.eval()
    requires_grad(t_ema, False)
    gen = torch.Generator().manual_seed(1)
    xs = [torch.rand(batch, 3, size, size, generator=gen) * 2 - 1 for _ in range(2)]

    def run(i):
        with torch.no_grad():
            return t_ema(xs[i % 2], output_resolution=size, padding_mode="border")

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ms = timed(run, a.iters, a.warmup)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if a.describe:
        with torch.no_grad():
            out, grid, delta = t_ema(xs[0], return_warp=True, return_flow=True, output_resolution=size)
        warper = t_ema.stns[1].warp_head.warper
        print(f"T_ema {sum(p.numel() for p in t_ema.parameters())} parameters; max |residual flow| "
              f"{delta.abs().max():.3f}; grid range [{grid.min():.2f}, {grid.max():.2f}]; mipmap levels up to "
              f"{warper.levels_map.max() * 2.5:.2f}")
    print(f"official congeal {a.shape} (flow {flow}, input {size}, output {size}) batch {batch} threads {a.threads} "
          f"(torch {torch.__version__}): {summary(ms)}; peak RSS before the first {before:.0f} MB; peak RSS "
          f"{peak:.0f} MB")
    sys.exit(0)

# --- training: the modules as train.py builds them ------------------------------------------------------------------
generator = Generator(64, 512, 8, channel_multiplier=1)
stn = get_stn(["similarity", "flow"], flow_size=64, supersize=64, channel_multiplier=0.5, num_heads=1)
t_ema = get_stn(["similarity", "flow"], flow_size=64, supersize=64, channel_multiplier=0.5, num_heads=1)
ll = DirectionInterpolator(pca_path=None, n_comps=1, inject_index=5, n_latent=generator.n_latent, num_heads=1)
accumulate(t_ema, stn, 0)
t_optim = optim.Adam(stn.parameters(), lr=0.001, betas=(0.9, 0.999), eps=1e-8)
ll_optim = optim.Adam(ll.parameters(), lr=0.01, betas=(0.9, 0.999), eps=1e-8)
with contextlib.redirect_stdout(io.StringIO()):
    loss_fn = LPIPS(net="vgg", lpips=False, pnet_rand=True, verbose=False)
resize_fake2stn = nn.Sequential()  # gen_size == flow_size
generator.eval()
requires_grad(generator, False)
requires_grad(stn, True)
requires_grad(ll, True)
accum = 0.5 ** (32 / (10 * 1000))
tv_weight, flow_identity_weight = 1000.0, 1.0
dim_latent = 512


def train_step(i):
    perceptual_loss, delta_flow = gangealing_loss(generator, stn, ll, loss_fn, resize_fake2stn, a.psi, batch,
                                                  dim_latent, False, "cpu", sample_from_full_res=False,
                                                  padding_mode="border")
    tv_loss = total_variation_loss(delta_flow)
    flow_idty_loss = flow_identity_loss(delta_flow)
    stn.zero_grad()
    ll.zero_grad()
    full_stn_loss = perceptual_loss + tv_weight * tv_loss + flow_identity_weight * flow_idty_loss
    full_stn_loss.backward()
    t_optim.step()
    ll_optim.step()
    accumulate(t_ema, stn, accum)
    return perceptual_loss.item(), tv_loss.item(), flow_idty_loss.item()


if a.task == "train":
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ms = timed(train_step, a.iters, a.warmup)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if a.describe:
        print(f"G {sum(p.numel() for p in generator.parameters())} parameters, STN "
              f"{sum(p.numel() for p in stn.parameters())}, VGG16 {sum(p.numel() for p in loss_fn.parameters())}; "
              f"losses after the run (p, tv, f) {train_step(0)}")
    print(f"official train step G 64px (512, 8, cm 1) STN flow 64 batch {batch} psi {a.psi} threads {a.threads} "
          f"(torch {torch.__version__}): {summary(ms)}; peak RSS before the first {before:.0f} MB; peak RSS "
          f"{peak:.0f} MB")
    sys.exit(0)

# --- profile ----------------------------------------------------------------------------------------------------------
stages = ["pairs x (G, no graph)", "target y (ll + G, graph)", "STN forward", "losses forward", "backward",
          "Adam x2 + EMA"]
times = {s: [] for s in stages}


def staged_step(i):
    marks = [time.perf_counter()]
    z = torch.randn(batch, dim_latent)
    unaligned_in, w_noise = generator([z], noise=None, return_latents=True)
    marks.append(time.perf_counter())
    w_aligned = ll([w_noise[:, 0, :]], psi=a.psi)
    aligned_target, _ = generator(w_aligned, input_is_latent=True, noise=None)
    marks.append(time.perf_counter())
    aligned_pred, delta_flow = stn(unaligned_in, return_flow=True, padding_mode="border")
    marks.append(time.perf_counter())
    perceptual_loss = loss_fn(aligned_pred, aligned_target).mean()
    tv_loss = total_variation_loss(delta_flow)
    flow_idty_loss = flow_identity_loss(delta_flow)
    full_stn_loss = perceptual_loss + tv_weight * tv_loss + flow_identity_weight * flow_idty_loss
    marks.append(time.perf_counter())
    stn.zero_grad()
    ll.zero_grad()
    full_stn_loss.backward()
    marks.append(time.perf_counter())
    t_optim.step()
    ll_optim.step()
    accumulate(t_ema, stn, accum)
    perceptual_loss.item()
    marks.append(time.perf_counter())
    if i >= a.warmup:
        for k, s in enumerate(stages):
            times[s].append((marks[k + 1] - marks[k]) * 1000)


whole = timed(train_step, a.iters, a.warmup)
timed(staged_step, a.iters, a.warmup)
gen = torch.Generator().manual_seed(2)
x5 = torch.rand(batch, 3, 64, 64, generator=gen) * 2 - 1
y5 = torch.rand(batch, 3, 64, 64, generator=gen) * 2 - 1
ang = 20 * 3.141592653589793 / 180
theta = torch.tensor([[1.6 * torch.cos(torch.tensor(ang)), -1.6 * torch.sin(torch.tensor(ang)), 0.05],
                      [1.6 * torch.sin(torch.tensor(ang)), 1.6 * torch.cos(torch.tensor(ang)), -0.05]])
zoom = F.affine_grid(theta.unsqueeze(0).repeat(batch, 1, 1), (batch, 3, 64, 64), align_corners=False)
warper = stn.stns[1].warp_head.warper


def mip_fwd(i):
    with torch.no_grad():
        warper(x5, zoom, padding_mode="border")


def mip_fwd_bwd(i):
    g = zoom.clone().requires_grad_(True)
    warper(x5, g, padding_mode="border").mean().backward()


def stn_nograd(i):
    with torch.no_grad():
        stn(x5, return_flow=True, padding_mode="border")


def stn_fwd_bwd(i):
    stn.zero_grad()
    out, delta = stn(x5, return_flow=True, padding_mode="border")
    (out.square().mean() + delta.square().mean()).backward()


def perceptual_fwd_bwd(i):
    p = x5.clone().requires_grad_(True)
    q = y5.clone().requires_grad_(True)
    loss_fn(p, q).mean().backward()


w5 = generator.get_latent(torch.randn(batch, dim_latent)).detach()


def vgg_fwd(i):
    with torch.no_grad():
        loss_fn.net.forward(x5)
        loss_fn.net.forward(y5)


def vgg_fwd_bwd(i):
    p = x5.clone().requires_grad_(True)
    sum(f.square().mean() for f in loss_fn.net.forward(p)).backward()


def target_fwd_bwd(i):
    ll.zero_grad()
    y, _ = generator(ll([w5], psi=a.psi), input_is_latent=True, noise=None)
    y.square().mean().backward()


def unaligned_only(i):
    generator([torch.randn(batch, dim_latent)], noise=None, return_latents=True)


parts = [("MipmapWarp forward, zoom x1.6 (2 levels), no grad", mip_fwd),
         ("MipmapWarp forward + backward to the grid", mip_fwd_bwd),
         ("STN forward, no grad", stn_nograd),
         ("STN forward + backward (parameters)", stn_fwd_bwd),
         ("perceptual forward + backward (both images)", perceptual_fwd_bwd),
         ("VGG16 features forward x2, no grad", vgg_fwd),
         ("VGG16 features forward + backward (one image)", vgg_fwd_bwd),
         ("target G forward + backward (coefficients)", target_fwd_bwd),
         ("unaligned G forward alone", unaligned_only)]
print(f"official profile, batch {batch}, threads {a.threads} (torch {torch.__version__}), medians over {a.iters}")
print(f"  whole train step: {statistics.median(whole):.1f} ms")
print(f"  staged step: {sum(statistics.median(v) for v in times.values()):.1f} ms")
for s in stages:
    print(f"    {s}: {statistics.median(times[s]):.1f} ms")
for name, fn in parts:
    print(f"  {name}: {statistics.median(timed(fn, a.iters, a.warmup)):.1f} ms")
print(f"official profile peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
