# Makes official-run/ (and, with --batch_norm, official-run-bn/): a tiny run folder written by the official ConSinGAN training itself (main_train.py,
# train_mode generation, 3 stages, 2 iterations per stage, nfc 8, CPU), and official-run-expected.pt: the
# official generator's output for given noise. Usage:
#   /usr/bin/python3 make_official_run.py /path/to/ConSinGAN-checkout [--batch_norm]
# albumentations and tensorboard are not installed on the machine that made it; the official code only imports
# them (augmentation is used by editing, SummaryWriter only logs), so they are replaced by empty stand-ins.
import os, runpy, shutil, sys, tempfile, types
import numpy as np
import torch

src = os.path.abspath(sys.argv[1])
bn = "--batch_norm" in sys.argv[2:]
name = "official-run-bn" if bn else "official-run"
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, src)

alb = types.ModuleType("albumentations")
for n in "HueSaturationValue IAAAdditiveGaussianNoise GaussNoise OneOf Compose MultiplicativeNoise ToSepia " \
         "ChannelDropout ChannelShuffle Cutout InvertImg".split():
    setattr(alb, n, object)
sys.modules["albumentations"] = alb
tb = types.ModuleType("torch.utils.tensorboard")
class SummaryWriter:
    def __init__(self, *a, **k): pass
    def add_scalar(self, *a, **k): pass
    def add_image(self, *a, **k): pass
    def close(self): pass
tb.SummaryWriter = SummaryWriter
sys.modules["torch.utils.tensorboard"] = tb

work = tempfile.mkdtemp()
os.chdir(work)
# a smooth 30x24 test image
yy, xx = np.mgrid[0:24, 0:30]
img = np.stack([128 + 100 * np.sin(xx / 4.0), 128 + 100 * np.cos(yy / 3.0), 128 + 60 * np.sin((xx + yy) / 5.0)], -1)
import imageio
imageio.imwrite("tiny.png", img.astype(np.uint8))
sys.argv = ["main_train.py", "--input_name", "tiny.png", "--not_cuda", "--manualSeed", "3", "--train_stages", "3",
            "--niter", "2", "--nfc", "8", "--min_size", "12", "--max_size", "30"] + (["--batch_norm"] if bn else [])
runpy.run_path(os.path.join(src, "main_train.py"), run_name="__main__")

run = [os.path.join(dp, d) for dp, ds, _ in os.walk(os.path.join(work, "TrainedModels")) for d in ds
       if d.startswith("20") and "_generation_" in d][0]
out = os.path.join(here, name)
shutil.rmtree(out, ignore_errors=True)
os.makedirs(out)
for f in ["parameters.txt", "G.pth", "fixed_noise.pth", "noise_amp.pth", "reals.pth"]:
    shutil.copy(os.path.join(run, f), out)
for s in range(3):
    os.makedirs(os.path.join(out, str(s)))
    for f in ["netG.pth", "netD.pth", "z_opt.pth"]:
        shutil.copy(os.path.join(run, str(s), f), os.path.join(out, str(s)))

# the official generator (the pickled module of G.pth) on fixed noise and on random noise
from ConSinGAN import functions
G = torch.load(os.path.join(run, "G.pth"))  # used as loaded (train mode), as their evaluate_model.py does
fixed = torch.load(os.path.join(run, "fixed_noise.pth"))
amp = torch.load(os.path.join(run, "noise_amp.pth"))
reals = torch.load(os.path.join(run, "reals.pth"))
shapes = [r.shape for r in reals]
torch.manual_seed(11)
opt = G.opt
noise = functions.sample_random_noise(len(shapes) - 1, shapes, opt)
with torch.no_grad():
    rec = G(fixed, shapes, amp)
    out_random = G(noise, shapes, amp)
torch.save({"noise": noise, "out": out_random, "reconstruction": rec},
           os.path.join(here, name + "-expected.pt"))
print("reals", [tuple(s) for s in shapes], "noise_amp", [float(a) for a in amp],
      "rec err", float((rec - reals[-1]).abs().mean()))
shutil.rmtree(work)
