"""Makes fid.pt and keys.json for gan4j's FidInceptionTest and FidTest (a gan4j test helper, not pytorch-fid code).

Usage: /usr/bin/python3 make_fixture.py PYTORCH_FID_SRC
  PYTORCH_FID_SRC: the `src` directory of a mseitzer/pytorch-fid checkout (the package is imported from there,
  unmodified; only its weight download is replaced by the deterministic weights below).
"""
import json
import math
import sys

import numpy as np
import torch

torch.set_num_threads(1)
sys.path.insert(0, sys.argv[1])
import pytorch_fid  # noqa: E402
import pytorch_fid.inception as inception  # noqa: E402
from pytorch_fid.fid_score import calculate_frechet_distance  # noqa: E402


def is_used(key):
    """The tensors FidInception reads: every BasicConv2d's conv.weight and bn.*, not fc.* nor num_batches_tracked."""
    return not key.startswith("fc.") and not key.endswith("num_batches_tracked")


def value(key, k, n, fan_in):
    """Tensor k (0-based among the used keys in state-dict order), element i (flat, row-major): float32 of the
    float64 s = sin(0.37·i·i + k) scaled per kind. The i·i makes the values pseudo-random (sin(0.37·i + k), periodic
    over ~17 elements, leaves the 2048-d output almost independent of the input). math.sin is glibc's scalar sin,
    correctly rounded in practice, as Java's StrictMath.sin is within an ulp."""
    s = np.array([math.sin(0.37 * float(i) * float(i) + k) for i in range(n)], dtype=np.float64)
    if key.endswith("conv.weight"):
        v = s * math.sqrt(4.0 / fan_in)  # He: var(s) = 1/2, ReLU halves the second moment
    elif key.endswith("bn.weight"):
        v = 1.0 + 0.25 * s
    elif key.endswith("bn.bias"):
        v = 0.05 * s
    elif key.endswith("bn.running_mean"):
        v = 0.05 * s
    elif key.endswith("bn.running_var"):
        v = 1.0 + 0.5 * s
    else:
        raise ValueError(key)
    return v.astype(np.float32)


def deterministic_state_dict(structure):
    out = {}
    k = 0
    for key, t in structure.state_dict().items():
        if is_used(key):
            fan_in = int(np.prod(t.shape[1:])) if t.dim() == 4 else 1
            out[key] = torch.from_numpy(value(key, k, t.numel(), fan_in)).reshape(t.shape)
            k += 1
        else:
            out[key] = torch.zeros_like(t)  # fc and num_batches_tracked: not read
    return out


# pytorch-fid's own construction (fid_inception_v3) with the download replaced by the formula above
structure = inception._inception_v3(num_classes=1008, aux_logits=False, weights=None)
structure.Mixed_5b = inception.FIDInceptionA(192, pool_features=32)
structure.Mixed_5c = inception.FIDInceptionA(256, pool_features=64)
structure.Mixed_5d = inception.FIDInceptionA(288, pool_features=64)
structure.Mixed_6b = inception.FIDInceptionC(768, channels_7x7=128)
structure.Mixed_6c = inception.FIDInceptionC(768, channels_7x7=160)
structure.Mixed_6d = inception.FIDInceptionC(768, channels_7x7=160)
structure.Mixed_6e = inception.FIDInceptionC(768, channels_7x7=192)
structure.Mixed_7b = inception.FIDInceptionE_1(1280)
structure.Mixed_7c = inception.FIDInceptionE_2(2048)
weights = deterministic_state_dict(structure)
inception.load_state_dict_from_url = lambda url, progress=True: weights

net = inception.InceptionV3(output_blocks=(0, 1, 2, 3)).eval()  # resize_input, normalize_input: the defaults

keys = [[k, list(t.shape)] for k, t in structure.state_dict().items()]
with open("keys.json", "w") as f:
    f.write('{"pytorch_fid": "%s", "keys": [\n' % pytorch_fid.__version__)
    f.write(",\n".join(json.dumps(k) for k in keys) + "\n]}\n")

g = torch.Generator().manual_seed(2017)
x = torch.rand(2, 3, 37, 45, generator=g)  # in [0, 1], odd non-square size: the resize to 299 matters
yy, xx = torch.meshgrid(torch.arange(37.0), torch.arange(45.0), indexing="ij")
x[1] = torch.stack([0.5 + 0.5 * torch.sin(0.3 * xx), 0.5 + 0.5 * torch.cos(0.2 * yy), (xx + yy) / 80])  # smooth
with torch.no_grad():
    b0, b1, b2, b3 = net(x)
    for i, b in enumerate((b0, b1, b2, b3)):
        print("block", i, tuple(b.shape), "mean |x| %.4g max %.4g zero %.3f" % (b.abs().mean(), b.abs().max(),
              (b == 0).float().mean()))

# Fréchet distance: pytorch-fid's calculate_frechet_distance (scipy sqrtm) on statistics computed as
# pytorch-fid does (np.mean over axis 0, np.cov rowvar=False), float64
rng = np.random.RandomState(5)
cases = {}
for name, (n1, n2, d) in {"full": (60, 50, 6), "singular": (12, 15, 20)}.items():
    a = rng.randn(n1, d) @ rng.randn(d, d) + rng.randn(d)
    b = rng.randn(n2, d) @ rng.randn(d, d) * 0.7 + rng.randn(d)
    fid = calculate_frechet_distance(a.mean(0), np.cov(a, rowvar=False), b.mean(0), np.cov(b, rowvar=False))
    print(name, fid)
    cases[name + "_a"] = torch.from_numpy(a)
    cases[name + "_b"] = torch.from_numpy(b)
    cases[name + "_fid"] = torch.tensor([float(fid)], dtype=torch.float64)

torch.save({
    "input": x,
    "block0_mean": b0.mean((2, 3)),
    "block1_mean": b1.mean((2, 3)),
    "block2_mean": b2.mean((2, 3)),
    "pool3": b3.flatten(1),
    # float64 sum of every used tensor, in order: checks the Java side's weights apart from its network
    "weight_sums": torch.tensor([float(weights[k].double().sum()) for k in weights if is_used(k)], dtype=torch.float64),
    **cases,
}, "fid.pt")
