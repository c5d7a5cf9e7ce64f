r"""Parity fixtures for gan4j's OroJaR package from the official csyxwei/OroJaR code on formula weights.

This script is ours (a gan4j test helper); it contains no code of the official repositories. It imports the
official modules from local exports (outside any git work tree) and runs them on CPU with Debian's torch, on
one thread:

    R=/work/.mirror/csyxwei+OroJaR/repo                 # a clone of github.com/csyxwei/OroJaR
    mkdir -p /work/ref/orojar
    git --git-dir=$R archive HEAD simplegan_experiments orojar_pytorch.py | tar -x -C /work/ref/orojar
    H=/work/.mirror/wpeebles+hessian_penalty/repo       # a clone of github.com/wpeebles/hessian_penalty
    mkdir -p /work/ref/hessian_penalty
    git --git-dir=$H show HEAD:hessian_penalty_pytorch.py > /work/ref/hessian_penalty/hessian_penalty_pytorch.py

Then, from this folder:

    /usr/bin/python3 make_fixtures.py      # writes the files, then reloads and replays them (~1 min)
    /usr/bin/python3 make_fixtures.py --verify   # only reload, print keys/shapes, replay

No stubs are needed: Debian's python3 has numpy, tqdm, torchvision and imageio, which the imported official
modules (models/__init__.py -> base_model.py -> networks.py, util/util.py; orojar*.py import tqdm) import at
module level. gen_pairs.py is NOT imported (it imports cv2 and does its work under __main__): the SeFa block
`if opt.sefa: ...` is taken from its source with `ast` and executed unchanged (see `sefa_block`).

The weights are NOT stored: every state-dict entry is set by `fill_formula` (formula in README.md and
weights.json), so the Java side rebuilds them from weights.json alone.
"""
import argparse
import ast
import collections
import contextlib
import hashlib
import json
import math
import os
import subprocess
import sys
import types

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
OD = collections.OrderedDict
OFF = {}  # the official modules, filled by setup_imports


# ----------------------------------------------------------------------------------------------------------
# imports of the official code
# ----------------------------------------------------------------------------------------------------------
def setup_imports(orojar_root, hp_root):
    se = os.path.join(orojar_root, "simplegan_experiments")
    for p in (hp_root, orojar_root, se):
        sys.path.insert(0, p)
    import models.base_networks as bn      # Generator, Discriminator, Classifier, GANLoss
    import models.gan_model as gm          # GANModel.gradient_penalty / backward_D / backward_G
    import models.orojar as oj             # simplegan copy of orojar (the one gan_model.py uses)
    import models.hessian_penalty as hpm   # simplegan copy of hessian_penalty
    import orojar_pytorch as oj_top        # top-level /orojar_pytorch.py
    import hessian_penalty_pytorch as hp_top  # wpeebles/hessian_penalty
    assert gm.orojar is oj.orojar and gm.hp is hpm.hessian_penalty
    OFF.update(bn=bn, gm=gm, oj=oj, hpm=hpm, oj_top=oj_top, hp_top=hp_top,
               gen_pairs=os.path.join(se, "gen_pairs.py"))


def git_log(git_dir):
    try:
        return subprocess.check_output(["git", "--git-dir", git_dir, "log", "-1", "--format=%H %cd %s"],
                                       text=True).strip()
    except Exception:  # noqa: BLE001
        return "unknown"


# ----------------------------------------------------------------------------------------------------------
# weights by formula
# ----------------------------------------------------------------------------------------------------------
P = 10007
WEIGHT_FORMULA = (
    "k = index of the entry in state_dict() order (every entry counts); i = 0..n-1 over the entry flattened "
    "row-major; x[i] = sin(0.7*i + 1.3*k + 0.1 + (i*i mod 10007)*(2*pi/10007)) in double (phase summed left "
    "to right); value[i] = float32(scale*x[i] + offset): product and sum in double, one rounding to float32 "
    "(offset is 0.0 except for instance-norm weights)")
