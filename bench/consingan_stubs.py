"""Empty stand-ins for the two packages the official ConSinGAN code imports but the benches do not need:
albumentations (used only by its editing mode's augmentation) and tensorboard's SummaryWriter (only logs). Ours,
shared by bench/consingan_official_train_bench.py and bench/consingan_official_run.py; call install() before
importing the official code."""
import sys
import types


class SummaryWriter:
    def __init__(self, *a, **k): pass

    def add_scalar(self, *a, **k): pass

    def add_image(self, *a, **k): pass

    def close(self): pass


def install():
    alb = types.ModuleType("albumentations")
    for n in "HueSaturationValue IAAAdditiveGaussianNoise GaussNoise OneOf Compose MultiplicativeNoise ToSepia " \
             "ChannelDropout ChannelShuffle Cutout InvertImg".split():
        setattr(alb, n, object)
    sys.modules["albumentations"] = alb
    tb = types.ModuleType("torch.utils.tensorboard")
    tb.SummaryWriter = SummaryWriter
    sys.modules["torch.utils.tensorboard"] = tb
