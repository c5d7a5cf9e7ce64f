r"""Parity fixtures for gan4j's GANgealing from the official wpeebles/gangealing modules on formula weights.

This script is ours (a gan4j test helper); it contains no code of the official repository. It imports the
official modules from a local export of the repository (with the CPU patches listed in README.md) and runs
them on CPU with Debian's torch, on one thread.

Get the official code (outside any git work tree); assets/ and images/ hold blobs this mirror lacks:

    R=/work/.mirror/wpeebles+gangealing/repo        # a clone of github.com/wpeebles/gangealing
    mkdir -p /work/ref/gangealing
    git --git-dir=$R archive HEAD $(git --git-dir=$R ls-tree --name-only HEAD | grep -v -e '^assets$' -e '^images$') \
      | tar -x -C /work/ref/gangealing
    # then apply the local CPU patches of README.md ("Local patches")

Then, from this folder:

    /usr/bin/python3 make_fixtures.py [--gangealing /work/ref/gangealing]     # ~2-3 min on one thread
    /usr/bin/python3 make_fixtures.py --verify     # only reload the files, print keys/shapes, replay

It writes inputs.pt, similarity.pt, flow.pt, composed.pt, mipmap.pt, losses.pt, latent.pt, schedules.json,
weights.json, official_keys.json and fixtures.json beside itself, then reloads every .pt, prints its keys and
shapes and replays the network cases with networks built under another torch seed (other random initial
values) and refilled by the formula: the stored outputs must come out bit-identical.

The weights are NOT stored: every state-dict entry (but the fixed filter/one-hot buffers) is set by
`fill_formula` (formula in README.md / weights.json), so the Java side recomputes them from the key lists in
weights.json.
"""
import argparse
import collections
import json
import math
import os
import subprocess
import sys
import types
import warnings

import numpy as np
import torch
import torch.nn.functional as F

warnings.filterwarnings("ignore")  # F.interpolate align_corners / grid_sample chatter

HERE = os.path.dirname(os.path.abspath(__file__))
OD = collections.OrderedDict

# ----------------------------------------------------------------------------------------------------------
# imports of the official code
# ----------------------------------------------------------------------------------------------------------


def setup_imports(root):
    sys.path.insert(0, root)
    # models/latent_learner.py imports sklearn.decomposition at module level (only its PCA class uses it;
    # not used here). Debian's Python has no sklearn: an empty stand-in.
    try:
        import sklearn.decomposition  # noqa: F401
    except ImportError:
        sk = types.ModuleType("sklearn")
        skd = types.ModuleType("sklearn.decomposition")
        sk.decomposition = skd
        sys.modules["sklearn"] = sk
        sys.modules["sklearn.decomposition"] = skd


def git_head(git_dir):
    try:
        return subprocess.check_output(["git", "--git-dir", git_dir, "rev-parse", "HEAD"], text=True).strip()
    except Exception:  # noqa: BLE001
        return "unknown"


# ----------------------------------------------------------------------------------------------------------
# weights by formula
# ----------------------------------------------------------------------------------------------------------
P = 10007  # the prime of the quadratic phase term
SQRT2 = math.sqrt(2.0)
WEIGHT_FORMULA = (
    "k = index of the entry in state_dict() order (every entry counts, also the kept ones); i = 0..n-1 over the "
    "entry flattened row-major; x[i] = sin(0.7*i + 1.3*k + 0.1 + (i*i mod 10007)*(2*pi/10007)) in double "
    "(phase summed left to right); value[i] = float32(scale * x[i]) with the entry's scale; entries with "
    "scale null are kept as the official constructor makes them")
# state-dict entries kept as the official code makes them (fixed filters and a constant one-hot row)
KEPT_SUFFIXES = ("input_downsample.kernel_horz", "input_downsample.kernel_vert", ".kernel",
                 "warp_head.one_hot", "warp_head.warper.blur_filter")
# per-key scales (first matching suffix wins); see README.md "Weight formula"
SCALES = [
    ("warp_head.linear.weight", 0.012),      # SimilarityHead's nn.Linear (official init: zeros)
    ("warp_head.linear.bias", 0.05),         # (official init: zeros)
    ("warp_head.flow_out.2.weight", 0.06),   # FlowHead's last EqualConv2d (official init: zeros)
    ("warp_head.flow_out.2.bias", 0.002),    # (official init: zeros)
    ("coefficients", 0.5),                   # DirectionInterpolator
    ("directions", 1.0),
    ("lat_mean", 0.5),
]
SCALE_WEIGHT = SQRT2   # every other >= 2-dim entry: EqualConv2d / EqualLinear weights (scaled at run time)
SCALE_BIAS = 0.1       # every other 1-dim entry: EqualConv2d / EqualLinear / FusedLeakyReLU biases


def formula(n, k):
    """x[i] = sin(0.7*i + 1.3*k + 0.1 + (i*i mod 10007) * (2*pi/10007)) for i = 0..n-1, in double."""
    i = np.arange(n, dtype=np.int64)
    q = (i * i) % P  # exact in int64
    return np.sin(0.7 * i.astype(np.float64) + 1.3 * k + 0.1 + q.astype(np.float64) * (2 * math.pi / P))


