"""Times the official MyStyle code (google/mystyle) on CPU: one generator-tuning step and one alpha-projection step,
as bench/MystyleBench.java does for gan4j. Ours, not the official code: it imports the official packages from the
checkouts given and runs their own loops (Tuner.reconstruct, AlphaProjector.reconstruct) unchanged; no file of the
official code is modified, and nothing of it is copied here.

    /usr/bin/python3 bench/mystyle_official_bench.py --mystyle /tmp/mystyle-official \
        --ada /tmp/stylegan2-ada-pytorch --task tune|project --size 64 --preset fast --distance vgg \
        --iters 20 --warmup 3 --threads 1 [--anchors 8] [--proj-grad official|frozen] [--describe]

Checkouts: --mystyle is google/mystyle (f0d5176, 2022-09-13); --ada is NVlabs/stylegan2-ada-pytorch (d72cc7d), used
for training/networks.py only. MyStyle loads its generator from NVIDIA's ffhq.pkl, whose pickle carries that file's
source; here the same file is imported from the checkout, and torch_utils/dnnlib come from MyStyle's vendored copy
(third_party/stylegan2_ada_pytorch, put on sys.path exactly as MyStyle's train.py/project.py do; that copy never
builds the CUDA plugins, so upfirdn2d/bias_act run their plain-PyTorch reference paths, as on CPU anyway).

Generator: training.networks.SynthesisNetwork (what io_utils.load_net returns: G_ema.synthesis), random weights
(torch.manual_seed(1)), num_fp16_res 0, conv_clamp None, skip architecture, called as their loops call it:
G(w, noise_mode='const', force_fp32=True). --preset fast: w_dim 128, channel_base 2048, channel_max 64 (64 channels
up to 32 px, 2048/res above: gan4j's Stylegan2Config.fast, the shipped builtin:faces generator at 64 px);
--preset paper: w_dim 512, channel_base 32768, channel_max 512 (config F; gan4j's Stylegan2Config.paper).
(NVIDIA's ffhq.pkl also has conv_clamp 256 and fp16 in the top 4 resolutions; force_fp32 turns the fp16 off, the
clamp is left out on both sides.) The mapping network is not built: MyStyle never runs it (anchors are in W).

--task tune: reconstruct.tune_net.Tuner as train.py builds it (its __init__ sets the generator to train() mode,
requires_grad on every synthesis parameter, torch.optim.Adam(G.parameters(), lr=3e-4)), then Tuner.reconstruct on
a one-picture album: per step G(w+, const noise), loss = lpips(synth, x) + 1.0 * mean((synth - x)^2),
zero_grad(set_to_none=True), backward, Adam step, loss.item(), the step's print (sent to a StringIO). The anchor is
a random W code repeated over the num_ws rows (train.py's anchors are e4e W+ codes [1,num_ws,w_dim]: same shape),
the picture uniform in [-1, 1]. One timed step = one Adam update on one album picture (an outer step of
tune_net.py over an album of N pictures is N of these).

--task project: reconstruct.alpha_projector.AlphaProjector as project.py builds it for plain projection
(is_wplus True, beta 0.03, degradation the identity lambda, anchors [N,w_dim] random W codes, N = --anchors, 8 as
gan4j's fast album), then AlphaProjector.reconstruct on one random target: per step the constrained
alpha+ (softplus clamp, row normalisation), w+ = alpha @ anchors, G(w+, const noise), lpips + 1.0*MSE, the
regularisation (10 * sum of the first 12 delta-row norms + 10 * mean (sum alpha+ - 1)^2), zero_grad, backward,
Adam(5e-3) step. The generator is in train() mode with requires_grad on all its weights, as project.py has it:
it loads the tuned mystyle_model.pt that train.py saved straight after tuning (torch.save of the module), so
backward() also computes (and accumulates, unused) the gradient of every synthesis weight; --proj-grad frozen
sets requires_grad_(False) on the generator first (the gradients of alpha and delta only: what gan4j computes).

LPIPS: the official code calls lpips.LPIPS(net='alex') (the `lpips` package, AlexNet weights from a torchvision
download). Neither the package (not in Debian) nor the weights are available here, so this script puts a stand-in
module named `lpips` in sys.modules before importing the official code; its LPIPS class computes, with --distance:
  * alex: lpips 0.1's LPIPS(net='alex', version='0.1') -- ScalingLayer (shift -.030,-.088,-.188; scale
    .458,.448,.450), torchvision's AlexNet `features` cut at relu1..relu5 (conv 11/4 64, pool, conv 5 192, pool,
    conv 3 384, conv 3 256, conv 3 256), frozen, features unit-normalised over channels (eps 1e-10), squared
    differences, the five NetLinLayer heads (Dropout, 1x1 conv to 1 channel, no bias; their weights require grad as
    in lpips, so backward computes them too), spatial mean, summed over layers -> [N,1,1,1]. Random weights
    (torch default init for the trunk, |N(0, 0.1)| for the heads): the official distance's layers and shapes,
    not its values. gan4j's counterpart: loss.Lpips on AlexNet (mystyle --alexnet FILE --lpips-weights FILE;
    its parity with the real lpips package: src/test/resources/parity/lpips).
  * vgg: gan4j's loss.PerceptualDistance (what gan4j uses when given --vgg16 weights): the same ScalingLayer,
    torchvision's VGG16 `features` cut at relu1_2, relu2_2, relu3_3, relu4_3, relu5_3 (frozen; random weights
    with torchvision's init, kaiming-normal fan-out, zero bias), unit-normalised, squared differences summed over
    channels (LPIPS's lpips=False "baseline": no heads), spatial mean, averaged over the five layers -> [N].
  * pyramid: gan4j's default without a weights file, loss.PyramidLoss: MSE at every level of a 2x2 average-pooled
    pyramid down to 8 px, averaged over the levels -> [N] (nearly free: isolates the generator + Adam).
Only the network is replaced; the official call site, self.lpips(synth, target) + l2_weight * l2, is unchanged.
The real lpips package also builds AlexNet's classifier (about 230 MB of float32 weights) before keeping only
`features`, which raises the official process's peak RSS; the stand-in builds `features` only.

Other run-time patches: torch.Tensor.cuda is made the identity (both loops call sample.*.cuda(); nothing here runs
on a GPU); `cvxpy` (imported by utils/latent_space_ops.py for ConvexProjector, unused by these loops; not in
Debian) gets an empty stand-in module if it is missing; tqdm is left on (stderr).

Timing: a wrapper around the loop's optimizer.step records the time after every step; a step's time is the
difference of consecutive records, so it includes the loop's whole body once (forward, loss, zero_grad,
backward, Adam, .item()/print for tune). The first --warmup steps are dropped; prints the mean over --iters
steps (and median/min/max) and the process's peak RSS (VmHWM of /proc/self/status). Threads:
torch.set_num_threads(--threads); run it with OMP_NUM_THREADS set to the same number (bench/mystyle_compare.sh
does).
"""
import argparse
import contextlib
import io
import os
import statistics
import sys
import time
import types
import warnings