SCALE_RULES = [
    {"match": "suffix '.instancenorm.weight' (InstanceNorm2d affine gamma)", "scale": 0.1, "offset": 1.0},
    {"match": "suffix '.instancenorm.bias' (InstanceNorm2d affine beta)", "scale": 0.1, "offset": 0.0},
    {"match": "other 1-dim entry (conv / linear bias)", "scale": 0.1, "offset": 0.0},
    {"match": "Conv2d weight [out, in, kh, kw]", "scale": "sqrt(2 / (in*kh*kw))", "offset": 0.0},
    {"match": "ConvTranspose2d weight [in, out, kh, kw], stride s > 1",
     "scale": "sqrt(2 / (in*kh*kw/s^2)) (= sqrt(2/(4*in)) for k=4, s=2: taps per output pixel)", "offset": 0.0},
    {"match": "ConvTranspose2d weight of Generator layers.0 (1x1 input, k=4, s=1, p=0: one tap per output "
              "pixel)", "scale": "sqrt(2 / in) = sqrt(2/6)", "offset": 0.0},
    {"match": "Linear weight [out, in]", "scale": "sqrt(2 / in)", "offset": 0.0},
]
# sqrt(2/fan_in): the sine has mean square 1/2, so the weights have mean square 1/fan_in (activations O(1)).


def formula(n, k):
    i = np.arange(n, dtype=np.int64)
    q = (i * i) % P
    return np.sin(0.7 * i.astype(np.float64) + 1.3 * k + 0.1 + q.astype(np.float64) * (2 * math.pi / P))


def scale_offset(net, name, t):
    if name.endswith(".instancenorm.weight"):
        return 0.1, 1.0
    if t.dim() == 1:
        return 0.1, 0.0
    mod = net.get_submodule(name[:-len(".weight")])
    if isinstance(mod, nn.ConvTranspose2d):
        cin, _, kh, kw = t.shape
        s = mod.stride[0]
        fan = cin if (s == 1 and mod.padding[0] == 0 and name == "layers.0.layers.conv.weight") else \
            cin * kh * kw // (s * s)
    elif isinstance(mod, nn.Conv2d):
        fan = t.shape[1] * t.shape[2] * t.shape[3]
    elif isinstance(mod, nn.Linear):
        fan = t.shape[1]
    else:
        raise ValueError(name)
    return math.sqrt(2.0 / fan), 0.0


def fill_formula(net):
    """Overwrite every state-dict entry; returns [[key, shape, scale, k, offset], ...] in order."""
    keys = []
    with torch.no_grad():
        for k, (name, t) in enumerate(net.state_dict().items()):
            assert t.dtype == torch.float32, (name, t.dtype)
            s, off = scale_offset(net, name, t)
            v = s * formula(t.numel(), k) + off
            t.copy_(torch.from_numpy(v.astype(np.float32)).view(t.shape))
            keys.append([name, list(t.shape), s, k, off])
    return keys


NET_CONFIGS = OD([
    ("G", ("Generator(nz=6, nc_out=1)", lambda bn: bn.Generator(nz=6, nc_out=1))),
    ("D", ("Discriminator(nc_in=1)", lambda bn: bn.Discriminator(nc_in=1))),
    ("C", ("Classifier(nc_in=1, out_dim=6)", lambda bn: bn.Classifier(nc_in=1, out_dim=6))),
])


def build(name):
    net = NET_CONFIGS[name][1](OFF["bn"])
    keys = fill_formula(net)
    net.eval()
    return net, keys


# ----------------------------------------------------------------------------------------------------------
# inputs (closed form, no RNG)
# ----------------------------------------------------------------------------------------------------------
# per image: centre (cx, cy), radius r, norm exponent p (2 = disc, 4 = rounded square), wobble amplitude a
SHAPES = [(0.40, 0.45, 0.20, 2.0, 0.00), (0.58, 0.55, 0.16, 4.0, 0.00),
          (0.50, 0.38, 0.24, 2.0, 0.03), (0.35, 0.62, 0.12, 4.0, 0.02)]