def scale_of(name, t):
    if name.endswith(KEPT_SUFFIXES):
        return None
    for suffix, s in SCALES:
        if name.endswith(suffix):
            return s
    return SCALE_WEIGHT if t.dim() >= 2 else SCALE_BIAS


def fill_formula(net):
    """Overwrite every state-dict entry but the kept ones; returns [[key, shape, scale, k], ...] in order."""
    keys = []
    with torch.no_grad():
        for k, (name, t) in enumerate(net.state_dict().items()):
            assert t.dtype == torch.float32, (name, t.dtype)
            s = scale_of(name, t)
            if s is not None:
                v = s * formula(t.numel(), k)
                t.copy_(torch.from_numpy(v.astype(np.float32)).view(t.shape))
            keys.append([name, list(t.shape), s, k])
    return keys


def key_list(net):
    return [[name, list(t.shape), str(t.dtype).replace("torch.", ""),
             "kept" if name.endswith(KEPT_SUFFIXES) else "formula"] for name, t in net.state_dict().items()]


# ----------------------------------------------------------------------------------------------------------
# inputs (smooth, deterministic; no RNG)
# ----------------------------------------------------------------------------------------------------------
# blobs per image: (cx, cy, sigma, amplitude); amplitude of channel c = amplitude * (1 - 0.35 c)
BLOBS = [
    [(0.30, 0.35, 0.10, 0.9), (0.70, 0.60, 0.07, -0.8), (0.55, 0.20, 0.05, 0.6)],
    [(0.65, 0.30, 0.12, -0.9), (0.25, 0.70, 0.06, 0.8), (0.45, 0.55, 0.08, 0.5)],
]


def smooth_images(res):
    """2 x 3 x res x res, the same continuous image sampled at pixel centres u = (x+0.5)/res, v = (y+0.5)/res:
    0.35 sin(2pi((1+n+c) u + (2-n+c/2) v) + 0.7c + 1.1n) + 0.25 cos(2pi((3-c+n/2) u - (1+c) v))
    + sum_blobs a (1-0.35c) exp(-((u-cx)^2+(v-cy)^2)/(2 s^2)) - 0.1, computed in double, rounded to float32."""
    t = (np.arange(res, dtype=np.float64) + 0.5) / res
    V, U = np.meshgrid(t, t, indexing="ij")  # V = row (y), U = column (x)
    out = np.zeros((2, 3, res, res))
    for n in range(2):
        for c in range(3):
            val = 0.35 * np.sin(2 * np.pi * ((1 + n + c) * U + (2 - n + 0.5 * c) * V) + 0.7 * c + 1.1 * n)
            val += 0.25 * np.cos(2 * np.pi * ((3 - c + 0.5 * n) * U - (1 + c) * V))
            for cx, cy, s, a in BLOBS[n]:
                val += a * (1 - 0.35 * c) * np.exp(-((U - cx) ** 2 + (V - cy) ** 2) / (2 * s * s))
            out[n, c] = val - 0.1
    return torch.from_numpy(out.astype(np.float32))


POINTS64 = [[[10, 12], [50, 20], [32, 32], [20, 55], [60, 60]],
            [[5, 40], [40, 8], [31, 33], [45, 50], [63, 0]]]
POINTS128 = [[[20, 25], [100, 40], [64, 64], [40, 110], [120, 118]],
             [[10, 80], [80, 16], [63, 65], [90, 100], [127, 0]]]


def make_inputs():
    return OD([
        ("x64", smooth_images(64)),
        ("x128", smooth_images(128)),
        ("points64", torch.tensor(POINTS64, dtype=torch.float32)),
        ("points128", torch.tensor(POINTS128, dtype=torch.float32)),
    ])


# ----------------------------------------------------------------------------------------------------------
# helpers
# ----------------------------------------------------------------------------------------------------------
class Capture:
    """forward hooks that keep (a clone of) outputs or inputs of modules, per call"""

    def __init__(self):
        self.data = collections.defaultdict(list)
        self.handles = []

    def out(self, module, name, pick=None):
        def hook(mod, inp, out):
            o = out if pick is None else out[pick]
            self.data[name].append(o.detach().clone())
        self.handles.append(module.register_forward_hook(hook))

    def close(self):
        for h in self.handles:
            h.remove()


def to(d, dt):
    return OD((k, (v.to(dt) if v.is_floating_point() else v)) for k, v in d.items())


def run_both(net_list, parts, inp):
    """Run every part(inp, dtype, out, ctx) in float32 (stored) and again in float64 (networks widened: the
    float32 weights widened exactly) and return (outputs, checks, notes), notes[key] = [max|f32 - f64| /
    max|f64|, max|f32 - f64|] (the float32 rounding floor of a comparison) or "equal"/"DIFFERENT" for int64
    outputs, or the error of a part that the official code cannot run in float64."""
    r32, ctx = OD(), {"checks": OD()}
    with torch.no_grad():
        for part in parts:
            part(inp, torch.float32, r32, ctx)
    for n in net_list:
        n.double()
    notes = OD()
    try:
        inp64 = to(inp, torch.float64)
        ctx64 = {"checks": OD()}
        for part in parts:
            r64 = OD()
            try:
                with torch.no_grad():
                    part(inp64, torch.float64, r64, ctx64)
            except RuntimeError as e:  # the official code mixes in float32 constants on some paths
                notes[part.__name__] = "float64 run impossible: %s" % str(e).split("\n")[0]
                continue
            for k, b in r64.items():
                a = r32[k]
                if a.is_floating_point():
                    diff = float((a.double() - b.double()).abs().max())
                    m = float(b.double().abs().max())
                    notes[k] = [diff / m if m > 0 else diff, diff]
                else:
                    notes[k] = "equal" if torch.equal(a, b.to(a.dtype)) else "DIFFERENT"
    finally:
        for n in net_list:
            n.float()  # exact round trip
    return r32, ctx["checks"], notes


