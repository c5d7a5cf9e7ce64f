"""gan4j parity fixtures for StyleGAN2 (our script, not rosinality's code): runs the official
rosinality/stylegan2-pytorch model.py on random weights and records inputs and outputs.

    /usr/bin/python3 make_fixtures.py /path/to/stylegan2-pytorch [out_dir]

The official repository is imported from the path given (its fused CUDA ops must be importable on a
CPU-only machine: see README.md). Everything is seeded, so a rerun with the same torch gives the same numbers.

Official channel tables put 512 channels at every resolution up to 32 px (a 32 px generator has 17M
parameters, 68 MB), far too big for test fixtures. So the two parity models are built from the official
layers and run by the official forward() methods, with a smaller channel table: channels(res) =
min(channel_max, channel_base * channel_multiplier / res) -- which is exactly the official table for
channel_max=512, channel_base=16384. small_models.py gives the official classes that table without restating
their code (the generator's own constructor runs with the table substituted; the discriminator's parts are
replaced by official layers of the table's widths). The official tables themselves are checked by key and shape
(official_keys.json).
"""
import argparse
import json
import math
import os
import sys

import torch
from torch import nn

REPO = os.path.abspath(sys.argv[1])
OUT = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, REPO)
import model as official  # noqa: E402
from op import upfirdn2d  # noqa: E402
from small_models import SmallDiscriminator, SmallGenerator, table  # noqa: E402


def randomize(module, seed):
    """Random values for parameters that start at zero or one (biases, noise strengths), so that every
    parameter matters in the comparison."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in module.named_parameters():
            if name.endswith("bias") or name.endswith("noise.weight"):
                p.add_(0.3 * torch.randn(p.shape, generator=g))


def model_case(name, size, style_dim, n_mlp, channel_multiplier, channel_max, channel_base, legacy, batch):
    torch.manual_seed(sum(map(ord, name)))
    channels = table(channel_max, channel_base, channel_multiplier)
    g = SmallGenerator(size, style_dim, n_mlp, channels).eval()
    d = SmallDiscriminator(size, channels).eval()
    randomize(g, 1)
    randomize(d, 2)
    with torch.no_grad():
        latent_avg = g.mean_latent(512)[0]
        ckpt = {"g_ema": g.state_dict(), "d": d.state_dict(), "latent_avg": latent_avg}
        if not legacy:
            ckpt["args"] = argparse.Namespace(size=size, latent=style_dim, n_mlp=n_mlp,
                                              channel_multiplier=channel_multiplier, channel_max=channel_max,
                                              channel_base=channel_base)
        torch.save(ckpt, os.path.join(OUT, name + ".pt"), _use_new_zipfile_serialization=not legacy)

        z = torch.randn(batch, style_dim)
        z2 = torch.randn(batch, style_dim)
        noises = [torch.randn_like(getattr(g.noises, f"noise_{i}")) for i in range(g.num_layers)]
        w = g.get_latent(z)
        img_const, _ = g([z], randomize_noise=False)
        img_noise, _ = g([z], noise=noises)
        img_trunc, _ = g([z], truncation=0.7, truncation_latent=latent_avg, randomize_noise=False)
        inject = g.n_latent // 2
        img_mix, lat_mix = g([z, z2], inject_index=inject, randomize_noise=False, return_latents=True)
        img_mix_trunc, _ = g([z, z2], inject_index=inject, truncation=0.7, truncation_latent=latent_avg,
                             randomize_noise=False)
        wplus = g.get_latent(torch.randn(batch * g.n_latent, style_dim)).view(batch, g.n_latent, style_dim)
        img_wplus, _ = g([wplus], input_is_latent=True, randomize_noise=False)
        img_w, _ = g([w], input_is_latent=True, randomize_noise=False)
        img_none, _ = g([z], noise=[torch.zeros_like(n) for n in noises])
        d_in = torch.cat([img_const, torch.randn(batch, 3, size, size)])
        d_out = d(d_in)
        d_out2 = d(d_in[:2])
    io = {
        "z": z, "z2": z2, "noises": noises, "w": w, "img_const": img_const, "img_noise": img_noise,
        "img_trunc": img_trunc, "truncation": 0.7, "inject_index": inject, "img_mix": img_mix,
        "latent_mix": lat_mix, "img_mix_trunc": img_mix_trunc, "wplus": wplus, "img_wplus": img_wplus,
        "img_w": img_w, "img_none": img_none, "d_in": d_in, "d_out": d_out, "d_out2": d_out2,
    }
    torch.save(io, os.path.join(OUT, name + "_io.pt"))


def layer_cases():
    torch.manual_seed(7)
    out = {}
    x = torch.randn(2, 3, 5, 6)
    k = torch.randn(4, 4)  # not symmetric, so a missing flip shows
    out["upfirdn_x"] = x
    out["upfirdn_k"] = k
    cases = [(2, 1, (2, 1)), (1, 2, (1, 1)), (1, 1, (-1, 2, 2, -1)), (2, 2, (1, 0)), (1, 1, (0, 0, 3, 1)),
             (2, 1, (-2, 1, 1, 3))]
    for i, (up, down, pad) in enumerate(cases):
        out[f"upfirdn_{i}"] = {"up": up, "down": down, "pad": list(pad), "y": upfirdn2d(x, k, up=up, down=down, pad=pad)}
    for name, up, down, demod, kernel in [("plain", False, False, True, 3), ("up", True, False, True, 3),
                                         ("down", False, True, True, 3), ("rgb", False, False, False, 1)]:
        conv = official.ModulatedConv2d(5, 6, kernel, 7, demodulate=demod, upsample=up, downsample=down)
        with torch.no_grad():
            conv.modulation.bias.add_(0.3 * torch.randn(5))
            inp = torch.randn(3, 5, 8, 8)
            style = torch.randn(3, 7)
            fused = conv(inp, style)
            conv.fused = False
            unfused = conv(inp, style)
        out["modconv_" + name] = {"state": dict(conv.state_dict()), "x": inp, "style": style, "fused": fused,
                                  "unfused": unfused}
    torch.save(out, os.path.join(OUT, "layers.pt"))


def official_keys():
    """Key -> shape of the official (full-size) state dicts, for the layout check."""
    out = {}
    for size, cm in [(8, 2), (64, 1), (256, 2), (1024, 2)]:
        g = official.Generator(size, 512, 8, channel_multiplier=cm)
        d = official.Discriminator(size, channel_multiplier=cm)
        out[f"{size}_{cm}"] = {"g": [[k, list(v.shape)] for k, v in g.state_dict().items()],
                               "d": [[k, list(v.shape)] for k, v in d.state_dict().items()]}
    with open(os.path.join(OUT, "official_keys.json"), "w") as f:
        json.dump({"torch": torch.__version__, "models": out}, f, separators=(",", ":"))


if __name__ == "__main__":
    torch.set_num_threads(1)
    os.makedirs(OUT, exist_ok=True)
    # A: 32 px, zip format with args; B: 64 px, legacy format without args (as published checkpoints are).
    model_case("g32", size=32, style_dim=64, n_mlp=8, channel_multiplier=2, channel_max=32, channel_base=256, batch=4,
               legacy=False)
    model_case("g64", size=64, style_dim=128, n_mlp=2, channel_multiplier=1, channel_max=32, channel_base=1024, batch=2,
               legacy=True)
    layer_cases()
    official_keys()
    print("torch", torch.__version__)
