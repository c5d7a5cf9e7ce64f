#!/usr/bin/env python3
"""Build the LPIPS parity fixture (lpips.json) from the official `lpips` package.

Usage:
    python3 make_lpips.py /path/to/PerceptualSimilarity [out.json]

The first argument is a checkout of richzhang/PerceptualSimilarity (the directory
that contains the `lpips/` package). Nothing from that repository is copied here;
it is only imported. All weights are overwritten with closed-form values (see
FORMULAS), so no weights file is needed and no torchvision download happens.
"""
import json
import math
import os
import subprocess
import sys

import numpy as np
import torch
import torch.nn.functional as F

SRC = os.path.abspath(sys.argv[1])
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "lpips.json")
sys.path.insert(0, SRC)
import lpips  # noqa: E402  (their package)

FORMULAS = {
    "trunk_param_order": "convs in torchvision features order (alex: features.0,3,6,8,10; vgg16: features.0,2,5,7,10,12,14,17,19,21,24,26,28); for each conv weight then bias; k = 0,1,2,... over that list (alex k=0..9, vgg k=0..25)",
    "trunk_param": "p_k[i] = float32( s_k * sin(0.001*(k+1)*i + 0.5*k) ), i = flat row-major element index, computed in float64",
    "trunk_scale": "s_k = 1/sqrt(fan_in) for a weight (fan_in = in_channels*kh*kw), s_k = 0.01 for a bias",
    "lin_weight": "lin_l.weight[0,c,0,0] = float32( 0.1 + 0.05*(1 + sin(0.3*c + l)) ), l = 0..4, c = channel (no bias)",
    "x": "x[n,c,h,w] = float32( 0.8*sin(0.05*(h+1)*(c+1) + 0.07*w + n) ), computed in float64",
    "y": "y[n,c,h,w] = float32( 0.8*cos(0.04*(w+1)*(c+2) + 0.09*h - n) ), computed in float64",
    "inputs": "N=2, C=3; sizes 64x64 and H=48,W=40; values already in [-1,1], forward called with normalize=False, model in eval mode",
    "lpips": "version 0.1: scaling layer (in - shift)/scale, shift=[-.030,-.088,-.188], scale=[.458,.448,.450]; per tap: f/(sqrt(sum_c f^2)+1e-10); d=(f0-f1)^2; lin: 1x1 conv C->1 (baseline: sum over channels); spatial mean; sum over the 5 taps",
}

ALEX_CONVS = [0, 3, 6, 8, 10]
VGG_CONVS = [0, 2, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28]


def trunk_convs(model):
    """Map torchvision features index -> conv module, via their slice1..slice5 submodules (named by that index)."""
    idx = ALEX_CONVS if model.pnet_type == "alex" else VGG_CONVS
    found = {}
    for s in range(1, 6):
        sl = getattr(model.net, "slice%d" % s)
        for name, m in sl.named_children():
            if isinstance(m, torch.nn.Conv2d):
                found[int(name)] = (("net.slice%d.%s" % (s, name)), m)
    assert sorted(found) == idx, (sorted(found), idx)
    return [found[i] for i in idx]


def formula_param(k, shape, is_weight):
    n = int(np.prod(shape))
    i = np.arange(n, dtype=np.float64)
    s = 1.0 / math.sqrt(int(np.prod(shape[1:]))) if is_weight else 0.01
    v = s * np.sin(0.001 * (k + 1) * i + 0.5 * k)
    return torch.from_numpy(v.astype(np.float32).reshape(shape))


def lin_weight(l, C):
    c = np.arange(C, dtype=np.float64)
    return torch.from_numpy((0.1 + 0.05 * (1 + np.sin(0.3 * c + l))).astype(np.float32).reshape(1, C, 1, 1))


def set_weights(model):
    k = 0
    convs = trunk_convs(model)
    with torch.no_grad():
        for _, conv in convs:
            conv.weight.copy_(formula_param(k, tuple(conv.weight.shape), True)); k += 1
            conv.bias.copy_(formula_param(k, tuple(conv.bias.shape), False)); k += 1
        if model.lpips:
            for l, lin in enumerate(model.lins):
                conv = [m for m in lin.modules() if isinstance(m, torch.nn.Conv2d)][0]
                assert conv.bias is None
                conv.weight.copy_(lin_weight(l, conv.weight.shape[1]))
    return [n for n, _ in convs], k


def inputs(H, W, N=2):
    n, c, h, w = np.meshgrid(np.arange(N), np.arange(3), np.arange(H), np.arange(W), indexing="ij")
    n, c, h, w = (a.astype(np.float64) for a in (n, c, h, w))
    x = 0.8 * np.sin(0.05 * (h + 1) * (c + 1) + 0.07 * w + n)
    y = 0.8 * np.cos(0.04 * (w + 1) * (c + 2) + 0.09 * h - n)
    return torch.from_numpy(x.astype(np.float32)), torch.from_numpy(y.astype(np.float32))


