# Dead-leaves test image (scale-invariant: disks with radii ~ 1/r^3 from a 12-colour palette until covered).
# Usage: python3 deadleaves.py WIDTH HEIGHT SEED OUT.png [RMIN RMAX]   (Debian's python3 with numpy and Pillow)
import numpy as np, sys
from PIL import Image
def dead_leaves(w, h, seed, rmin=3, rmax=60):
    rng = np.random.RandomState(seed)
    img = np.full((h, w, 3), -1.0)
    yy, xx = np.mgrid[0:h, 0:w]
    covered = np.zeros((h, w), bool)
    palette = rng.randint(30, 230, (12, 3))
    while not covered.all():
        u = rng.rand()
        r = (rmin ** -2 + u * (rmax ** -2 - rmin ** -2)) ** -0.5
        cx, cy = rng.rand() * (w + 2 * r) - r, rng.rand() * (h + 2 * r) - r
        d = (xx - cx) ** 2 + (yy - cy) ** 2 <= r * r
        new = d & ~covered
        img[new] = palette[rng.randint(len(palette))]
        covered |= d
    return img.astype(np.uint8)
w, h = int(sys.argv[1]), int(sys.argv[2])
rmin, rmax = (float(sys.argv[5]), float(sys.argv[6])) if len(sys.argv) > 6 else (3, 60)
Image.fromarray(dead_leaves(w, h, int(sys.argv[3]), rmin, rmax)).save(sys.argv[4])
