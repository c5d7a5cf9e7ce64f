r"""Parity fixtures for gan4j's CoCosNet from the official microsoft/CoCosNet networks on formula weights.

This script is ours (a gan4j test helper); it contains no Microsoft code. It imports the official modules
from an export of the repository and runs them on CPU with Debian's torch.

Get the official code (outside any git work tree):

    R=/work/.mirror/microsoft+CoCosNet/repo        # a clone of github.com/microsoft/CoCosNet
    mkdir -p /work/ref/CoCosNet
    # plain `git archive HEAD` stops at imgs/demo.gif (a blob absent from this mirror): leave imgs/ out
    git --git-dir=$R archive HEAD $(git --git-dir=$R ls-tree --name-only HEAD | grep -v '^imgs$') \
      | tar -x -C /work/ref/CoCosNet
    # CoCosNet expects vacancy/Synchronized-BatchNorm-PyTorch's sync_batchnorm/ under models/networks/
    ln -s /work/ref/Synchronized-BatchNorm-PyTorch/sync_batchnorm /work/ref/CoCosNet/models/networks/sync_batchnorm

Then, from this folder:

    /usr/bin/python3 make_fixtures.py [--cocosnet /work/ref/CoCosNet] [--sync-bn /work/ref/Synchronized-BatchNorm-PyTorch]

It writes corr_ade20k.pt/.json, g_ade20k.pt/.json and corr_celebahqedge.pt/.json beside itself, reloads the
.pt files and prints their keys and shapes, then rebuilds every network from scratch (another torch seed, so
other random initial values), refills it by the formula and checks that it reproduces the stored outputs
exactly. Everything is seeded and runs on one thread.

The weights are NOT stored: every state-dict entry is set by `fill_state` below (formula in README.md), so the
Java side recomputes them from the key list in the .json files.
"""
import argparse
import collections
import contextlib
import io
import json
import math
import os
import subprocess
import sys
import types
import warnings
import zipfile

import numpy as np
import torch
import torch.nn.functional as F

warnings.filterwarnings("ignore")  # F.tanh / Upsample(bilinear) align_corners chatter

HERE = os.path.dirname(os.path.abspath(__file__))
TEMPERATURE = 0.01  # NoVGGCorrespondence.forward's default, also what Pix2PixModel passes (it passes none)


# ----------------------------------------------------------------------------------------------------------
# imports of the official code
# ----------------------------------------------------------------------------------------------------------
def setup_imports(root, sync_bn_root):
    # util/util.py does scio.loadmat('./util/color150.mat') at import time: it must be imported from the root
    os.chdir(root)
    sys.path.insert(0, root)
    if not os.path.isdir(os.path.join(root, "models", "networks", "sync_batchnorm")):
        sys.path.insert(0, sync_bn_root)
        import sync_batchnorm  # vacancy/Synchronized-BatchNorm-PyTorch, unchanged
        sys.modules["models.networks.sync_batchnorm"] = sync_batchnorm
    # data/celebahqedge_dataset.py imports cv2 at the top (only its image loading uses it); the option parser
    # imports that module for its modify_commandline_options. Debian's Python has no cv2: an empty stand-in.
    try:
        import cv2  # noqa: F401
    except ImportError:
        sys.modules["cv2"] = types.ModuleType("cv2")


def git_head(git_dir):
    try:
        return subprocess.check_output(["git", "--git-dir", git_dir, "rev-parse", "HEAD"], text=True).strip()
    except Exception:  # noqa: BLE001
        return "unknown"


# ----------------------------------------------------------------------------------------------------------
# options: the official TestOptions parser (options/test_options.py + base_options.py + the model's and the
# dataset's modify_commandline_options), with the released test flags and the fixture's small sizes as argv
# ----------------------------------------------------------------------------------------------------------
SMALL = ["--gpu_ids", "-1", "--crop_size", "64", "--load_size", "64", "--nThreads", "0"]
# README.md "Testing" of the official repo: ade20k (first checkpoint; the --noise_for_mask one feeds random
# noise instead of the reference mask, not reproducible)
ADE20K = ["--name", "ade20k", "--dataset_mode", "ade20k", "--batchSize", "2",
          "--use_attention", "--maskmix", "--warp_mask_losstype", "direct", "--PONO", "--PONO_C",
          "--label_nc", "4"] + SMALL
# celebahqedge test flags + warp_cycle_w 1 of its training command (so that warp_cycle is produced)
CELEBAHQEDGE = ["--name", "celebahqedge", "--dataset_mode", "celebahqedge", "--batchSize", "1",
                "--use_attention", "--maskmix", "--PONO", "--PONO_C", "--warp_bilinear", "--adaptor_kernel", "4",
                "--warp_cycle_w", "1", "--label_nc", "3"] + SMALL


def make_opt(argv):
    from options.test_options import TestOptions
    saved = sys.argv
    sys.argv = ["test.py"] + argv
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            opt = TestOptions().parse()  # sets isTrain False, semantic_nc, gpu_ids []
    finally:
        sys.argv = saved
    return opt