def make_inputs():
    n = np.arange(4, dtype=np.float64)[:, None]
    j = np.arange(6, dtype=np.float64)[None, :]
    z = 1.8 * np.sin(0.9 * n + 2.1 * j + 0.4)                       # [4, 6], |z| <= 1.8
    u = (np.arange(64, dtype=np.float64) + 0.5) / 64.0              # column coordinate (x, last axis)
    U, V = np.meshgrid(u, u)                                        # V = row coordinate (y)
    imgs = []
    for (cx, cy, r, p, a) in SHAPES:
        d = (np.abs(U - cx) ** p + np.abs(V - cy) ** p) ** (1.0 / p)
        wob = a * np.sin(9.0 * U + 1.0) * np.cos(7.0 * V)
        imgs.append(np.tanh(30.0 * (r - d + wob)))                   # ~+1 inside, ~-1 outside
    images = np.stack(imgs)[:, None]                                # [4, 1, 64, 64]
    return OD([("z", torch.from_numpy(z.astype(np.float32))),
               ("images", torch.from_numpy(images.astype(np.float32)))])


def rademacher_pattern(k, phase):
    a = np.arange(k, dtype=np.float64)[:, None, None]
    n = np.arange(4, dtype=np.float64)[None, :, None]
    j = np.arange(6, dtype=np.float64)[None, None, :]
    s = np.sin(1.7 * a + 2.3 * n + 0.9 * j * (1.0 + 0.37 * a) + phase)
    return torch.from_numpy(np.where(s >= 0.0, 1.0, -1.0).astype(np.float32))


XS_PHASE, XS3_PHASE = 0.5, 1.1
ALPHA = [0.15, 0.4, 0.65, 0.9]   # WGAN-GP interpolation weights, [4,1,1,1]
VP_DIM = [0, 3, 5, 1]            # VP delta dimension per sample
VP_EPS = [0.8, -1.2, 0.5, 1.5]   # VP delta size per sample


# ----------------------------------------------------------------------------------------------------------
# patches of the official RNG calls
# ----------------------------------------------------------------------------------------------------------
@contextlib.contextmanager
def fixed_rademacher(xs):
    """The official orojar/hessian_penalty do `xs = epsilon * rademacher(torch.Size((k, *z.size())))`: every
    module copy's `rademacher` returns the stored ±1 tensor instead (a fresh clone per call)."""
    mods = [OFF["oj"], OFF["hpm"], OFF["oj_top"], OFF["hp_top"]]
    saved = [m.rademacher for m in mods]

    def fake(shape, device="cpu"):
        assert tuple(shape) == tuple(xs.shape), (shape, xs.shape)
        return xs.clone()
    for m in mods:
        m.rademacher = fake
    try:
        yield
    finally:
        for m, f in zip(mods, saved):
            m.rademacher = f


@contextlib.contextmanager
def fixed_torch_rand(alpha):
    """gan_model.gradient_penalty draws `alpha = torch.rand(a.size(0), 1, 1, 1)`: torch.rand returns alpha."""
    saved = torch.rand

    def fake(*size, **kw):
        assert tuple(size) == tuple(alpha.shape), size
        return alpha.clone()
    torch.rand = fake
    try:
        yield
    finally:
        torch.rand = saved


def sefa_block():
    """The body of gen_pairs.py's `if opt.sefa:` block, compiled unchanged from the official source."""
    with open(OFF["gen_pairs"]) as f:
        tree = ast.parse(f.read())
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) == "opt.sefa":
            mod = ast.Module(body=node.body, type_ignores=[])
            return compile(mod, OFF["gen_pairs"], "exec"), ast.unparse(mod)
    raise RuntimeError("sefa block not found")


# ----------------------------------------------------------------------------------------------------------
# cases
# ----------------------------------------------------------------------------------------------------------
REG = dict(reg_layer="conv", select_layers=[0, 1, 2, 3])
STAT_NAMES = ["sum", "abs_sum", "sq_sum", "max_abs", "wsum"]
MAX_FULL = 65536  # tensors above this many floats are stored as a leading slice + whole-tensor stats


