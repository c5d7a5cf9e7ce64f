"""Draws the inputs of the harmonization, editing and paint figures from the model's own finest real image.

Usage (Debian's python3 with torch and Pillow): python3 make_inputs.py runs/land/model.pt
gan4j's model.pt is a PyTorch checkpoint, so torch.load reads the 100x68 training image stored in it.
"""
import sys

import numpy as np
import torch
from PIL import Image, ImageDraw

m = torch.load(sys.argv[1])
real = m['scales'][-1]['real'][0]
x = ((real.permute(1, 2, 0).numpy() + 1) / 2 * 255).round().clip(0, 255).astype(np.uint8)
Image.fromarray(x).save('landscape-100x68.png')
H, W = x.shape[:2]

# Harmonization: a flat-coloured boulder pasted onto the grass, and its mask.
col = Image.fromarray(x.copy())
mask = Image.new('RGB', (W, H))
box = (58, 50, 80, 62)
ImageDraw.Draw(col).ellipse(box, fill=(150, 140, 170))
ImageDraw.Draw(mask).ellipse(box, fill=(255, 255, 255))
col.save('harmonize-collage.png')
mask.save('harmonize-collage-mask.png')

# Editing: a copy of the left peak pasted to the right, and its mask.
e = x.copy()
e[10:34, 66:90] = x[2:26, 6:30]
Image.fromarray(e).save('edit-input.png')
em = np.zeros_like(x)
em[10:34, 66:90] = 255
Image.fromarray(em).save('edit-mask.png')

# Paint: clip art of a mountain lake.
p = Image.new('RGB', (W, H), (95, 145, 215))
d = ImageDraw.Draw(p)
d.ellipse((8, 4, 36, 11), fill=(245, 245, 245))
d.ellipse((60, 8, 92, 15), fill=(245, 245, 245))
d.polygon([(0, 30), (18, 6), (40, 32), (62, 12), (88, 30), (100, 26), (100, 44), (0, 44)], fill=(150, 160, 195))
d.polygon([(0, 36), (30, 28), (60, 36), (100, 30), (100, 44), (0, 44)], fill=(60, 100, 65))
d.rectangle((0, 42, 100, 50), fill=(40, 70, 90))
d.rectangle((0, 50, 100, 68), fill=(90, 140, 50))
for cx in (8, 20, 34, 47, 71, 85, 93):
    d.polygon([(cx - 4, 60), (cx, 46), (cx + 4, 60)], fill=(25, 55, 30))
p.save('paint-clip.png')