def opt_dict(opt):
    return {k: v for k, v in sorted(vars(opt).items())
            if isinstance(v, (str, int, float, bool)) and not (isinstance(v, float) and math.isinf(v))}


def copy_opt(opt, **over):
    o = argparse.Namespace(**vars(opt))
    for k, v in over.items():
        setattr(o, k, v)
    return o


# ----------------------------------------------------------------------------------------------------------
# weights by formula
# ----------------------------------------------------------------------------------------------------------
P = 10007  # the prime of the quadratic phase term
WEIGHT_FORMULA = (
    "j = index of the entry in state_dict() order; i = 0..n-1 over the entry flattened row-major; "
    "x[i] = sin(0.7*i + 1.3*j + 0.1 + (i*i mod 10007)*(2*pi/10007)) in double; "
    "float32(x[i] / sqrt(n/shape[0])) for >= 2 dims, float32(0.1*x[i]) for 0/1 dims; "
    "weight_v = float32(x / |x|); weight_u = float32(W v / |W v|) with W = weight_orig (float32) as "
    "[shape[0], -1] and v = weight_v (float32), in double; integer entries untouched")


def formula(n, j, quadratic=True):
    """x[i] = sin(0.7*i + 1.3*j + 0.1 + (i*i mod 10007) * (2*pi/10007)) for i = 0..n-1, in double.

    The quadratic phase term is ours, not part of the first specification: without it (quadratic=False, only for --diagnose) every
    entry is sin(a*i + b), and a weight reshaped to [out, fan_in] is then sin(alpha_o + beta_k), a rank-2
    matrix (see README.md)."""
    i = np.arange(n, dtype=np.int64)
    if not quadratic:
        return np.sin(0.7 * i.astype(np.float64) + 1.3 * j + 0.1)
    q = (i * i) % P  # exact in int64 (n < 3e9)
    return np.sin(0.7 * i.astype(np.float64) + 1.3 * j + 0.1 + q.astype(np.float64) * (2 * math.pi / P))


def fill_state(net, plain=False):
    """Fill every state-dict entry in place; returns the key list [[name, shape, dtype, rule, sum], ...].

    j = position of the entry in state_dict() order (every entry counts, also the ones left alone);
    float entry with n elements, flattened row-major, value[i] computed in double then rounded to float32:
      >= 2 dims: x[i] * (1 / sqrt(n / shape[0]))
      0/1 dims:  x[i] * 0.1
      weight_v (spectral norm): x[i] / sqrt(sum_k x[k]^2)
      weight_u (spectral norm), after all the rest: u = W v / |W v|, W = the module's weight_orig (float32
        values above) as [shape[0], -1], v = its weight_v (float32), product and norm in double
    integer entries (num_batches_tracked) and batch-norm running_mean / running_var: left at their init
    (there are none in these networks: checked).
    sum = the sum of the stored float32 values, in double (a checksum for the Java side).
    plain=True (only for --diagnose): the formula as first specified, without the quadratic phase term and
    with weight_u = normalize(x) like weight_v.
    """
    keys = []
    sd = net.state_dict()
    with torch.no_grad():
        for j, (k, t) in enumerate(sd.items()):
            if not t.is_floating_point():
                rule = "untouched (integer)"
            elif k.endswith("running_mean") or k.endswith("running_var"):
                rule = "untouched (init)"
            elif k.endswith("weight_u") and not plain:
                rule = "u = normalize(W v)"  # below, once weight_orig and weight_v are set
            else:
                n = t.numel()
                x = formula(n, j, quadratic=not plain)
                if k.endswith("weight_v") or k.endswith("weight_u"):
                    v = x / math.sqrt(float(np.sum(x * x)))
                    rule = "v = normalize(x)"
                elif t.dim() >= 2:
                    v = x * (1.0 / math.sqrt(n / t.shape[0]))
                    rule = "x / sqrt(fan_in)"
                else:
                    v = x * 0.1
                    rule = "0.1 x"
                t.copy_(torch.from_numpy(v.astype(np.float32)).view(t.shape))
            keys.append([k, list(t.shape), str(t.dtype).replace("torch.", ""), rule])
        for k, t in sd.items():
            if k.endswith("weight_u") and not plain:
                base = k[:-len("weight_u")]
                w = sd[base + "weight_orig"].double().flatten(1)
                u = torch.mv(w, sd[base + "weight_v"].double())
                t.copy_((u / torch.sqrt(torch.sum(u * u))).float())
    for e in keys:
        e.append(float(sd[e[0]].double().sum()))
    assert not bn_buffers(net)
    return keys


def sn_sigmas(net):
    """sigma = u . (W v) as the eval-mode spectral-norm hook computes it from the stored u, v (dim 0)."""
    out = {}
    for name, m in net.named_modules():
        if hasattr(m, "weight_orig"):
            w = m.weight_orig.detach().flatten(1)
            sig = float(torch.dot(m.weight_u, torch.mv(w, m.weight_v)))
            svd = float(torch.linalg.matrix_norm(w.double(), ord=2))
            out[name] = [sig, svd]
    return out