def stats(t):
    """Whole-tensor statistics in double, rounded to float32: sum, sum|x|, sum x^2, max|x|, and
    wsum = sum x[i]*cos(0.37*i) over the row-major flattening (order-sensitive)."""
    x = t.detach().double().reshape(-1)
    i = torch.arange(x.numel(), dtype=torch.float64)
    v = [x.sum(), x.abs().sum(), (x * x).sum(), x.abs().max(), (x * torch.cos(0.37 * i)).sum()]
    return torch.stack(v).float()


def scal(v):
    return v.detach().reshape(()).clone().float()


def case_generator(nets, inp):
    G = nets["G"]
    z = inp["z"]
    out = OD()
    with torch.no_grad():
        out["out"] = G(z)
        acts = G(z[:2], **REG)
        assert isinstance(acts, list) and len(acts) == 4
        for i, a in enumerate(acts):
            if a.numel() <= MAX_FULL:
                out["conv%d" % i] = a
            else:  # conv3 [2,64,32,32] = 131072 floats: first 8 channels + stats of the whole
                out["conv%d_slice" % i] = a[:, :8]
                out["conv%d_stats" % i] = stats(a)
        # instance norm is per sample: the first two rows of a 4-sample run are the same tensors
        acts4 = G(z, **REG)
        assert all(torch.equal(a, b[:2]) for a, b in zip(acts, acts4))
    return out


def penalties(G, z, xs, fn, **kw):
    with fixed_rademacher(xs):
        return fn(G=G, z=z, k=xs.shape[0], epsilon=0.1, **kw)


def case_penalties(nets, inp, checks):
    G = nets["G"]
    z = inp["z"]
    xs = rademacher_pattern(2, XS_PHASE)
    xs3 = rademacher_pattern(3, XS3_PHASE)
    oj, hp = OFF["oj"].orojar, OFF["hpm"].hessian_penalty
    out = OD([("xs", xs), ("xs3", xs3)])
    with torch.no_grad():
        for name, fn in (("orojar", oj), ("hessian", hp)):
            for red_name, red in (("max", torch.max), ("mean", torch.mean)):
                sep = penalties(G, z, xs, fn, reduction=red, return_separately=True, **REG)
                tot = penalties(G, z, xs, fn, reduction=red, return_separately=False, **REG)
                out["%s_%s_sep" % (name, red_name)] = torch.stack([scal(p) for p in sep])
                out["%s_%s" % (name, red_name)] = scal(tot)
            # the final image (G_kwargs empty: G returns the tanh image)
            out["%s_max_img" % name] = scal(penalties(G, z, xs, fn, reduction=torch.max))
        out["orojar_max_k3_sep"] = torch.stack(
            [scal(p) for p in penalties(G, z, xs3, oj, reduction=torch.max, return_separately=True, **REG)])
        out["orojar_max_k3"] = scal(penalties(G, z, xs3, oj, reduction=torch.max, **REG))
        # what `reduction` receives (identity reduction): orojar: the [N,1] variance over k of the per-sample
        # squared norms; stored as [layer, sample]
        var = penalties(G, z, xs, oj, reduction=lambda v: v, return_separately=True, **REG)
        assert all(tuple(v.shape) == (4, 1, 1) for v in var)  # (N,1,1): bmm keeps both singleton dims
        out["orojar_var"] = torch.stack([v.reshape(4) for v in var])
        hvar = penalties(G, z, xs, hp, reduction=lambda v: v, return_separately=True, **REG)
        checks["hessian reduction input shapes"] = [list(v.shape) for v in hvar]
        # the two copies of each official function agree bit for bit
        for (a, b, label) in ((oj, OFF["oj_top"].orojar, "orojar: simplegan copy vs /orojar_pytorch.py"),
                              (hp, OFF["hp_top"].hessian_penalty,
                               "hessian: simplegan copy vs wpeebles hessian_penalty_pytorch.py")):
            same = True
            for red in (torch.max, torch.mean):
                for x in (xs, xs3):
                    r1 = penalties(G, z, x, a, reduction=red, return_separately=True, **REG)
                    r2 = penalties(G, z, x, b, reduction=red, return_separately=True, **REG)
                    same = same and all(torch.equal(p, q) for p, q in zip(r1, r2))
                same = same and torch.equal(penalties(G, z, xs, a, reduction=red),
                                            penalties(G, z, xs, b, reduction=red))
            assert same, label
            checks[label] = "bit-identical (max/mean, k=2/3, conv layers and image)"
    return out


