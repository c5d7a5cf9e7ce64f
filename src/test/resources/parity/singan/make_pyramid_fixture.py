# Makes pyramid.json: SinGAN's pyramid plan (scales, factors, per-scale sizes) for several image sizes, computed by
# the official code's own functions (adjust_scales2image, adjust_scales2image_SR, creat_reals_pyramid).
# Run with Debian's python3 (numpy, scipy, scikit-image, torch) and the official repository checked out:
#   /usr/bin/python3 make_pyramid_fixture.py /path/to/SinGAN > pyramid.json
import json, sys, argparse
sys.path.insert(0, sys.argv[1])
import torch
from SinGAN import functions
from SinGAN.imresize import imresize

sizes = [(188, 250), (250, 188), (85, 128), (128, 128), (333, 500), (40, 30), (26, 26), (200, 1000), (61, 97), (600, 480)]
cases = []
for mode, min_size, max_size in [("train", 25, 250), ("train", 25, 128), ("train", 20, 250), ("sr", 18, 250)]:
    for (h, w) in sizes:
        opt = argparse.Namespace(min_size=min_size, max_size=max_size, scale_factor=0.75, scale_factor_init=0.75,
                                 nc_im=3, not_cuda=True)
        torch.manual_seed(0)
        real_ = torch.rand(1, 3, h, w) * 2 - 1
        try:
            if mode == "sr":
                real = functions.adjust_scales2image_SR(real_, opt)
            else:
                real = functions.adjust_scales2image(real_, opt)
                real = imresize(real_, opt.scale1, opt)
            reals = functions.creat_reals_pyramid(real, [], opt)
        except Exception as e:  # too small for the pyramid
            cases.append(dict(mode=mode, min_size=min_size, max_size=max_size, h=h, w=w, error=type(e).__name__))
            continue
        cases.append(dict(mode=mode, min_size=min_size, max_size=max_size, h=h, w=w,
                          stop_scale=opt.stop_scale, scale1=opt.scale1, scale_factor=opt.scale_factor,
                          heights=[int(r.shape[2]) for r in reals], widths=[int(r.shape[3]) for r in reals]))
print(json.dumps(cases, indent=1))
