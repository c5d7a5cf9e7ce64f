"""Writes mask.json: the official SinGAN dilate_mask on two small masks, for MasksTest.

Runs functions.dilate_mask itself (harmonization radius 7 and editing radius 20) on masks read the way the
official code reads them (np2torch of an RGB uint8 image). Usage, with Debian's python3 (torch 1.13,
scikit-image 0.19, scipy 1.10):
    /usr/bin/python3 make_mask_fixture.py /path/to/SinGAN > mask.json
"""
import json
import sys
import types

import numpy as np

sys.path.insert(0, sys.argv[1])
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import skimage.color
import skimage.morphology
import SinGAN.functions as functions

# scikit-image 0.19 renamed binary_dilation's 'selem' to 'footprint' but still accepts it; its rgb2gray refuses
# a 2-D image, which the 2019 versions the official code ran on returned unchanged.
_rgb2gray = skimage.color.rgb2gray
skimage.color.rgb2gray = lambda x: x if x.ndim == 2 else _rgb2gray(x)
functions.color.rgb2gray = skimage.color.rgb2gray
plt.imsave = lambda *a, **k: None  # dilate_mask saves a preview; not needed here


def case(h, w, seed):
    rng = np.random.RandomState(seed)
    img = np.zeros((h, w, 3), np.uint8)
    img[h // 4:h // 2, w // 3:w // 3 + w // 5] = 255          # a block
    img[rng.randint(0, h, 3), rng.randint(0, w, 3), 0] = 1    # faint single pixels (red 1: still "on")
    img[h - 3, 2, :] = 200                                    # near a corner
    return img


out = []
for mode, radius in [("harmonization", 7), ("editing", 20)]:
    img = case(40, 52, 3)
    opt = types.SimpleNamespace(nc_im=3, not_cuda=True, mode=mode, ref_dir="/tmp", ref_name="x.png")
    t = functions.np2torch(img, opt)[:, 0:3, :, :]
    m = functions.dilate_mask(t, opt)
    out.append({"mode": mode, "radius": radius, "h": 40, "w": 52,
                "pixels": [[int(y), int(x)] + img[y, x].tolist() for y, x in zip(*np.nonzero(img.any(axis=2)))],
                "mask": [float("%.8g" % v) for v in m[0, 0].numpy().reshape(-1)]})
json.dump(out, sys.stdout)