def case_gradients(nets, inp):
    G = nets["G"]
    z = inp["z"]
    xs = rademacher_pattern(2, XS_PHASE)
    out = OD()
    w0 = G.layers[0].layers.conv.weight
    w1 = G.layers[1].layers.conv.weight
    for name, fn in (("orojar", OFF["oj"].orojar), ("hessian", OFF["hpm"].hessian_penalty)):
        G.zero_grad(set_to_none=True)
        loss = penalties(G, z, xs, fn, reduction=torch.max, **REG)
        g0, g1 = torch.autograd.grad(loss, [w0, w1])
        out["%s_loss" % name] = scal(loss)
        out["%s_grad_w0" % name] = g0                     # [6,512,4,4], full
        out["%s_grad_w1_slice" % name] = g1[:2]          # [2,256,4,4] of [512,256,4,4]
        out["%s_grad_w1_stats" % name] = stats(g1)
    return out


def case_discriminator(nets, inp):
    G, D = nets["G"], nets["D"]
    gm, bn = OFF["gm"], OFF["bn"]
    z, images = inp["z"], inp["images"]
    alpha = torch.tensor(ALPHA, dtype=torch.float32).view(4, 1, 1, 1)
    out = OD([("alpha", alpha)])
    with torch.no_grad():
        fake = G(z)
        out["d_real"] = D(images)
        out["d_fake"] = D(fake)
    # gan_model.GANModel methods on a stand-in `self` (only the attributes they read)
    ns = types.SimpleNamespace(device=torch.device("cpu"), netD=D, netG=G, img=images, img_fake=fake,
                               z=z, criterionGAN=bn.GANLoss(gan_mode="wgangp"), k=2, epsilon=0.1,
                               opt=types.SimpleNamespace(reg_type="orojar", reg_lambda=1e-11))
    ns.gradient_penalty = lambda f, real, fk=None: gm.GANModel.gradient_penalty(ns, f, real, fk)
    with fixed_torch_rand(alpha):
        gp = ns.gradient_penalty(D, images, fake)
    out["gp"] = scal(gp)
    # replicated (ours): per-sample gradient norms at the interpolates; must reproduce gp bit for bit
    x = (images + alpha * (fake - images)).requires_grad_(True)
    pred = D(x)
    grad = torch.autograd.grad(pred, x, torch.ones_like(pred))[0]
    norm = grad.view(4, -1).norm(2, dim=1)
    assert torch.equal(((norm - 1.0) ** 2).mean(), gp)
    out["gp_grad_norm"] = norm.detach()
    D.zero_grad(set_to_none=True)
    with fixed_torch_rand(alpha):
        gm.GANModel.backward_D(ns)                    # loss_D.backward(): also D's parameter grads
    out["loss_D_fake"] = scal(ns.criterionGAN(out["d_fake"], False))
    out["loss_D_real"] = scal(ns.criterionGAN(out["d_real"], True))
    out["loss_D_GAN"] = scal(ns.loss_D_GAN)
    out["loss_D_gp"] = scal(ns.loss_D_gp)
    out["loss_D"] = scal(ns.loss_D)
    assert torch.equal(out["loss_D_GAN"], (out["loss_D_fake"] + out["loss_D_real"]) * 0.5)
    out["d_grad_w0"] = D.encoder[0].layers.conv.weight.grad.clone()      # [64,1,4,4]
    out["d_grad_fc1_w"] = D.fc[1].layers.conv.weight.grad.clone()        # [1,512]
    D.zero_grad(set_to_none=True)
    # backward_G with reg_type 'orojar' (reg_lambda 1e-11 as in dsprites_train_orojar.sh), fixed xs
    ns.img_fake = G(z)
    G.zero_grad(set_to_none=True)
    with fixed_rademacher(rademacher_pattern(2, XS_PHASE)):
        gm.GANModel.backward_G(ns)
    out["loss_G_GAN"] = scal(ns.loss_G_GAN)
    out["loss_G_reg"] = scal(ns.loss_G_reg)
    out["loss_G"] = scal(ns.loss_G)
    G.zero_grad(set_to_none=True)
    D.zero_grad(set_to_none=True)
    return out


