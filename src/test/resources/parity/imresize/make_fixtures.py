#!/usr/bin/python3
"""Writes imresize.json: outputs of the official SinGAN imresize_in on small deterministic images.

Run with Debian's python3 (numpy + scipy):  /usr/bin/python3 make_fixtures.py [/path/to/SinGAN/imresize.py]
The official file is imported at run time from the SinGAN checkout; nothing of it is copied here.
"""
import importlib.util
import json
import math
import os
import sys
import types

import numpy as np

OFFICIAL = sys.argv[1] if len(sys.argv) > 1 else "/work/ref/singan/SinGAN/imresize.py"


def load_official(path):
    # imresize.py imports skimage.color for a helper we do not call; a stub keeps the import working
    # on machines without scikit-image.
    if "skimage" not in sys.modules:
        sk = types.ModuleType("skimage")
        sk.color = types.ModuleType("skimage.color")
        sys.modules["skimage"] = sk
        sys.modules["skimage.color"] = sk.color
    spec = importlib.util.spec_from_file_location("official_imresize", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def structured_image(h, w, seed):
    """uint8 HxWx3: a gradient (R), a 3-pixel checkerboard (G), a bright block over noise (B)."""
    y, x = np.mgrid[0:h, 0:w]
    rng = np.random.RandomState(seed)
    im = np.zeros((h, w, 3), dtype=np.uint8)
    im[:, :, 0] = (x * 15 + y * 7) % 256
    im[:, :, 1] = np.where(((x // 3) + (y // 3)) % 2 == 1, 235, 20)
    blue = rng.randint(0, 90, size=(h, w))
    blue[h // 4: h // 4 + max(2, h // 3), w // 3: w // 3 + max(2, w // 4)] = 250
    im[:, :, 2] = blue
    return im


def main():
    m = load_official(OFFICIAL)
    inputs = {"a": structured_image(11, 17, 0), "b": structured_image(37, 29, 1)}
    cases = []

    def add(name, inp, scale=None, shape=None):
        im = inputs[inp]
        if scale is not None:
            out = m.imresize_in(im, scale_factor=scale)
        else:
            out = m.imresize_in(im, output_shape=list(shape))
        out = np.asarray(out, dtype=np.float64)
        cases.append({
            "name": name, "input": inp, "scale": scale,
            "outShape": None if shape is None else list(shape),
            "h": int(out.shape[0]), "w": int(out.shape[1]),
            "data": [round(float(v), 5) for v in out.reshape(-1)],  # HWC order, 0..255 scale
        })

    for s in [0.75, 0.5, 0.31, 1 / 0.75, 2.0, 4.0]:
        add("a scale %r" % s, "a", scale=s)
    add("a to 8x13 (both down)", "a", shape=(8, 13))
    add("a to 20x9 (dim0 up, dim1 down: no antialiasing on dim1)", "a", shape=(20, 9))
    add("a to 7x30 (dim0 down, dim1 up: antialiasing applied to dim1)", "a", shape=(7, 30))
    add("a to 11x25 (dim0 scale exactly 1: skipped)", "a", shape=(11, 25))
    add("a to 6x17 (dim1 scale exactly 1: skipped)", "a", shape=(6, 17))
    add("b scale 0.5**(1/3) (a SinGAN pyramid step)", "b", scale=0.5 ** (1 / 3))
    add("b to 25x20", "b", shape=(25, 20))

    sizes = []
    for s in [0.1, 0.31, 0.5, 0.75, 0.5 ** (1 / 3), 0.9, 1 / 0.75, 2.0, 4.0]:
        for n in list(range(1, 61)) + [100, 187, 188, 250, 333, 1000, 1024]:
            _, out_shape = m.fix_scale_and_size((n, n, 3), None, s)
            sizes.append([n, s, int(out_shape[0])])

    doc = {
        "about": "outputs of the official SinGAN imresize_in (cubic, antialiasing) on uint8 HxWx3 inputs; "
                 "data in HWC order on the 0..255 scale; made by make_fixtures.py (see README.md)",
        "numpy": np.__version__,
        "inputs": {k: {"h": v.shape[0], "w": v.shape[1], "data": [int(t) for t in v.reshape(-1)]}
                   for k, v in inputs.items()},
        "cases": cases,
        "sizes": sizes,
    }
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "imresize.json"), "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print("wrote %d cases, %d sizes" % (len(cases), len(sizes)))


if __name__ == "__main__":
    main()
