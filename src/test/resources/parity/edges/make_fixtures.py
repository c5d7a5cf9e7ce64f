"""Edge-map fixtures for gan4j's data.Canny / data.EdgeMap (a gan4j test helper, no third-party code copied).

Draws small deterministic RGB pictures with NumPy, writes them as PNG, and beside each the reference results:
  <name>.png        the picture (8-bit RGB)
  <name>-edges.npy  skimage.feature.canny(np.array(Image.open(png).convert('L'))) as float32 0/1  [H,W]
  <name>-dist.npy   the official celebahqedge loader's distance channel of those edges, as float32 in [0,1]:
                    np.clip(cv2.distanceTransform(255 - edge*255, cv2.DIST_L1, 3) / 3, 0, 255).astype(np.uint8) / 255
Run with Debian's python3-skimage 0.19.3, python3-opencv 4.6.0, Pillow:  /usr/bin/python3 make_fixtures.py
"""
import cv2
import numpy as np
from PIL import Image
from skimage import feature


def picture(rng, h, w):
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    img = np.zeros((h, w, 3))
    img += rng.uniform(0, 1, 3) * (xx / w)[..., None]            # a soft horizontal gradient
    for _ in range(4):                                             # rectangles
        y0, x0 = rng.integers(0, h - 8), rng.integers(0, w - 8)
        y1, x1 = y0 + rng.integers(4, h // 2), x0 + rng.integers(4, w // 2)
        img[y0:y1, x0:x1] = rng.uniform(0, 1, 3)
    for _ in range(3):                                             # disks
        cy, cx, r = rng.uniform(0, h), rng.uniform(0, w), rng.uniform(3, h / 3)
        img[(yy - cy) ** 2 + (xx - cx) ** 2 < r * r] = rng.uniform(0, 1, 3)
    img += rng.normal(0, 0.03, img.shape)                          # a little noise
    return (np.clip(img, 0, 1) * 255 + 0.5).astype(np.uint8)


def main():
    rng = np.random.default_rng(20240607)
    for name, (h, w) in {"shapes-40x48": (40, 48), "shapes-64x64": (64, 64)}.items():
        Image.fromarray(picture(rng, h, w)).save(name + ".png")
        grey = np.array(Image.open(name + ".png").convert("L"))
        edge = feature.canny(grey).astype(np.uint8)
        dist = cv2.distanceTransform(255 - edge * 255, cv2.DIST_L1, 3)
        dist = np.clip(dist / 3, 0, 255).astype(np.uint8)
        np.save(name + "-edges.npy", edge.astype(np.float32))
        np.save(name + "-dist.npy", (dist / 255.0).astype(np.float32))
        print(name, "edge pixels", int(edge.sum()))


if __name__ == "__main__":
    main()