def case_classifier(nets, inp):
    G, C = nets["G"], nets["C"]
    z, images = inp["z"], inp["images"]
    out = OD()
    with torch.no_grad():
        out["logits"] = C(images)
        # VP regulariser as gan_model.forward/backward_G (reg_type 'vp') compute it, with fixed draws
        # (replicated: delta_onehot * rand_eps in float64 numpy, cast to float32, added to z)
        onehot = np.zeros((4, 6))
        onehot[np.arange(4), VP_DIM] = 1
        delta_label = torch.from_numpy(onehot.astype("float32"))
        delta = torch.from_numpy((onehot * np.array(VP_EPS)[:, None]).astype("float32"))
        diff = G(z) - G(delta + z)
        pred = C(diff)
        out["vp_delta"] = delta
        out["vp_label"] = delta_label
        out["vp_logits"] = pred
        out["vp_loss"] = scal(F.binary_cross_entropy_with_logits(pred, delta_label))
    return out


def case_sefa(nets):
    G = nets["G"]
    code, _ = sefa_block()
    state_dict = OD((k, v.clone()) for k, v in G.state_dict().items())
    ns = {"torch": torch, "state_dict": state_dict}
    exec(code, ns)
    out = OD([("new_weight", ns["state_dict"]["layers.0.layers.conv.weight"]),
              ("S", ns["S"]), ("V", ns["V"])])
    # the new state dict loads into a fresh Generator (what gen_pairs.py does next)
    NET_CONFIGS["G"][1](OFF["bn"]).load_state_dict(ns["state_dict"])
    return out


JOBS = ["inputs.pt", "generator.pt", "penalties.pt", "gradients.pt", "discriminator.pt", "classifier.pt",
        "sefa_dcgan.pt"]


def compute_all():
    inp = make_inputs()
    nets, keys = OD(), OD()
    for name in NET_CONFIGS:
        nets[name], keys[name] = build(name)
    checks = OD()
    res = OD()
    res["inputs.pt"] = inp
    res["generator.pt"] = case_generator(nets, inp)
    res["penalties.pt"] = case_penalties(nets, inp, checks)
    res["gradients.pt"] = case_gradients(nets, inp)
    res["discriminator.pt"] = case_discriminator(nets, inp)
    res["classifier.pt"] = case_classifier(nets, inp)
    res["sefa_dcgan.pt"] = case_sefa(nets)
    for f, d in res.items():
        for k, v in d.items():
            v = v.detach().contiguous().clone()
            assert v.dtype == torch.float32 and torch.isfinite(v).all(), (f, k)
            d[k] = v
    return res, nets, keys, checks