# ----------------------------------------------------------------------------------------------------------
# networks
# ----------------------------------------------------------------------------------------------------------
NET_CONFIGS = OD([
    ("sim32", dict(kind="SpatialTransformer", flow_size=32, supersize=64, channel_multiplier=0.5,
                   transform="similarity", num_heads=1)),
    ("sim32_h2", dict(kind="SpatialTransformer", flow_size=32, supersize=64, channel_multiplier=0.5,
                      transform="similarity", num_heads=2)),
    ("flow64", dict(kind="SpatialTransformer", flow_size=64, supersize=128, channel_multiplier=0.5,
                    transform="flow", flow_downsample=8, num_heads=1)),
    ("comp64", dict(kind="get_stn", transforms=["similarity", "flow"], flow_size=64, supersize=128,
                    channel_multiplier=0.5, num_heads=1)),
    ("comp64_h2", dict(kind="get_stn", transforms=["similarity", "flow"], flow_size=64, supersize=128,
                       channel_multiplier=0.5, num_heads=2)),
    ("ll", dict(kind="DirectionInterpolator", pca_path=None, n_comps=3, inject_index=5, n_latent=10,
                num_heads=2)),
])


def build(name):
    from models.spatial_transformers.spatial_transformer import SpatialTransformer, get_stn
    from models.latent_learner import DirectionInterpolator
    cfg = dict(NET_CONFIGS[name])
    kind = cfg.pop("kind")
    if kind == "SpatialTransformer":
        net = SpatialTransformer(**cfg)
    elif kind == "get_stn":
        net = get_stn(cfg.pop("transforms"), **cfg)
    else:
        net = DirectionInterpolator(**cfg)
    keys = fill_formula(net)
    net.eval()
    return net, keys




# ----------------------------------------------------------------------------------------------------------
# cases: lists of parts fn(inp, dtype, out, ctx); official calls only
# ----------------------------------------------------------------------------------------------------------
SMALL_RES = 32  # output_resolution of the variants (the main cases use 64)


def parts_similarity(net, net_h2):
    def sim_padding_modes(inp, dt, r, ctx):
        x = inp["x64"]
        cap = Capture()
        cap.out(net.input_downsample, "ds")
        cap.out(net.final_linear, "feat")
        cap.out(net.warp_head.linear, "params")
        grids = {}
        for pm in ("border", "reflection", "zeros"):
            out, grid, mat = net(x, return_warp=True, return_flow=True, output_resolution=64, padding_mode=pm)
            r["sim.%s.out" % pm] = out
            grids[pm] = (grid, mat)
        cap.close()
        for pm in ("reflection", "zeros"):  # the warp does not depend on the padding mode
            assert torch.equal(grids[pm][0], grids["border"][0]) and torch.equal(grids[pm][1], grids["border"][1])
        r["sim.grid"], r["sim.matrix"] = grids["border"]
        r["sim.regression_input"] = cap.data["ds"][0]
        r["sim.features"] = cap.data["feat"][0]
        r["sim.raw_params"] = cap.data["params"][0]
        from models.spatial_transformers.antialiased_sampling import BilinearDownsample
        assert torch.equal(cap.data["ds"][0], BilinearDownsample(2, 3).to(dt)(x))
        ctx["checks"]["sim: regression input == BilinearDownsample(2, 3)(x64) == mipmap.pt bilinear2.out"] = True

    def sim_iters3(inp, dt, r, ctx):
        cap = Capture()
        cap.out(net.warp_head.linear, "params")
        out, grid, mat = net(inp["x64"], return_warp=True, return_flow=True, output_resolution=SMALL_RES, iters=3)
        cap.close()
        assert torch.equal(grid, F.affine_grid(mat, (2, 3, SMALL_RES, SMALL_RES), align_corners=False))
        r["sim.iters3.out"], r["sim.iters3.matrix"] = out, mat
        r["sim.iters3.raw_params"] = torch.stack(cap.data["params"])  # (3, N, 4): per iteration

    def sim_alpha(inp, dt, r, ctx):
        alpha = torch.tensor([0.5, 0.5], dtype=dt)
        out, grid, mat = net(inp["x64"], return_warp=True, return_flow=True, output_resolution=SMALL_RES,
                             alpha=alpha)
        assert torch.equal(grid, F.affine_grid(mat, (2, 3, SMALL_RES, SMALL_RES), align_corners=False))
        r["sim.alpha.out"], r["sim.alpha.matrix"] = out, mat

    def sim_points(inp, dt, r, ctx):
        x, pts = inp["x64"], inp["points64"]
        pc = net.congeal_points(x, pts)  # normalize_input_points=True, unnormalize_output_points=False
        r["sim.congeal_points"] = pc
        r["sim.congeal_points_px"] = net.congeal_points(x, pts, unnormalize_output_points=True)
        r["sim.uncongeal_points"] = net.uncongeal_points(x, pc)  # normalize_input_points=False, unnormalize True
        r["sim.transfer_points"] = net.transfer_points(x, x[[1, 0]], pts)
        ctx["checks"]["sim: max |uncongeal(congeal(p)) - p| (px)"] = float((r["sim.uncongeal_points"] - pts).abs().max())

    def sim_two_heads(inp, dt, r, ctx):
        cap = Capture()
        cap.out(net_h2.warp_head.linear, "params")
        out, grid, mat = net_h2(inp["x64"], return_warp=True, return_flow=True, output_resolution=SMALL_RES)
        cap.close()
        assert torch.equal(grid, F.affine_grid(mat, (4, 3, SMALL_RES, SMALL_RES), align_corners=False))
        r["sim_h2.raw_params"] = cap.data["params"][0]
        r["sim_h2.out"], r["sim_h2.matrix"] = out, mat

    return [sim_padding_modes, sim_iters3, sim_alpha, sim_points, sim_two_heads]