warnings.filterwarnings("ignore")

ap = argparse.ArgumentParser()
ap.add_argument("--mystyle", required=True, help="checkout of google/mystyle")
ap.add_argument("--ada", required=True, help="checkout of NVlabs/stylegan2-ada-pytorch (training/networks.py)")
ap.add_argument("--task", choices=["tune", "project"], required=True)
ap.add_argument("--size", type=int, default=64)
ap.add_argument("--preset", choices=["fast", "paper"], default="fast")
ap.add_argument("--distance", choices=["alex", "vgg", "pyramid"], default="vgg")
ap.add_argument("--iters", type=int, default=20)
ap.add_argument("--warmup", type=int, default=3)
ap.add_argument("--threads", type=int, default=1)
ap.add_argument("--anchors", type=int, default=8, help="anchors for the projection (gan4j fast album: 8)")
ap.add_argument("--proj-grad", choices=["official", "frozen"], default="official")
ap.add_argument("--describe", action="store_true", help="also print parameter counts and the losses")
a = ap.parse_args()
if a.warmup < 1 or a.iters < 1:
    sys.exit("--warmup and --iters must be at least 1")

import torch  # noqa: E402
from torch import nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

torch.set_num_threads(a.threads)


# ---- the stand-in `lpips` module ----------------------------------------------------------------------------------