# ----------------------------------------------------------------------------------------------------------
# float64 reference (for the README's tolerance notes only; not stored as tensors)
# ----------------------------------------------------------------------------------------------------------
def float64_report(nets, inp, res):
    """The same cases with G converted to float64 (same formula weights): how far float32 rounding moves the
    stored values (finite differences divide by epsilon = 0.1 or epsilon^2 = 0.01). Also the argmax margins
    of the max reductions (top-2 relative gap) and a float64 SVD for the SeFa case."""
    G = nets["G"]
    Gd = NET_CONFIGS["G"][1](OFF["bn"])
    Gd.load_state_dict(G.state_dict())
    Gd = Gd.double().eval()
    z, zd = inp["z"], inp["z"].double()
    xs = rademacher_pattern(2, XS_PHASE)
    xsd = xs.double()
    rep = OD()

    def rel(a, b):
        a, b = torch.as_tensor(a).double(), torch.as_tensor(b).double()
        return [float(v) for v in ((a - b).abs() / b.abs()).reshape(-1)]
    with torch.no_grad():
        for name, fn in (("orojar", OFF["oj"].orojar), ("hessian", OFF["hpm"].hessian_penalty)):
            for red_name, red in (("max", torch.max), ("mean", torch.mean)):
                key = "%s_%s_sep" % (name, red_name)
                sep = torch.stack([p.reshape(()) for p in
                                   penalties(Gd, zd, xsd, fn, reduction=red, return_separately=True, **REG)])
                rep[key] = OD([("float64", [float(v) for v in sep]),
                               ("rel_dev_float32", rel(res["penalties.pt"][key], sep))])
            key = "%s_max_img" % name
            v = penalties(Gd, zd, xsd, fn, reduction=torch.max)
            rep[key] = OD([("float64", float(v)), ("rel_dev_float32", rel(res["penalties.pt"][key], v)[0])])
            # argmax margins of the max reductions (float32 run): (top1 - top2) / top1 per layer, then image
            vs = penalties(G, z, xs, fn, reduction=lambda t: t, return_separately=True, **REG)
            vs = vs + penalties(G, z, xs, fn, reduction=lambda t: t, return_separately=True)
            margins = []
            for t in vs:
                top = torch.topk(t.reshape(-1), 2).values
                margins.append(float((top[0] - top[1]) / top[0]))
            rep["%s_max_argmax_margin" % name] = margins
        v = torch.stack([p.reshape(4) for p in
                         penalties(Gd, zd, xsd, OFF["oj"].orojar, reduction=lambda t: t,
                                   return_separately=True, **REG)])
        rep["orojar_var"] = OD([("float64", v.tolist()),
                                ("rel_dev_float32", rel(res["penalties.pt"]["orojar_var"], v))])
    w0 = Gd.layers[0].layers.conv.weight
    w1 = Gd.layers[1].layers.conv.weight
    for name, fn in (("orojar", OFF["oj"].orojar), ("hessian", OFF["hpm"].hessian_penalty)):
        loss = penalties(Gd, zd, xsd, fn, reduction=torch.max, **REG)
        g0, g1 = torch.autograd.grad(loss, [w0, w1])
        r = res["gradients.pt"]
        rep["%s_grad_rel_l2_dev_float32" % name] = OD([
            ("w0", float((r["%s_grad_w0" % name].double() - g0).norm() / g0.norm())),
            ("w1_slice", float((r["%s_grad_w1_slice" % name].double() - g1[:2]).norm() / g1[:2].norm()))])
    # SeFa: float64 SVD of the same (float32-valued) weight, columns sign-aligned to the stored V
    sd = res["sefa_dcgan.pt"]
    W = G.state_dict()["layers.0.layers.conv.weight"].double().reshape(6, -1)
    U, S, V = torch.svd(W.T)
    sign = torch.sign((V * sd["V"].double()).sum(0))
    V, U = V * sign, U * sign
    nw = (U * S).T.reshape(6, 512, 4, 4)
    nw_from_v = (sd["V"].double().T @ W).reshape(6, 512, 4, 4)   # U*S = W^T V
    rep["sefa"] = OD([
        ("S_float64", S.tolist()), ("S_rel_dev_float32", rel(sd["S"], S)),
        ("V_max_abs_dev_float32", float((sd["V"].double() - V).abs().max())),
        ("new_weight_max_abs_dev_float32", float((sd["new_weight"].double() - nw).abs().max())),
        ("new_weight_vs_storedV_T_W_max_abs_dev", float((sd["new_weight"].double() - nw_from_v).abs().max())),
        ("V_column_sign_vs_float64_svd", sign.tolist()),
        ("V_orthogonality_max_dev", float((sd["V"].double().T @ sd["V"].double() - torch.eye(6,
                                           dtype=torch.float64)).abs().max()))])
    return rep