def parts_flow(net):
    def flow_main(inp, dt, r, ctx):
        x = inp["x128"]
        cap = Capture()
        cap.out(net.warp_head.flow_out, "flow_out")
        feats = []
        h = net.warp_head.register_forward_hook(lambda m, i, o: feats.append(i[1]))  # (source_pixels, features)
        out, grid, delta = net(x, return_warp=True, return_flow=True, output_resolution=64)
        h.remove()
        cap.close()
        r["flow.flow_out"] = cap.data["flow_out"][0]
        low, mask = net.warp_head.compute_flow(feats[0])  # official: (N, K, H, W, 2), (N, K, 9*8*8, H, W)
        r["flow.low_res_flow"] = low
        ctx["checks"]["flow: convex-mask logits (N, K, 576, 8, 8) max |.| (not stored)"] = float(mask.abs().max())
        r["flow.delta_flow"] = delta
        r["flow.out"] = out
        # at output_resolution == flow_size the grid is identity_flow + delta_flow, bit for bit: not stored
        same = torch.equal(grid, net.identity_flow.to(dt) + delta)
        assert same
        ctx["checks"]["flow: grid at output_resolution 64 == identity_flow + delta_flow (bitwise)"] = same
        out, grid, delta2 = net(x, return_warp=True, return_flow=True, output_resolution=32)
        assert torch.equal(delta2, delta)
        r["flow.res32.grid"] = grid
        r["flow.res32.out"] = out

    def flow_upsample(inp, dt, r, ctx):
        g = torch.Generator().manual_seed(7)
        lo = (0.1 * torch.randn(1, 2, 2, 2, generator=g)).to(dt)
        mask = (2.0 * torch.randn(1, 9 * 64, 2, 2, generator=g)).to(dt)
        r["upsample.flow"] = lo
        r["upsample.mask"] = mask
        r["upsample.out"] = net.warp_head.upsample_flow(lo, mask)

    return [flow_main, flow_upsample]


