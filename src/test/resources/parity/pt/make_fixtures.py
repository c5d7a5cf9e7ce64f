"""gan4j test fixtures (our script, not PyTorch code): small checkpoints written by Python's torch.save.

Run from this folder with Debian's python3-torch:  /usr/bin/python3 make_fixtures.py
It rewrites the *.pt files here and expected.json, which describes each file's content (see describe.py).
Everything is deterministic (fixed seeds, arange values), so rerunning it with the same torch gives the
same values.
"""
import argparse
import copy
import json
import os
import sys

import numpy
import torch
from torch import nn

from describe import describe

HERE = os.path.dirname(os.path.abspath(__file__))


def sequential_state_dict():
    """torch.save(model.state_dict()) of Conv2d + BatchNorm2d: an OrderedDict with _metadata, int64 counter."""
    torch.manual_seed(0)
    model = nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4))
    model.train()
    model(torch.randn(2, 3, 5, 5))  # running stats move, num_batches_tracked becomes 1
    return model.state_dict()


def stylegan2_like():
    """The shape of a rosinality StyleGAN2 checkpoint, from tiny layers."""
    torch.manual_seed(1)
    g = nn.Sequential(nn.Linear(8, 8), nn.LeakyReLU(0.2), nn.Linear(8, 4))
    d = nn.Sequential(nn.Linear(4, 4), nn.LeakyReLU(0.2), nn.Linear(4, 1))
    g_ema = copy.deepcopy(g)
    with torch.no_grad():
        for p in g_ema.parameters():
            p.mul_(0.5)
    g_optim = torch.optim.Adam(g.parameters(), lr=0.002, betas=(0, 0.99))
    d_optim = torch.optim.Adam(d.parameters(), lr=0.002, betas=(0, 0.99))
    g(torch.randn(3, 8)).square().mean().backward()
    g_optim.step()
    args = argparse.Namespace(size=32, latent=8, n_mlp=2, channel_multiplier=2, r1=10.0,
                              path_regularize=2.0, batch=4, iter=800000, ckpt=None, wandb=False)
    return {
        "g": g.state_dict(),
        "d": d.state_dict(),
        "g_ema": g_ema.state_dict(),
        "g_optim": g_optim.state_dict(),
        "d_optim": d_optim.state_dict(),
        "args": args,
        "latent_avg": torch.randn(8),
    }


def singan_zs():
    torch.manual_seed(2)
    return [torch.zeros(1, 3, 4, 4)] + [torch.randn(1, 3, 5 + i, 6 + i) for i in range(3)]


def singan_noise_amp():
    return [torch.tensor(1.0), torch.tensor(0.1), torch.tensor(0.0625), torch.tensor(0.03125)]


def shared_views():
    """Views of one storage: PtFile.load must give the right values and share the memory."""
    t = torch.arange(20, dtype=torch.float32).reshape(4, 5)
    return {"a": t, "b": t[1:, ::2], "c": t.t(), "d": t[2]}


def dtypes():
    n = torch.arange(-6, 6)
    return {
        "float64": n.to(torch.float64) / 3,
        "float32": n.to(torch.float32) / 7,
        "float16": n.to(torch.float16) / 4,
        "bfloat16": n.to(torch.bfloat16) / 8,
        "int64": torch.tensor([-(2 ** 62), -1, 0, 1, 2 ** 62 + 12345]),
        "int32": n.to(torch.int32) * 1000003,
        "int16": n.to(torch.int16) * 5000,
        "int8": n.to(torch.int8) * 20,
        "uint8": torch.arange(0, 256, 17, dtype=torch.uint8),
        "bool": n % 3 == 0,
        "complex64": torch.complex(n.float(), -n.float() / 2),
        "empty": torch.zeros(0, 3),
        "scalar_int64": torch.tensor(5),
        "strided": torch.arange(24, dtype=torch.float32).reshape(2, 3, 4).permute(2, 0, 1),
    }


def legacy():
    """Pre-1.6 format (many published checkpoints): state dict, views, plain values."""
    t = torch.arange(12, dtype=torch.float64).reshape(3, 4)
    return {"sd": sequential_state_dict(), "views": {"a": t, "b": t[1:, 1::2]}, "step": 7, "name": "legacy"}


def protocol4():
    """pickle_protocol=4: FRAME, SHORT_BINUNICODE, MEMOIZE, STACK_GLOBAL, SHORT_BINBYTES."""
    return {"x": torch.arange(6, dtype=torch.int32).reshape(2, 3), "name": "gr\u00fc\u00dfe \u2713",
            "nums": [1, -2, 3.5, 2 ** 70], "raw": b"\x00\x01\xfe\xff", 3: (None, True, False)}


def misc_values():
    """Plain values in protocol 2 (torch.save's default): bytes via _codecs.encode, int keys, nesting."""
    return {"bytes": b"ab\x00\xff", 0: {"state": {1: [1.5, -0.0, 1e-300]}}, "neg": -3, "big": 2 ** 40,
            "tuple": (1, ("a", 2.5), []), "none": None, "flags": [True, False]}


def numpy_scalars():
    return {"fid": numpy.float64(12.5), "step": numpy.int64(-3), "ok": numpy.bool_(True),
            "f32": numpy.float32(0.25), "u8": numpy.uint8(200)}


class Payload:
    """A pickle that would run a shell command when unpickled by Python's pickle."""

    def __reduce__(self):
        return (os.system, ("touch /tmp/gan4j-parity-pwned",))


def main():
    fixtures = {
        "state_dict_sequential.pt": (sequential_state_dict(), {}),
        "stylegan2_like.pt": (stylegan2_like(), {}),
        "singan_zs.pt": (singan_zs(), {}),
        "singan_noise_amp.pt": (singan_noise_amp(), {}),
        "tensor_direct.pt": (torch.arange(12, dtype=torch.float32).reshape(3, 4), {}),
        "shared_views.pt": (shared_views(), {}),
        "dtypes.pt": (dtypes(), {}),
        "legacy_format.pt": (legacy(), {"_use_new_zipfile_serialization": False}),
        "protocol4.pt": (protocol4(), {"pickle_protocol": 4}),
        "misc_values.pt": (misc_values(), {}),
        "numpy_scalars.pt": (numpy_scalars(), {}),
    }
    expected = {}
    for name, (obj, kwargs) in fixtures.items():
        torch.save(obj, os.path.join(HERE, name), **kwargs)
        expected[name] = describe(obj)
    torch.save({"weights": torch.ones(2), "payload": Payload()}, os.path.join(HERE, "malicious_os_system.pt"))
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        # One line per file: small, and a changed fixture shows as one changed line.
        f.write('{"torch": %s, "python": %s, "files": {\n' % (
            json.dumps(torch.__version__), json.dumps(sys.version.split()[0])))
        f.write(",\n".join("%s: %s" % (json.dumps(k), json.dumps(v)) for k, v in expected.items()))
        f.write("\n}}\n")


if __name__ == "__main__":
    main()