def build(net, use_lin):
    m = lpips.LPIPS(net=net, lpips=use_lin, pretrained=True, pnet_rand=True, version="0.1", verbose=False)
    names, nparams = set_weights(m)
    m.eval()
    return m, names, nparams


# ---- independent re-implementation (plain PyTorch, taps from torchvision indices) ----
ALEX_TAPS = [1, 4, 7, 9, 11]          # ReLU outputs after features.0,3,6,8,10
VGG_TAPS = [3, 8, 15, 22, 29]         # relu1_2, relu2_2, relu3_3, relu4_3, relu5_3


def ref_lpips(net, use_lin, x, y):
    import torchvision
    feats = (torchvision.models.alexnet() if net == "alex" else torchvision.models.vgg16()).features
    convs = [m for m in feats if isinstance(m, torch.nn.Conv2d)]
    k = 0
    with torch.no_grad():
        for conv in convs:
            conv.weight.copy_(formula_param(k, tuple(conv.weight.shape), True)); k += 1
            conv.bias.copy_(formula_param(k, tuple(conv.bias.shape), False)); k += 1
    taps = ALEX_TAPS if net == "alex" else VGG_TAPS
    shift = torch.tensor([-.030, -.088, -.188]).view(1, 3, 1, 1)
    scale = torch.tensor([.458, .448, .450]).view(1, 3, 1, 1)

    def run(z):
        z = (z - shift) / scale
        out = []
        for j, mod in enumerate(feats):
            z = mod(z).clone()
            if j in taps:
                out.append(z)
            if j == taps[-1]:
                break
        return out

    with torch.no_grad():
        a, b = run(x), run(y)
        layers = []
        for l, (fa, fb) in enumerate(zip(a, b)):
            fa = fa / (fa.pow(2).sum(1, keepdim=True).sqrt() + 1e-10)
            fb = fb / (fb.pow(2).sum(1, keepdim=True).sqrt() + 1e-10)
            d = (fa - fb) ** 2
            d = F.conv2d(d, lin_weight(l, d.shape[1])) if use_lin else d.sum(1, keepdim=True)
            layers.append(d.mean([2, 3]).view(-1))
        return torch.stack(layers).sum(0), torch.stack(layers, 1)


def main():
    torch.set_grad_enabled(False)
    res = {}
    param_map = {}
    maxdiff = 0.0
    for net in ("alex", "vgg"):
        for use_lin, tag in ((True, "lin"), (False, "base")):
            m, names, nparams = build(net, use_lin)
            param_map[net] = {"conv_modules": names, "num_params_k": nparams}
            for (H, W), stag in (((64, 64), "64"), ((48, 40), "48x40")):
                x, y = inputs(H, W)
                val, per = m(x, y, retPerLayer=True, normalize=False)
                v = val.view(-1)
                key = "%s_%s_%s" % (net, tag, stag)
                res[key] = [float(t) for t in v]
                layers = torch.stack([p.view(-1) for p in per], 1)  # [N, 5]
                if net == "alex" and use_lin and stag == "64":
                    res["alex_lin_64_layers"] = [[float(t) for t in row] for row in layers]
                rv, rl = ref_lpips(net, use_lin, x, y)
                d = max((rv - v).abs().max().item(), (rl - layers).abs().max().item())
                print("%-16s %s   ref max|diff| %.3g" % (key, res[key], d))
                maxdiff = max(maxdiff, d)
    try:
        commit = subprocess.check_output(["git", "-C", SRC, "rev-parse", "HEAD"], stderr=subprocess.DEVNULL).decode().strip()
    except Exception:
        commit = os.environ.get("LPIPS_COMMIT", "unknown")
    import torchvision
    out = dict(res)
    out["formulas"] = FORMULAS
    out["trunk_modules"] = param_map
    out["taps"] = {"alex": "ReLU outputs after torchvision alexnet().features[0,3,6,8,10] (features indices 1,4,7,9,11)",
                   "vgg": "vgg16().features relu1_2, relu2_2, relu3_3, relu4_3, relu5_3 (features indices 3,8,15,22,29)"}
    out["lpips_repo"] = "https://github.com/richzhang/PerceptualSimilarity"
    out["lpips_commit"] = commit
    out["torch_version"] = torch.__version__
    out["torchvision_version"] = torchvision.__version__
    out["independent_reimpl_max_abs_diff"] = maxdiff
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print("wrote", OUT, "max diff vs independent re-implementation:", maxdiff)


if __name__ == "__main__":
    main()