def parts_composed(net, net_h2):
    from models.losses.loss import total_variation_loss

    def comp_main(inp, dt, r, ctx):
        cap = Capture()
        cap.out(net.stns[0].warp_head, "sim_head", pick=2)  # (out, grid, matrix, oob) -> matrix
        cap.out(net.stns[0].warp_head.linear, "sim_params")
        cap.out(net.stns[1].warp_head.flow_out, "flow_out")
        out, grid, flow, sim_out = net(inp["x128"], return_warp=True, return_flow=True, return_sim=True,
                                       output_resolution=64)
        cap.close()
        r["comp.out"], r["comp.flow"] = out, flow
        r["comp.sim_matrix"] = cap.data["sim_head"][0]
        # at output_resolution == flow_size the grid is apply_affine(sim_matrix, identity_flow + flow), bit for bit
        from models.spatial_transformers.warping_heads import apply_affine
        same = torch.equal(grid, apply_affine(r["comp.sim_matrix"], net.identity_flow.to(dt) + flow))
        assert same
        ctx["checks"]["comp: grid at output_resolution 64 == apply_affine(sim_matrix, identity_flow + flow) "
                      "(bitwise; not stored)"] = same
        r["comp.sim_raw_params"] = cap.data["sim_params"][0]
        r["comp.flow_out"] = cap.data["flow_out"][0]
        r["comp.sim_out_mean"] = sim_out.mean(dim=(2, 3))  # (N, 3); the full (N,3,64,64) is not stored

    def comp_iters3(inp, dt, r, ctx):
        cap = Capture()
        cap.out(net.stns[0].warp_head, "sim_head", pick=2)
        cap.out(net.stns[1].warp_head.flow_out, "flow_out")
        out, grid, flow = net(inp["x128"], return_warp=True, return_flow=True, output_resolution=SMALL_RES, iters=3)
        cap.close()
        r["comp.iters3.out"], r["comp.iters3.grid"] = out, grid
        r["comp.iters3.flow_out"] = cap.data["flow_out"][0]
        r["comp.iters3.sim_matrix"] = torch.stack(cap.data["sim_head"])  # (3, N, 2, 3) composed per iteration

    def comp_flip(inp, dt, r, ctx):
        x = inp["x128"]
        out, warp, flow, flip = net.forward_with_flip(x, return_flow=True, return_warp=True,
                                                      return_flip_indices=True, output_resolution=SMALL_RES)
        r["comp.flip.out"], r["comp.flip.grid"] = out, warp
        r["comp.flip.indices"] = flip.long().view(-1)
        _, _, f0 = net(x, return_warp=True, return_flow=True, output_resolution=SMALL_RES)
        _, _, f1 = net(x.flip(3), return_warp=True, return_flow=True, output_resolution=SMALL_RES)
        tv = torch.stack([total_variation_loss(f0, reduce_batch=False),
                          total_variation_loss(f1, reduce_batch=False)], 1)  # (N, [plain, mirrored])
        r["comp.flip.tv"] = tv
        ctx["checks"]["comp.flip: |tv plain - tv mirrored| / tv plain per image"] = \
            ((tv[:, 0] - tv[:, 1]).abs() / tv[:, 0]).tolist()
        ctx["checks"]["comp.flip: returned flow == the chosen version's residual flow, unmirrored (bitwise)"] = \
            bool(torch.equal(flow, torch.where(flip, f1, f0)))

    def comp_congeal(inp, dt, r, ctx):
        pc, gap = composed_congeal(net, inp["x128"], inp["points128"])
        r["comp.congeal_points"] = pc
        r["comp.congeal_nn_gap"] = gap
        ctx["checks"]["comp: smallest nearest-neighbour gap (2nd - 1st squared distance, normalised units)"] = \
            float(gap.min())

    def comp_uncongeal(inp, dt, r, ctx):
        x, pts = inp["x128"], inp["points128"]
        pc = r["comp.congeal_points"] if "comp.congeal_points" in r else net.congeal_points(x, pts)
        r["comp.uncongeal_points"] = net.uncongeal_points(x, pc.to(dt), normalize_input_points=True)
        r["comp.transfer_points"] = net.transfer_points(x, x[[1, 0]], pts)

    def comp_two_heads(inp, dt, r, ctx):
        cap = Capture()
        cap.out(net_h2.stns[0].warp_head, "sim_head", pick=2)
        cap.out(net_h2.stns[1].warp_head.flow_out, "flow_out")
        out, grid, flow = net_h2(inp["x128"], return_warp=True, return_flow=True, output_resolution=SMALL_RES)
        cap.close()
        r["comp_h2.out"], r["comp_h2.grid"] = out, grid
        r["comp_h2.sim_matrix"] = cap.data["sim_head"][0]
        r["comp_h2.flow_out"] = cap.data["flow_out"][0]
        ctx["checks"]["comp_h2: residual flow shape"] = list(flow.shape)

    return [comp_main, comp_iters3, comp_flip, comp_congeal, comp_uncongeal, comp_two_heads]