def sn_sigma_f32_error(net):
    """max over spectral-norm modules of |sigma_f32 - sigma_f64| / |sigma_f64|, sigma = u . (W v)."""
    worst = 0.0
    for name, m in net.named_modules():
        if hasattr(m, "weight_orig"):
            w, u, v = m.weight_orig.detach().flatten(1), m.weight_u, m.weight_v
            s32 = float(torch.dot(u, torch.mv(w, v)))
            s64 = float(torch.dot(u.double(), torch.mv(w.double(), v.double())))
            worst = max(worst, abs(s32 - s64) / abs(s64))
    return worst


def bn_buffers(net):
    return [k for k in net.state_dict() if k.endswith("running_mean") or k.endswith("running_var")]


# ----------------------------------------------------------------------------------------------------------
# inputs
# ----------------------------------------------------------------------------------------------------------
def blocky_map(n, h, w, nvals, nrect, gen):
    """Integer maps [n,1,h,w] made of overlapping random rectangles (odd sizes and offsets, so that the nearest
    resizing to 16x16 picks different pixels than an average would)."""
    m = torch.randint(0, nvals, (n, 1, 1, 1), generator=gen).expand(n, 1, h, w).clone()
    for b in range(n):
        for _ in range(nrect):
            y0 = int(torch.randint(0, h, (1,), generator=gen))
            x0 = int(torch.randint(0, w, (1,), generator=gen))
            hh = int(torch.randint(1, max(2, h // 2), (1,), generator=gen))
            ww = int(torch.randint(1, max(2, w // 2), (1,), generator=gen))
            m[b, 0, y0:y0 + hh, x0:x0 + ww] = int(torch.randint(0, nvals, (1,), generator=gen))
    return m


def blocky_image(n, h, w, gen, nrect=12):
    """Images in [-1, 1]: random rectangles of random colours plus a little uniform noise."""
    img = torch.rand(n, 3, 1, 1, generator=gen).expand(n, 3, h, w).clone() * 2 - 1
    for b in range(n):
        for _ in range(nrect):
            y0 = int(torch.randint(0, h, (1,), generator=gen))
            x0 = int(torch.randint(0, w, (1,), generator=gen))
            hh = int(torch.randint(2, max(3, h // 2), (1,), generator=gen))
            ww = int(torch.randint(2, max(3, w // 2), (1,), generator=gen))
            img[b, :, y0:y0 + hh, x0:x0 + ww] = (torch.rand(3, 1, 1, generator=gen) * 2 - 1)
    img = img + (torch.rand(n, 3, h, w, generator=gen) * 2 - 1) * 0.1
    return img.clamp(-1, 1)


def pix2pix_helper(opt):
    """A Pix2PixModel without networks: only for the official preprocess_input (one-hot by scatter_)."""
    from models.pix2pix_model import Pix2PixModel
    m = Pix2PixModel.__new__(Pix2PixModel)
    torch.nn.Module.__init__(m)
    m.opt = opt
    m.FloatTensor = torch.FloatTensor
    m.ByteTensor = torch.ByteTensor
    return m


# ----------------------------------------------------------------------------------------------------------
# helpers
# ----------------------------------------------------------------------------------------------------------
def build(define, opt, plain=False):
    """As Pix2PixModel.initialize_networks: networks.define_* (construct, print_network, init_weights), then
    every state-dict entry refilled by the formula; eval mode (as test.py: opt.isTrain False)."""
    with contextlib.redirect_stdout(io.StringIO()) as buf:
        net = define(opt)
    keys = fill_state(net, plain)
    net.eval()
    return net, keys, buf.getvalue().strip()


def save(obj, name):
    path = os.path.join(HERE, name)
    torch.save(obj, path, _use_new_zipfile_serialization=True)
    return path


def save_json(obj, name):
    """indent 1, but each state-dict key on one line"""
    keys = obj.get("keys")
    body = json.dumps({k: ("@KEYS@" if k == "keys" else v) for k, v in obj.items()}, indent=1)
    if keys is not None:
        body = body.replace('"@KEYS@"', "[\n" + ",\n".join("  " + json.dumps(e) for e in keys) + "\n ]")
    with open(os.path.join(HERE, name), "w") as f:
        f.write(body + "\n")


def f64_rel_diff(net, call, outs32):
    """Run the same network and inputs in float64 (weights and inputs are the float32 values, widened) and
    return [max|out32 - out64| / max|out64|, max|out32 - out64|] per output: the float32 rounding floor of a
    comparison."""
    net.double()
    with torch.no_grad():
        outs64 = call(torch.float64)
    net.float()  # exact round trip
    res = {}
    for k in outs32:
        diff = float((outs32[k].double() - outs64[k]).abs().max())
        res[k] = [diff / float(outs64[k].abs().max()), diff]
    return res


def common_meta(opt, keys, printed, net):
    sig = sn_sigmas(net)
    return {
        "torch": str(torch.__version__),
        "cocosnet_commit": COMMIT,
        "weight_formula": WEIGHT_FORMULA,
        "opt": opt_dict(opt),
        "network": printed,
        "num_state_entries": len(keys),
        "num_state_values": int(sum(int(np.prod(e[1])) if e[1] else 1 for e in keys)),
        "keys": keys,
        "sn_sigma_eval_and_true": sig,
        "sn_min_abs_sigma_eval": min(abs(v[0]) for v in sig.values()) if sig else None,
        "bn_buffers": bn_buffers(net),
    }


def capture(module, store, name, item0=True):
    def hook(mod, inp, out):
        store.setdefault(name, []).append((out[0] if item0 else out).detach().clone())
    return module.register_forward_hook(hook)


def eff_rank(m, rel=1e-3):
    s = torch.linalg.svdvals(m.double())
    return int((s > rel * s[0]).sum())


def corr_stats(f_div_c):
    mx = f_div_c.max(-1).values
    return {"mean_max_prob": float(mx.mean()), "min_max_prob": float(mx.min()),
            "distinct_argmax": int(f_div_c.argmax(-1).unique().numel())}


# ----------------------------------------------------------------------------------------------------------
# a) netCorr, ade20k flags
# ----------------------------------------------------------------------------------------------------------
def ade20k_inputs(opt):
    gen = torch.Generator().manual_seed(20200614)
    n, hw = opt.batchSize, opt.crop_size
    label = blocky_map(n, hw, hw, opt.semantic_nc, 10, gen)  # 0..label_nc, label_nc = don't-care
    ref_label = blocky_map(n, hw, hw, opt.semantic_nc, 10, gen)
    ref_img = blocky_image(n, hw, hw, gen)
    real_img = blocky_image(n, hw, hw, gen)
    helper = pix2pix_helper(opt)
    _, seg_map, _, _, _, _, ref_seg_map = helper.preprocess_input(
        {"label": label.clone(), "label_ref": ref_label.clone(), "image": real_img, "ref": ref_img,
         "self_ref": torch.zeros(n)})
    return dict(label=label, ref_label=ref_label, ref_img=ref_img, real_img=real_img,
                seg_map=seg_map, ref_seg_map=ref_seg_map)


def run_corr(net, inp, intermediates):
    store = {}
    hooks = []
    if intermediates:
        hooks = [capture(net.adaptive_model_seg, store, "adaptive_feature_seg"),
                 capture(net.adaptive_model_img, store, "adaptive_feature_img"),
                 capture(net.layer, store, "layer"),  # called twice: cont_features, then ref_features
                 net.layer.register_forward_pre_hook(
                     lambda mod, inp: store.setdefault("layer_in", []).append(inp[0][0].detach().clone()))]
    with torch.no_grad():
        out = net(inp["ref_img"], inp["real_img"], inp["seg_map"], inp["ref_seg_map"])
    for h in hooks:
        h.remove()
    with torch.no_grad():
        f_wta = net(inp["ref_img"], inp["real_img"], inp["seg_map"], inp["ref_seg_map"], return_corr=True)
    return out, store, f_wta


def corr_call(net, inp):
    def call(dtype):
        args = [inp["ref_img"], inp["real_img"], inp["seg_map"], inp["ref_seg_map"]]
        return net(*[x.to(dtype) for x in args])
    return call


def corr_record(net, inp, dtype=torch.float32, ade=True):
    """The stored outputs and intermediates of one eval forward (+ the return_corr forward), in `dtype`."""
    import util.util as util
    x = {k: (v.to(dtype) if v.is_floating_point() else v) for k, v in inp.items()}
    out, st, f_wta = run_corr(net, x, True)
    rec = dict(out)
    rec["adaptive_feature_seg0"] = util.feature_normalize(st["adaptive_feature_seg"][0][None])[0]
    rec["adaptive_feature_img0"] = util.feature_normalize(st["adaptive_feature_img"][0][None])[0]
    if ade:
        rec["cont_features0"] = st["layer"][0]
        rec["ref_features0"] = st["layer"][1]
    rec["f_wta0"] = f_wta[0]
    return rec, st


def make_corr_ade20k():
    from models import networks
    import util.util as util
    opt = make_opt(ADE20K)
    assert opt.semantic_nc == 5 and opt.ngf == 64 and not opt.isTrain and opt.match_kernel == 3
    torch.manual_seed(1)
    net, keys, printed = build(networks.define_Corr, opt)
    inp = ade20k_inputs(opt)
    rec, st = corr_record(net, inp)
    out = {k: rec[k] for k in ("warp_out", "warp_mask")}
    assert sorted(k for k in rec if not k.endswith("0")) == ["warp_mask", "warp_out"], sorted(rec)
    # the official inference passes real_img=None (Pix2PixModel.inference): it is not used in eval mode
    with torch.no_grad():
        out_none = net(inp["ref_img"], None, inp["seg_map"], inp["ref_seg_map"])
    f_div_c0 = F.softmax(rec["f_wta0"], dim=-1)  # as forward: F.softmax(f_WTA.squeeze(), dim=-1)
    d = dict(inp)
    d.update(rec)
    meta = common_meta(opt, keys, printed, net)
    meta["notes"] = {
        "f64_rel_diff": f64_rel_diff(net, lambda dt: corr_record(net, inp, dt)[0], rec),
        "real_img_None_gives_same_outputs": all(torch.equal(out[k], out_none[k]) for k in out),
        "stored_normalised_features_equal_layer_input": bool(
            torch.equal(d["adaptive_feature_seg0"], st["layer_in"][0][:256])
            and torch.equal(d["adaptive_feature_img0"], st["layer_in"][1][:256])),
        "layer_input_mask_channels_equal_nearest_16x16": bool(
            torch.equal(st["layer_in"][0][256:], F.interpolate(inp["seg_map"], size=(16, 16), mode="nearest")[0])
            and torch.equal(st["layer_in"][1][256:], F.interpolate(inp["ref_seg_map"], size=(16, 16), mode="nearest")[0])),
        "warp_out_equals_nearest_x4_of_f_div_C_times_avgpool4_ref": bool(torch.allclose(
            out["warp_out"][0], F.interpolate((f_div_c0 @ F.avg_pool2d(inp["ref_img"][:1], 4).view(3, -1).t())
                                              .t().reshape(1, 3, 16, 16), scale_factor=4)[0], atol=1e-6)),
        "corr_stats_item0": corr_stats(f_div_c0),
        "eff_rank_adaptive_feature_seg0_rel1e-3": eff_rank(d["adaptive_feature_seg0"].flatten(1)),
        "eff_rank_cont_features0_rel1e-3": eff_rank(d["cont_features0"].flatten(1)),
        "f_wta0_min_max": [float(rec["f_wta0"].min()), float(rec["f_wta0"].max())],
        "warp_out_std": float(out["warp_out"].std()),
        "warp_mask_channel_sum_min_max": [float(out["warp_mask"].sum(1).min()),
                                          float(out["warp_mask"].sum(1).max())],
        "seg_map_argmax_equals_label": bool(torch.equal(inp["seg_map"].argmax(1, keepdim=True), inp["label"])),
    }
    save(d, "corr_ade20k.pt")
    save_json(meta, "corr_ade20k.json")
    print("corr_ade20k: %d state entries, %d values; min |sigma| %.3g; %s" % (
        meta["num_state_entries"], meta["num_state_values"], meta["sn_min_abs_sigma_eval"], meta["notes"]))
    return opt, d


# ----------------------------------------------------------------------------------------------------------
# b) netG, ade20k flags, ngf 16, on the warp_out of a)
# ----------------------------------------------------------------------------------------------------------
G_BLOCKS = ["fc", "head_0", "G_middle_0", "G_middle_1", "up_0", "up_1", "attn", "up_2", "up_3", "conv_img"]


def g_opt(opt_corr):
    opt = copy_opt(opt_corr, ngf=16)
    for k in ("spade_ic", "down"):  # NoVGGCorrespondence deletes spade_ic and adds down; G uses neither
        if hasattr(opt, k):
            delattr(opt, k)
    return opt


def make_g_ade20k(opt_corr, corr):
    from models import networks
    opt = g_opt(opt_corr)
    torch.manual_seed(2)
    net, keys, printed = build(networks.define_G, opt)
    seg_map = corr["seg_map"]
    # Pix2PixModel.inference with CBN_intype 'warp_mask'
    cbn_in = torch.cat((corr["warp_out"], seg_map), dim=1)
    def record(dtype):
        st = {}
        hooks = [capture(getattr(net, b), st, b) for b in G_BLOCKS]
        with torch.no_grad():
            y = net(seg_map.to(dtype), warp_out=cbn_in.to(dtype))
        for h in hooks:
            h.remove()
        rec = {"fake_image": y}
        rec.update({"out0." + b: st[b][0] for b in G_BLOCKS})
        return rec

    rec = record(torch.float32)
    fake = rec["fake_image"]
    # forward(input, warp_out): input is not used when warp_out is given
    with torch.no_grad():
        fake_zero_input = net(torch.zeros_like(seg_map), warp_out=cbn_in)
    d = dict(cbn_in=cbn_in)
    d.update(rec)
    gamma = float(net.attn.gamma)
    attn_in0 = F.interpolate(rec["out0.up_1"][None], scale_factor=2)[0]
    meta = common_meta(opt, keys, printed, net)
    meta["notes"] = {
        "f64_rel_diff": f64_rel_diff(net, record, rec),
        "input_argument_unused": bool(torch.equal(fake, fake_zero_input)),
        "sw_sh": [net.sw, net.sh],
        "attn_gamma": gamma,
        "attn_gamma_key_index": [e[0] for e in keys].index("attn.gamma"),
        "attn_effect_max_abs_item0": float((rec["out0.attn"] - attn_in0).abs().max()),
        "attn_input_max_abs_item0": float(attn_in0.abs().max()),
        "fake_std": float(fake.std()),
        "fake_frac_abs_gt_0.99": float((fake.abs() > 0.99).float().mean()),
        "conv_img0_min_max": [float(rec["out0.conv_img"].min()), float(rec["out0.conv_img"].max())],
    }
    assert abs(gamma) > 1e-3, gamma
    save(d, "g_ade20k.pt")
    save_json(meta, "g_ade20k.json")
    print("g_ade20k: %d state entries, %d values; min |sigma| %.3g; %s" % (
        meta["num_state_entries"], meta["num_state_values"], meta["sn_min_abs_sigma_eval"], meta["notes"]))


# ----------------------------------------------------------------------------------------------------------
# c) netCorr, celebahqedge flags (+ warp_cycle_w 1), batch 1
# ----------------------------------------------------------------------------------------------------------
def edge_inputs(opt):
    """celebahqedge's label is float, not one-hot: [edges_all, distance maps..., edges] (preprocess_input
    only clones it); here channel 0 and the last are sparse 0/1 'edge' maps, the middle ones smooth in [0,1]."""
    gen = torch.Generator().manual_seed(20200615)
    n, hw, c = opt.batchSize, opt.crop_size, opt.semantic_nc

    def label():
        m = torch.zeros(n, c, hw, hw)
        m[:, 0] = (torch.rand(n, hw, hw, generator=gen) < 0.15).float()
        m[:, -1] = (torch.rand(n, hw, hw, generator=gen) < 0.1).float()
        for ch in range(1, c - 1):
            lo = torch.rand(n, 1, 8, 8, generator=gen)
            m[:, ch:ch + 1] = F.interpolate(lo, size=(hw, hw), mode="bilinear", align_corners=False)
        return m

    seg_map = label()
    ref_seg_map = label()
    ref_img = blocky_image(n, hw, hw, gen)
    real_img = blocky_image(n, hw, hw, gen)
    return dict(ref_img=ref_img, real_img=real_img, seg_map=seg_map, ref_seg_map=ref_seg_map)


def make_corr_celebahqedge():
    from models import networks
    import util.util as util
    opt = make_opt(CELEBAHQEDGE)
    assert opt.semantic_nc == 3 and opt.warp_mask_losstype == "none" and opt.warp_bilinear
    torch.manual_seed(3)
    net, keys, printed = build(networks.define_Corr, opt)
    inp = edge_inputs(opt)
    rec, st = corr_record(net, inp, ade=False)
    out = {k: rec[k] for k in ("warp_out", "warp_cycle")}
    assert sorted(k for k in rec if not k.endswith("0")) == ["warp_cycle", "warp_out"], sorted(rec)
    with torch.no_grad():
        out_none = net(inp["ref_img"], None, inp["seg_map"], inp["ref_seg_map"])
    f_wta = rec["f_wta0"][None]
    f_div_c0 = F.softmax(f_wta[0], dim=-1)
    d = dict(inp)
    d.update(rec)
    y16 = (f_div_c0 @ F.avg_pool2d(inp["ref_img"], 4).view(3, -1).t())  # [256, 3]
    cyc = (F.softmax(f_wta[0].t(), dim=-1) @ y16).t().reshape(1, 3, 16, 16)
    meta = common_meta(opt, keys, printed, net)
    meta["notes"] = {
        "f64_rel_diff": f64_rel_diff(net, lambda dt: corr_record(net, inp, dt, ade=False)[0], rec),
        "real_img_None_gives_same_outputs": all(torch.equal(out[k], out_none[k]) for k in out),
        "warp_out_equals_bilinear_x4_of_warped_16x16": bool(torch.allclose(
            out["warp_out"], F.interpolate(y16.t().reshape(1, 3, 16, 16), scale_factor=4, mode="bilinear",
                                           align_corners=False), atol=1e-6)),
        "warp_cycle_equals_softmax_fT_times_warped_16x16": bool(torch.allclose(out["warp_cycle"], cyc, atol=1e-6)),
        "corr_stats_item0": corr_stats(f_div_c0),
        "corr_stats_transposed_item0": corr_stats(F.softmax(f_wta[0].t(), dim=-1)),
        "f_wta0_min_max": [float(f_wta[0].min()), float(f_wta[0].max())],
        "warp_out_std": float(out["warp_out"].std()),
        "warp_cycle_std": float(out["warp_cycle"].std()),
    }
    save(d, "corr_celebahqedge.pt")
    save_json(meta, "corr_celebahqedge.json")
    print("corr_celebahqedge: %d state entries, %d values; min |sigma| %.3g; %s" % (
        meta["num_state_entries"], meta["num_state_values"], meta["sn_min_abs_sigma_eval"], meta["notes"]))


# ----------------------------------------------------------------------------------------------------------
# d) official-layout checkpoint files, for `gan4j import cocosnet`
# ----------------------------------------------------------------------------------------------------------
VIEWS = os.path.join("official-views", "latest_net_G.pth")
VIEWS_LEGACY = os.path.join("official-views", "legacy", "latest_net_G.pth")


def formula_networks():
    """netCorr and netG of the ade20k fixtures (a, b): official define_Corr / define_G, formula weights, eval."""
    from models import networks
    opt = make_opt(ADE20K)
    torch.manual_seed(1)
    corr, _, _ = build(networks.define_Corr, opt)  # adds opt.down, as in make_corr_ade20k
    torch.manual_seed(2)
    g, _, _ = build(networks.define_G, g_opt(opt))
    return opt, corr, g


def make_official_views():
    """A tiny file written as the official util.save_network writes (torch.save of a state dict) and named
    latest_net_G.pth, so that its zip root folder is latest_net_G/: netG's conv_img.weight and conv_img.bias of
    g_ade20k (formula values) as views of ONE storage, the bias at offset 0 and the weight at offset 3. (A state
    dict of an official network holds each tensor in a storage of its own; views of a shared storage at an
    offset are what a reader must still handle, e.g. tensors saved after slicing one flat buffer.) The same dict
    is also written in the legacy (pre-1.6, non-zip) format as official-views/legacy/latest_net_G.pth."""
    from models import networks
    torch.manual_seed(2)
    g, _, _ = build(networks.define_G, g_opt(make_opt(ADE20K)))
    sd = g.state_dict()
    w, b = sd["conv_img.weight"], sd["conv_img.bias"]
    flat = torch.cat((b, w.flatten()))
    views = collections.OrderedDict([("conv_img.weight", flat[3:].view(w.shape)), ("conv_img.bias", flat[:3])])
    assert views["conv_img.weight"].storage_offset() == 3 and torch.equal(views["conv_img.weight"], w)
    path = os.path.join(HERE, VIEWS)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    torch.save(views, path)  # as util.save_network: torch.save(state_dict, path), default (zip) format
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
    assert all(n.startswith("latest_net_G/") for n in names), names
    back = torch.load(path)
    assert back["conv_img.weight"].storage_offset() == 3 and torch.equal(back["conv_img.weight"], w)
    print("%s: %d bytes, zip records %s" % (VIEWS, os.path.getsize(path), names))
    # the same in the format torch.save wrote before PyTorch 1.6 (the released checkpoints are from 2020)
    legacy = os.path.join(HERE, VIEWS_LEGACY)
    os.makedirs(os.path.dirname(legacy), exist_ok=True)
    torch.save(views, legacy, _use_new_zipfile_serialization=False)
    back = torch.load(legacy)
    assert not zipfile.is_zipfile(legacy)
    assert back["conv_img.weight"].storage_offset() == 3 and torch.equal(back["conv_img.weight"], w)
    print("%s: %d bytes (legacy format)" % (VIEWS_LEGACY, os.path.getsize(legacy)))


def make_official_checkpoints(out_dir):
    """The official files of the ade20k fixtures' networks (netCorr ngf 64, netG ngf 16, formula weights), saved
    by the official util.save_network into OUT_DIR/ade20k_formula/ as latest_net_Corr.pth and latest_net_G.pth:
    204 MB and 43 MB, not committed (the Java test writes the same layout from the fixtures' key lists)."""
    import util.util as util
    opt, corr, g = formula_networks()
    for net, label, o in ((corr, "Corr", opt), (g, "G", g_opt(opt))):
        o = copy_opt(o, checkpoints_dir=out_dir, name="ade20k_formula")
        os.makedirs(os.path.join(out_dir, o.name), exist_ok=True)
        util.save_network(net, label, "latest", o)
        path = os.path.join(out_dir, o.name, "latest_net_%s.pth" % label)
        print("%s: %d bytes, %d entries" % (path, os.path.getsize(path), len(torch.load(path))))


# ----------------------------------------------------------------------------------------------------------
# verification
# ----------------------------------------------------------------------------------------------------------
FILES = ["corr_ade20k.pt", "g_ade20k.pt", "corr_celebahqedge.pt"]


def verify():
    total = 0
    for name in FILES:
        path = os.path.join(HERE, name)
        size = os.path.getsize(path)
        total += size
        d = torch.load(path)
        print("== %s  (%d bytes)" % (name, size))
        for k, v in d.items():
            print("  %-22s %-8s %s" % (k, str(v.dtype).replace("torch.", ""), list(v.shape)))
    print("total %d bytes" % total)


def replay():
    """Rebuild each network with another seed (other random init), refill by the formula, rerun: the stored
    outputs must come out bit-identical."""
    from models import networks
    torch.manual_seed(12345)
    a = torch.load(os.path.join(HERE, "corr_ade20k.pt"))
    opt = make_opt(ADE20K)
    net, _, _ = build(networks.define_Corr, opt)
    with torch.no_grad():
        o = net(a["ref_img"], a["real_img"], a["seg_map"], a["ref_seg_map"])
    ok_a = torch.equal(o["warp_out"], a["warp_out"]) and torch.equal(o["warp_mask"], a["warp_mask"])
    g = torch.load(os.path.join(HERE, "g_ade20k.pt"))
    netg, _, _ = build(networks.define_G, g_opt(opt))
    with torch.no_grad():
        y = netg(g["cbn_in"][:, 3:], warp_out=g["cbn_in"])
    ok_b = torch.equal(y, g["fake_image"])
    c = torch.load(os.path.join(HERE, "corr_celebahqedge.pt"))
    optc = make_opt(CELEBAHQEDGE)
    netc, _, _ = build(networks.define_Corr, optc)
    with torch.no_grad():
        o = netc(c["ref_img"], c["real_img"], c["seg_map"], c["ref_seg_map"])
    ok_c = torch.equal(o["warp_out"], c["warp_out"]) and torch.equal(o["warp_cycle"], c["warp_cycle"])
    print("replay corr_ade20k %s, g_ade20k %s, corr_celebahqedge %s" % tuple(
        "exact" if x else "MISMATCH" for x in (ok_a, ok_b, ok_c)))
    assert ok_a and ok_b and ok_c


def diagnose():
    """The formula as first specified (no quadratic term, u = normalize(x)) against ours: eval-mode sigma,
    float32-vs-float64 rounding floor of the outputs, effective rank of the normalised adaptor features,
    tanh saturation of the generator. Prints only."""
    from models import networks
    import util.util as util
    for plain in (True, False):
        tag = "plain sin formula" if plain else "ours             "
        opt = make_opt(ADE20K)
        torch.manual_seed(1)
        net, _, _ = build(networks.define_Corr, opt, plain)
        inp = ade20k_inputs(opt)
        out, st, _ = run_corr(net, inp, True)
        rank = eff_rank(util.feature_normalize(st["adaptive_feature_seg"][0][None])[0].flatten(1))
        sig = min(abs(v[0]) for v in sn_sigmas(net).values())
        rd = f64_rel_diff(net, corr_call(net, inp), out)
        print("%s corr_ade20k:  min|sigma| %.3g (f32 error %.2g), eff. rank adaptor features %d/256, "
              "f32-vs-f64 %s" % (tag, sig, sn_sigma_f32_error(net), rank, {k: "%.2g" % v[0] for k, v in rd.items()}))
        optg = g_opt(opt)
        netg, _, _ = build(networks.define_G, optg, plain)
        cbn_in = torch.cat((out["warp_out"], inp["seg_map"]), 1)
        with torch.no_grad():
            y = netg(inp["seg_map"], warp_out=cbn_in)
        rd = f64_rel_diff(netg, lambda dt: {"y": netg(inp["seg_map"].to(dt), warp_out=cbn_in.to(dt))}, {"y": y})
        print("%s g_ade20k:     min|sigma| %.3g (f32 error %.2g), |y| > 0.99: %.0f%%, f32-vs-f64 %.2g" % (
            tag, min(abs(v[0]) for v in sn_sigmas(netg).values()), sn_sigma_f32_error(netg),
            100 * float((y.abs() > 0.99).float().mean()), rd["y"][0]))
        del net, netg
        optc = make_opt(CELEBAHQEDGE)
        torch.manual_seed(3)
        netc, _, _ = build(networks.define_Corr, optc, plain)
        inpc = edge_inputs(optc)
        with torch.no_grad():
            outc = corr_call(netc, inpc)(torch.float32)
        rd = f64_rel_diff(netc, corr_call(netc, inpc), outc)
        print("%s corr_celebahqedge: min|sigma| %.3g (f32 error %.2g), f32-vs-f64 %s" % (
            tag, min(abs(v[0]) for v in sn_sigmas(netc).values()), sn_sigma_f32_error(netc),
            {k: "%.2g" % v[0] for k, v in rd.items()}))


COMMIT = "unknown"


def main():
    global COMMIT
    ap = argparse.ArgumentParser()
    ap.add_argument("--cocosnet", default="/work/ref/CoCosNet")
    ap.add_argument("--sync-bn", default="/work/ref/Synchronized-BatchNorm-PyTorch")
    ap.add_argument("--mirror", default="/work/.mirror/microsoft+CoCosNet/repo", help="for the commit id only")
    ap.add_argument("--diagnose", action="store_true",
                    help="only compare the formula as first specified with ours (prints, writes nothing)")
    ap.add_argument("--views", action="store_true",
                    help="only write official-views/ (the tiny official-written files)")
    ap.add_argument("--official-checkpoints", metavar="DIR", type=os.path.abspath,
                    help="only write the ade20k fixtures' networks as official latest_net_Corr.pth and "
                         "latest_net_G.pth into DIR/ade20k_formula/ (247 MB; not for committing)")
    args = ap.parse_args()
    torch.set_num_threads(1)
    COMMIT = git_head(args.mirror)
    setup_imports(os.path.abspath(args.cocosnet), os.path.abspath(args.sync_bn))
    if args.diagnose:
        diagnose()
        return
    if args.official_checkpoints:
        make_official_checkpoints(args.official_checkpoints)
        return
    if args.views:
        make_official_views()
        return
    opt, corr = make_corr_ade20k()
    make_g_ade20k(opt, corr)
    make_corr_celebahqedge()
    make_official_views()
    verify()
    replay()


if __name__ == "__main__":
    main()