# ----------------------------------------------------------------------------------------------------------
# writing / verifying
# ----------------------------------------------------------------------------------------------------------
def save_json(obj, name):
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(obj, f, indent=1)
        f.write("\n")


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def describe(t):
    if t.dim() == 0:
        return float(t)
    return {"shape": list(t.shape), "min": float(t.min()), "max": float(t.max()),
            "mean_abs": float(t.abs().mean())}


def make_all(args):
    res, nets, keys, checks = compute_all()
    for fname, d in res.items():
        torch.save(d, os.path.join(HERE, fname))
    weights = OD([("formula", WEIGHT_FORMULA), ("scale_rules", SCALE_RULES),
                  ("key_format", "[key, shape, scale, k, offset]"), ("networks", OD())])
    for name, (ctor, _) in NET_CONFIGS.items():
        weights["networks"][name] = OD([
            ("constructor", ctor), ("module", "simplegan_experiments/models/base_networks.py"),
            ("mode", "eval() (no dropout / batch norm; InstanceNorm2d has no running stats)"),
            ("num_entries", len(keys[name])), ("keys", keys[name])])
    save_json(weights, "weights.json")
    code_text = sefa_block()[1]
    meta = OD([
        ("official", git_log(args.mirror)), ("hessian_penalty_official", git_log(args.hp_mirror)),
        ("torch", torch.__version__), ("threads", torch.get_num_threads()),
        ("sefa_block_executed", code_text),
        ("checks", checks),
        ("float64_reference", float64_report(nets, res["inputs.pt"], res)),
        ("files", OD()), ("values", OD()),
    ])
    for fname in JOBS:
        meta["files"][fname] = OD([("bytes", os.path.getsize(os.path.join(HERE, fname))),
                                   ("sha256", sha256(os.path.join(HERE, fname)))])
        meta["values"][fname] = OD((k, describe(v)) for k, v in res[fname].items())
    save_json(meta, "fixtures.json")


def verify():
    total = 0
    for name in sorted(os.listdir(HERE)):
        if name.endswith((".pt", ".json", ".md", ".py")):
            total += os.path.getsize(os.path.join(HERE, name))
    for name in JOBS:
        path = os.path.join(HERE, name)
        d = torch.load(path)
        print("== %s  (%d bytes)" % (name, os.path.getsize(path)))
        for k, v in d.items():
            assert v.is_contiguous() and v.dtype == torch.float32
            print("  %-22s %s" % (k, list(v.shape)))
    print("total (folder) %d bytes" % total)


def replay():
    """Networks built under another torch seed (other random initial values), refilled by the formula:
    every stored tensor must come out bit-identical."""
    torch.manual_seed(12345)
    res, _, keys, _ = compute_all()
    w = json.load(open(os.path.join(HERE, "weights.json")))
    for name in NET_CONFIGS:
        assert json.loads(json.dumps(keys[name])) == w["networks"][name]["keys"], name
    ok = True
    for fname in JOBS:
        ref = torch.load(os.path.join(HERE, fname))
        bad = [k for k in ref if not torch.equal(ref[k], res[fname][k])] + sorted(set(res[fname]) - set(ref))
        print("replay %-18s %s" % (fname, "exact" if not bad else "MISMATCH %s" % bad))
        ok = ok and not bad
    assert ok


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--orojar", default="/work/ref/orojar")
    ap.add_argument("--hessian-penalty", default="/work/ref/hessian_penalty")
    ap.add_argument("--mirror", default="/work/.mirror/csyxwei+OroJaR/repo", help="for the commit id only")
    ap.add_argument("--hp-mirror", default="/work/.mirror/wpeebles+hessian_penalty/repo")
    ap.add_argument("--verify", action="store_true", help="only reload, print and replay")
    args = ap.parse_args()
    torch.set_num_threads(1)
    setup_imports(os.path.abspath(args.orojar), os.path.abspath(args.hessian_penalty))
    if not args.verify:
        torch.manual_seed(0)
        make_all(args)
    verify()
    replay()


if __name__ == "__main__":
    main()