def composed_congeal(net, x, pts):
    """ComposedSTN.congeal_points (official), plus, for the record, the gap between the smallest and the second
    smallest squared distance of its nearest-neighbour search (how robust the argmin is), recomputed from the
    official stage outputs."""
    pc = net.congeal_points(x, pts)  # (N, 5, 2) int64 (x, y) in the 64 x 64 residual grid
    outA, warpA, p1 = net.stns[0].congeal_points(x, pts, normalize_input_points=True, unnormalize_output_points=True,
                                                 output_resolution=net.stn_in_size, input_img_for_sampling=x,
                                                 return_full=True)
    _, _, delta = net.stns[1](outA, return_warp=True, return_flow=True, base_warp=warpA, input_img_for_sampling=x)
    src = x.size(-1)
    pn = p1.div(src - 1).add(-0.5).mul(2).mul((src - 1) / src)  # SpatialTransformer.normalize(p, src, src)
    g = (delta + net.stns[1].identity_flow.to(delta.dtype)).flatten(1, 2)  # (N, HW, 2)
    d = ((g[:, :, None, :] - pn[:, None, :, :]) ** 2).sum(-1)  # (N, HW, 5)
    two = d.topk(2, dim=1, largest=False).values  # (N, 2, 5)
    idx = d.argmin(dim=1)
    assert torch.equal(torch.stack([idx % 64, idx // 64], -1), pc)
    return pc, (two[:, 1] - two[:, 0])


def parts_mipmap():
    from models.spatial_transformers.antialiased_sampling import MipmapWarp, BilinearDownsample

    def new_warp(dt):
        return MipmapWarp(max_num_levels=3.5).to(dt)

    def mip_identity(inp, dt, r, ctx):
        x = inp["x64"][:1]  # 1 x 3 x 64 x 64
        warp = new_warp(dt)
        grid = F.affine_grid(torch.eye(2, 3, dtype=dt)[None], (1, 3, 64, 64), align_corners=False)
        out = warp(x, grid, padding_mode="border")
        ref = F.grid_sample(x, grid, padding_mode="border", align_corners=False)
        # not stored (it is F.grid_sample of x64[:1] at the identity grid, which is libtorch's own kernel)
        assert torch.equal(out, ref) and float(warp.levels_map.abs().max()) == 0
        ctx["checks"]["mip.identity: output == F.grid_sample(x, grid, border) (bitwise), levels_map all 0"] = True
        ctx["checks"]["mip.identity: max |output - x64[:1]|"] = float((out - x).abs().max())

    def mip_zoom(inp, dt, r, ctx):
        x = inp["x64"][:1]
        warp = new_warp(dt)
        th = math.radians(20.0)
        m = torch.tensor([[[2.5 * math.cos(th), -2.5 * math.sin(th), 0.10],
                           [2.5 * math.sin(th), 2.5 * math.cos(th), -0.05]]], dtype=dt)
        grid = F.affine_grid(m, (1, 3, 32, 32), align_corners=False)
        r["mip.zoom.grid"] = grid
        r["mip.zoom.out"] = warp(x, grid, padding_mode="reflection")
        r["mip.zoom.levels_map"] = warp.levels_map

    def mip_flow(inp, dt, r, ctx):
        x = inp["x64"][:1]
        warp = new_warp(dt)
        g0 = F.affine_grid(torch.eye(2, 3, dtype=dt)[None], (1, 3, 64, 64), align_corners=False)
        rr = (g0 ** 2).sum(-1, keepdim=True)
        wig = torch.stack([0.1 * torch.sin(3 * g0[..., 1]), 0.1 * torch.cos(2 * g0[..., 0])], -1)
        grid = g0 * (1 + 2.0 * torch.exp(-rr / 0.3)) + wig
        r["mip.flow.grid"] = grid
        r["mip.flow.out"] = warp(x, grid, padding_mode="zeros")
        r["mip.flow.levels_map"] = warp.levels_map

    def mip_x48(inp, dt, r, ctx):
        x48 = inp["x64"][:1, :, 8:56, 8:56]
        warp = new_warp(dt)
        th = math.radians(-30.0)
        m = torch.tensor([[[1.8 * math.cos(th), -1.8 * math.sin(th), -0.1],
                           [1.8 * math.sin(th), 1.8 * math.cos(th), 0.2]]], dtype=dt)
        grid = F.affine_grid(m, (1, 3, 24, 24), align_corners=False)
        r["mip.x48.grid"] = grid
        r["mip.x48.out"] = warp(x48, grid, padding_mode="border")
        r["mip.x48.levels_map"] = warp.levels_map

    def bilinear(inp, dt, r, ctx):
        r["bilinear2.out"] = BilinearDownsample(2, 3).to(dt)(inp["x64"])
        r["bilinear4.out"] = BilinearDownsample(4, 3).to(dt)(inp["x64"])

    return [mip_identity, mip_zoom, mip_flow, mip_x48, bilinear]


def parts_losses():
    from models.losses.loss import total_variation_loss, flow_identity_loss

    def losses(inp, dt, r, ctx):
        g = torch.Generator().manual_seed(3)
        base = torch.stack(torch.meshgrid(torch.linspace(-1, 1, 16), torch.linspace(-1, 1, 16), indexing="ij"), -1)
        flow = 0.3 * base[None].repeat(2, 1, 1, 1) + 0.8 * torch.randn(2, 16, 16, 2, generator=g)
        flow = flow.to(dt)
        r["flow"] = flow
        r["tv"] = total_variation_loss(flow)
        r["tv_per_sample"] = total_variation_loss(flow, reduce_batch=False)
        r["flow_identity"] = flow_identity_loss(flow)
        dy = (flow[:, :-1] - flow[:, 1:]).abs()
        dx = (flow[:, :, :-1] - flow[:, :, 1:]).abs()
        ctx["checks"]["losses: fraction of |diff| > 1 (dy, dx)"] = [float((dy > 1).double().mean()),
                                                                    float((dx > 1).double().mean())]

    return [losses]


def parts_latent(ll):
    def latent(inp, dt, r, ctx):
        g = torch.Generator().manual_seed(11)
        w = torch.randn(2, 512, generator=g).to(dt)
        r["w"] = w
        r["coefficients"] = ll.coefficients.detach().clone()
        r["directions"] = ll.directions.clone()
        r["lat_mean"] = ll.lat_mean.clone()
        r["out"] = ll([w], psi=0.3)[0]
        unfold = ll([w], psi=0.3, unfold=True)[0]
        assert torch.equal(unfold, r["out"].reshape(2, 2, 10, 512))
        ctx["checks"]["latent: interpolate(..., unfold=True) == out.reshape(2, 2, 10, 512) (bitwise)"] = True

    return [latent]


# ----------------------------------------------------------------------------------------------------------
# schedules (json)
# ----------------------------------------------------------------------------------------------------------
def schedules():
    from utils.annealing import cosine_anneal, linear_anneal, lr_cycle_iters, DecayingCosineAnnealingWarmRestarts
    import contextlib
    import io
    res = OD()
    its = [0, 1, 10, 25, 33, 50, 67, 75, 99, 100]
    res["psi"] = OD([
        ("call", "cosine_anneal(i, 1.0, 0.0, 100) / linear_anneal(i, 1.0, 0.0, 100), as train.py calls the "
                 "annealing function (maxval 1.0, minval 0.0, num_steps = anneal_psi); both return float32 "
                 "0-dim tensors (values below are those float32 values, exactly, as doubles)"),
        ("i", its),
        ("cosine", [float(cosine_anneal(i, 1.0, 0.0, 100)) for i in its]),
        ("linear", [float(linear_anneal(i, 1.0, 0.0, 100)) for i in its]),
    ])
    cyc = []
    for a, p, it, tm in [(1000, 500, 20000, 2), (100, 25, 400, 2), (150000, 37500, 800000, 2),
                         (150000, 37500, 1500000, 2), (150000, 50000, 1500000, 2), (1000, 500, 20000, 3),
                         (1000, 500, 17000, 2), (1000, 100, 25300, 3)]:  # ratio 2^5 / 3^5: math.log exact / not
        with contextlib.redirect_stdout(io.StringIO()):
            cyc.append(OD([("anneal_psi", a), ("period", p), ("iter", it), ("tm", tm),
                           ("zero_lr_iters", lr_cycle_iters(a, p, it, tm))]))
    res["lr_cycle_iters"] = cyc
    # the scheduler as train.py steps it
    anneal_psi, period = 100, 25
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.Adam([p], lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
    sched = DecayingCosineAnnealingWarmRestarts(opt, T_0=1, T_mult=2, decay=0.9)
    initial = sched.get_last_lr()[0]
    rows = []
    for i in range(anneal_psi + 1, anneal_psi + 301):
        opt.step()  # no gradient: a no-op, only so that the scheduler sees optimizer.step() first as in train.py
        epoch = max(0, (i - anneal_psi) / period)
        sched.step(epoch)
        rows.append([i, epoch, sched.get_last_lr()[0], opt.param_groups[0]["lr"], sched.T_cur, sched.T_i,
                     sched.cur_decay])
        assert rows[-1][2] == rows[-1][3]
    res["decaying_cosine"] = OD([
        ("call", "DecayingCosineAnnealingWarmRestarts(Adam([p], lr=1e-3, betas=(0.9, 0.999), eps=1e-8), T_0=1, "
                 "T_mult=2, decay=0.9); for i in 101..400: opt.step(); sched.step(max(0, (i - 100) / 25)) "
                 "(train.py with anneal_psi=100, period=25)"),
        ("lr_after_construction", initial),
        ("columns", ["i", "epoch", "get_last_lr()[0]", "param_groups[0]['lr']", "T_cur", "T_i", "cur_decay"]),
        ("rows", rows),
    ])
    return res


# ----------------------------------------------------------------------------------------------------------
# official key lists at the released configuration
# ----------------------------------------------------------------------------------------------------------
def official_keys():
    from models.spatial_transformers.spatial_transformer import get_stn
    from models.latent_learner import DirectionInterpolator
    res = OD()
    for heads in (1, 4):
        net = get_stn(["similarity", "flow"], flow_size=128, supersize=256, channel_multiplier=0.5, num_heads=heads)
        res["ComposedSTN_flow128_super256_cm0.5_heads%d" % heads] = OD([
            ("call", "get_stn(['similarity', 'flow'], flow_size=128, supersize=256, channel_multiplier=0.5, "
                     "num_heads=%d)" % heads),
            ("num_entries", len(net.state_dict())),
            ("num_values", int(sum(t.numel() for t in net.state_dict().values()))),
            ("keys", key_list(net))])
        del net
    for heads, ndirs in ((1, 1), (4, 1)):
        ll = DirectionInterpolator(pca_path=None, n_comps=ndirs, inject_index=5, n_latent=14, num_heads=heads)
        res["DirectionInterpolator_ncomps%d_heads%d" % (ndirs, heads)] = OD([
            ("call", "DirectionInterpolator(pca_path=None, n_comps=%d, inject_index=5, n_latent=14, num_heads=%d) "
                     "(train.py: n_comps=args.ndirs, inject_index=args.inject, n_latent=generator.n_latent = 14 "
                     "at gen_size 256)" % (ndirs, heads)),
            ("keys", key_list(ll))])
    return res


# ----------------------------------------------------------------------------------------------------------
def save_pt(d, name):
    d = OD((k, v.detach().contiguous().clone()) for k, v in d.items())
    for k, v in d.items():
        assert v.dtype in (torch.float32, torch.int64), (k, v.dtype)
    torch.save(dict(d), os.path.join(HERE, name), _use_new_zipfile_serialization=True)


def save_json(obj, name):
    with open(os.path.join(HERE, name), "w") as f:
        f.write(compact(obj) + "\n")


def compact(obj, ind=0):
    """json with lists of scalars (and lists of short lists) on one line"""
    sp = " " * ind
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        items = [sp + " " + json.dumps(k) + ": " + compact(v, ind + 1).lstrip() for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + sp + "}"
    if isinstance(obj, list):
        flat = json.dumps(obj)
        if not any(isinstance(e, (dict, list)) for e in obj) or (len(flat) < 100 and not any(
                isinstance(e, dict) for e in obj)):
            return flat
        return "[\n" + ",\n".join(sp + " " + compact(e, ind + 1).lstrip() for e in obj) + "\n" + sp + "]"
    return json.dumps(obj)


FILES = ["inputs.pt", "similarity.pt", "flow.pt", "composed.pt", "mipmap.pt", "losses.pt", "latent.pt"]
COMMIT = "unknown"


def describe(d):
    return OD((k, OD([("shape", list(v.shape)), ("dtype", str(v.dtype).replace("torch.", "")),
                      ("max_abs", float(v.double().abs().max()) if v.numel() else 0.0)])) for k, v in d.items())


def jobs_for(nets):
    return [
        ("similarity.pt", [nets["sim32"], nets["sim32_h2"]], parts_similarity(nets["sim32"], nets["sim32_h2"])),
        ("flow.pt", [nets["flow64"]], parts_flow(nets["flow64"])),
        ("composed.pt", [nets["comp64"], nets["comp64_h2"]], parts_composed(nets["comp64"], nets["comp64_h2"])),
        ("mipmap.pt", [], parts_mipmap()),
        ("losses.pt", [], parts_losses()),
        ("latent.pt", [nets["ll"]], parts_latent(nets["ll"])),
    ]


def make_all():
    torch.manual_seed(0)
    inp = make_inputs()
    save_pt(inp, "inputs.pt")
    meta = OD([("torch", str(torch.__version__)), ("gangealing_commit", COMMIT), ("files", OD())])
    weights = OD([("formula", WEIGHT_FORMULA), ("kept_suffixes", list(KEPT_SUFFIXES)),
                  ("scale_rules", [[s, v] for s, v in SCALES] + [["other >= 2 dims", SCALE_WEIGHT],
                                                                  ["other 1 dim", SCALE_BIAS]]),
                  ("networks", OD())])
    nets = {}
    for name in NET_CONFIGS:
        nets[name], keys = build(name)
        cfg = OD(NET_CONFIGS[name])
        weights["networks"][name] = OD([("config", cfg), ("num_entries", len(keys)), ("keys", keys)])
    meta["files"]["inputs.pt"] = OD([("tensors", describe(inp))])
    for fname, nl, parts in jobs_for(nets):
        out, checks, notes = run_both(nl, parts, inp)
        save_pt(out, fname)
        meta["files"][fname] = OD([("tensors", describe(out)), ("checks", checks), ("f64_rel_diff", notes)])
        print("== %s" % fname)
        for k, v in out.items():
            n = notes.get(k, "-")
            n = ("f64 rel %.2g" % n[0]) if isinstance(n, list) else str(n)
            print("  %-26s %-8s %-18s max|.| %-10.4g %s" % (k, str(v.dtype).replace("torch.", ""), list(v.shape),
                                                          float(v.double().abs().max()), n))
        for k, v in notes.items():
            if isinstance(v, str) and v.startswith("float64 run impossible"):
                print("  %s: %s" % (k, v))
        for k, v in checks.items():
            print("  check %s: %s" % (k, v))
    save_json(weights, "weights.json")
    save_json(schedules(), "schedules.json")
    save_json(official_keys(), "official_keys.json")
    save_json(meta, "fixtures.json")


def verify():
    total = 0
    for name in sorted(os.listdir(HERE)):
        if name.endswith((".pt", ".json", ".md", ".py")):
            total += os.path.getsize(os.path.join(HERE, name))
    for name in FILES:
        path = os.path.join(HERE, name)
        d = torch.load(path)
        print("== %s  (%d bytes)" % (name, os.path.getsize(path)))
        for k, v in d.items():
            assert v.is_contiguous() and v.dtype in (torch.float32, torch.int64)
            print("  %-26s %-8s %s" % (k, str(v.dtype).replace("torch.", ""), list(v.shape)))
    print("total (folder) %d bytes" % total)


def replay():
    """Rebuild the networks under another torch seed (other random initial values), refill by the formula
    and rerun every case: the stored outputs must come out bit-identical."""
    torch.manual_seed(12345)
    inp = torch.load(os.path.join(HERE, "inputs.pt"))
    ref_inp = make_inputs()
    assert all(torch.equal(inp[k], ref_inp[k]) for k in inp)
    nets = {name: build(name)[0] for name in NET_CONFIGS}
    jobs = [(f, parts) for f, _, parts in jobs_for(nets)]
    ok = True
    for fname, parts in jobs:
        ref = torch.load(os.path.join(HERE, fname))
        out, ctx = OD(), {"checks": OD()}
        with torch.no_grad():
            for part in parts:
                part(inp, torch.float32, out, ctx)
        bad = [k for k in ref if not torch.equal(ref[k], out[k].contiguous())] + sorted(set(out) - set(ref))
        print("replay %-14s %s" % (fname, "exact" if not bad else "MISMATCH %s" % bad))
        ok = ok and not bad
    assert ok


def main():
    global COMMIT
    ap = argparse.ArgumentParser()
    ap.add_argument("--gangealing", default="/work/ref/gangealing")
    ap.add_argument("--mirror", default="/work/.mirror/wpeebles+gangealing/repo", help="for the commit id only")
    ap.add_argument("--verify", action="store_true", help="only reload, print and replay")
    args = ap.parse_args()
    torch.set_num_threads(1)
    COMMIT = git_head(args.mirror)
    setup_imports(os.path.abspath(args.gangealing))
    if not args.verify:
        make_all()
    verify()
    replay()


if __name__ == "__main__":
    main()