class _Scaling(nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("shift", torch.tensor([-.030, -.088, -.188])[None, :, None, None])
        self.register_buffer("scale", torch.tensor([.458, .448, .450])[None, :, None, None])

    def forward(self, x):
        return (x - self.shift) / self.scale


def _unit(f, eps=1e-10):
    return f / (torch.sqrt(torch.sum(f ** 2, dim=1, keepdim=True)) + eps)


def _alex_slices():
    feats = nn.Sequential(  # torchvision.models.alexnet().features, layer for layer
        nn.Conv2d(3, 64, kernel_size=11, stride=4, padding=2), nn.ReLU(inplace=True),
        nn.MaxPool2d(kernel_size=3, stride=2),
        nn.Conv2d(64, 192, kernel_size=5, padding=2), nn.ReLU(inplace=True),
        nn.MaxPool2d(kernel_size=3, stride=2),
        nn.Conv2d(192, 384, kernel_size=3, padding=1), nn.ReLU(inplace=True),
        nn.Conv2d(384, 256, kernel_size=3, padding=1), nn.ReLU(inplace=True),
        nn.Conv2d(256, 256, kernel_size=3, padding=1), nn.ReLU(inplace=True),
        nn.MaxPool2d(kernel_size=3, stride=2))
    cuts = [(0, 2), (2, 5), (5, 8), (8, 10), (10, 12)]  # lpips.pretrained_networks.alexnet's slices
    return nn.ModuleList(nn.Sequential(*[feats[i] for i in range(s, e)]) for s, e in cuts), [64, 192, 384, 256, 256]


def _vgg_slices():
    from torchvision.models.vgg import make_layers, cfgs
    feats = make_layers(cfgs["D"], batch_norm=False)  # torchvision.models.vgg16().features, without the classifier
    for m in feats.modules():
        if isinstance(m, nn.Conv2d):  # torchvision's VGG init
            nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
            nn.init.constant_(m.bias, 0)
    cuts = [(0, 4), (4, 9), (9, 16), (16, 23), (23, 30)]  # relu1_2 .. relu5_3, lpips' vgg16 slices
    return nn.ModuleList(nn.Sequential(*[feats[i] for i in range(s, e)]) for s, e in cuts)


class _NetLin(nn.Module):
    def __init__(self, chn_in):
        super().__init__()
        self.model = nn.Sequential(nn.Dropout(), nn.Conv2d(chn_in, 1, 1, stride=1, padding=0, bias=False))

    def forward(self, x):
        return self.model(x)


class LPIPS(nn.Module):
    """Stand-in for lpips.LPIPS; computes the distance chosen by --distance (see the module docstring)."""

    def __init__(self, net="alex", **kwargs):
        super().__init__()
        self.mode = a.distance
        if self.mode == "alex":
            self.scaling_layer = _Scaling()
            self.net, chns = _alex_slices()
            self.net.requires_grad_(False)
            self.lins = nn.ModuleList(_NetLin(c) for c in chns)
            with torch.no_grad():
                for lin in self.lins:
                    lin.model[1].weight.normal_(0, 0.1).abs_()
        elif self.mode == "vgg":
            self.scaling_layer = _Scaling()
            self.net = _vgg_slices()
            self.net.requires_grad_(False)
        self.eval()

    def _features(self, x):
        out = []
        h = self.scaling_layer(x)
        for s in self.net:
            h = s(h)
            out.append(h)
        return out

    def forward(self, in0, in1):
        if self.mode == "pyramid":
            total, levels, x, y = 0, 0, in0, in1
            while True:
                total = total + (x - y).pow(2).mean(dim=[1, 2, 3])
                levels += 1
                if x.shape[2] <= 8 or x.shape[3] <= 8 or x.shape[2] % 2 or x.shape[3] % 2:
                    break
                x, y = F.avg_pool2d(x, 2, 2), F.avg_pool2d(y, 2, 2)
            return total / levels
        f0, f1 = self._features(in0), self._features(in1)
        if self.mode == "alex":
            val = 0
            for k in range(len(f0)):
                diff = (_unit(f0[k]) - _unit(f1[k])) ** 2
                res = self.lins[k](diff).mean([2, 3], keepdim=True)
                val = res if k == 0 else val + res
            return val
        val = 0
        for k in range(len(f0)):
            res = ((_unit(f0[k]) - _unit(f1[k])) ** 2).sum(dim=1).mean(dim=[1, 2])
            val = res if k == 0 else val + res
        return val / len(f0)


_lp = types.ModuleType("lpips")
_lp.LPIPS = LPIPS
sys.modules["lpips"] = _lp

# ---- the official code --------------------------------------------------------------------------------------------

root = os.path.abspath(a.mystyle)
sys.path.insert(0, root)
sys.path.append(os.path.join(root, "third_party/stylegan2_ada_pytorch"))  # as train.py / project.py do
sys.path.append(os.path.abspath(a.ada))  # training/networks.py (torch_utils resolves to MyStyle's copy first)
try:
    import cvxpy  # noqa: F401,E402
except ImportError:
    sys.modules["cvxpy"] = types.ModuleType("cvxpy")
torch.Tensor.cuda = lambda self, *args, **kwargs: self

import torch_utils  # noqa: E402
assert os.path.abspath(torch_utils.__file__).startswith(root), torch_utils.__file__
from training import networks  # noqa: E402
from reconstruct.tune_net import Tuner  # noqa: E402
from reconstruct.alpha_projector import AlphaProjector  # noqa: E402
from utils.data_utils import ImageReps  # noqa: E402

SHAPES = {"fast": dict(w_dim=128, channel_base=2048, channel_max=64),
          "paper": dict(w_dim=512, channel_base=32768, channel_max=512)}
shape = SHAPES[a.preset]
torch.manual_seed(1)
G = networks.SynthesisNetwork(img_resolution=a.size, img_channels=3, num_fp16_res=0, conv_clamp=None, **shape)
device = torch.device("cpu")
torch.manual_seed(2)
w_dim = shape["w_dim"]
steps = a.warmup + a.iters
stamps = []


def stamp(opt):
    orig = opt.step

    def step(*args, **kwargs):
        r = orig(*args, **kwargs)
        stamps.append(time.perf_counter())
        return r
    opt.step = step


if a.task == "tune":
    anchor = torch.randn(1, w_dim).unsqueeze(1).repeat(1, G.num_ws, 1)  # [1,num_ws,w_dim]
    album = [ImageReps(name="000", img=torch.rand(1, 3, a.size, a.size) * 2 - 1, w_code=anchor)]
    with contextlib.redirect_stdout(io.StringIO()):
        runner = Tuner(device, G, None)
    runner.num_steps = steps
    stamp(runner.optimizer)
    log = io.StringIO()
    t0 = time.perf_counter()
    with contextlib.redirect_stdout(log):
        runner.reconstruct(album)
    what = "tune step (1 album picture)"
else:
    anchors = torch.randn(a.anchors, w_dim)
    target = ImageReps(name="target", img=torch.rand(1, 3, a.size, a.size) * 2 - 1)
    G.train()
    G.requires_grad_(a.proj_grad == "official")
    with contextlib.redirect_stdout(io.StringIO()):
        runner = AlphaProjector(device, G, None, True, anchors, lambda x, **kwargs: x, beta=0.03)
    runner.num_steps = steps
    orig_set = runner.set_optimization

    def set_optimization():
        orig_set()
        stamp(runner.optimizer)
    runner.set_optimization = set_optimization
    log = io.StringIO()
    t0 = time.perf_counter()
    with contextlib.redirect_stdout(log):
        runner.reconstruct(target)
    what = "projection step (%d anchors, G grads %s)" % (a.anchors, a.proj_grad)

assert len(stamps) == steps, (len(stamps), steps)
ms = [(b - p) * 1e3 for p, b in zip([t0] + stamps[:-1], stamps)][a.warmup:]


def peak_rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    return -1


if a.describe:
    n = sum(p.numel() for p in G.parameters())
    print("official synthesis: %d parameters in %d tensors, num_ws %d; distance %s (%d parameters)"
          % (n, len(list(G.parameters())), G.num_ws, a.distance, sum(p.numel() for p in runner.lpips.parameters())))
    if a.task == "tune":
        print("official last step's print: " + log.getvalue().strip().splitlines()[-1])
    else:
        with torch.no_grad():
            img = G(runner.get_latent(), noise_mode="const", force_fp32=True)
            print("official projection loss after %d steps: %.4f" % (steps, float(runner.reconstruction_loss(
                img, target.img.cuda(), mask=None).sum())))
print("official mystyle %s %dpx %s distance %s threads %d: mean %.1f ms (median %.1f, min %.1f, max %.1f; %d after %d);"
      " peak RSS %d MB" % (what, a.size, a.preset, a.distance, a.threads, statistics.mean(ms), statistics.median(ms),
                           min(ms), max(ms), a.iters, a.warmup, peak_rss_mb()))
