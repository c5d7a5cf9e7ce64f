"""Times the official CoCosNet (microsoft/CoCosNet) training step and translation on CPU, as bench/CocosBench.java
does for gan4j. Ours, not the official code: it imports the official packages from the path given and runs them
unchanged, with the few CPU fixes below applied at run time (no file of the official code is modified).

    /usr/bin/python3 bench/cocosnet_official_bench.py --cocosnet /work/ref/CoCosNet \
        --sync-bn /work/ref/Synchronized-BatchNorm-PyTorch --mode train --size 64 --batch 4 \
        --ngf 64 --ndf 64 --iters 20 --warmup 3 --threads 1 [--vgg FILE] [--d-attention]
    ... --mode translate --size 64 --batch 1 --iters 20 --warmup 3 --threads 1

--mode train: the official options (TrainOptions().parse(), from a command line as train.py gets it with the
released ade20k recipe: --dataset_mode ade20k --use_attention --maskmix --warp_mask_losstype direct --weight_mask
100 --PONO --PONO_C --vgg_normal_correct, plus --label_nc 10 --crop_size SIZE --load_size SIZE --batchSize BATCH
--ngf 64 --ndf NDF --gpu_ids -1), the official Pix2PixTrainer built from them (Pix2PixModel: netCorr
NoVGGCorrespondence, netG SPADEGenerator, netD MultiscaleDiscriminator num_D 2, n_layers_D 4; hinge GAN, feature
matching, VGG feature matching, perceptual, contextual, domain alignment and warped-mask losses; TTUR Adam) and one
training iteration as train.py runs it: run_generator_one_step(data) then run_discriminator_one_step(data), i.e.
model(data, mode='generator') + backward + optimizer_G.step(), then mode='discriminator' on the same fake +
backward + optimizer_D.step().

--mode translate: the official TestOptions with the same network flags (as test.py), Pix2PixModel in eval mode
and model(data, mode='inference') (correspondence and generator without gradient), batch BATCH (1). No checkpoint:
random initial weights (util.load_network finds none and keeps them).

Widths, so that the networks are those of CocosBench.java: the correspondence at --ngf 64 (the only width the
official code runs: its trunk and theta/phi are 256 wide whatever --ngf is, and the adaptors end at 4*ngf), netG
at NGF (define_G given a copy of the options with ngf NGF), netD at NDF. Classes: 10 one-hot channels, as
builtin:scenes (the ade20k dataset mode turns contain_dontcare_label on; it is turned off after parsing so that
semantic_nc = label_nc = 10, as gan4j's input). netD as the official --use_attention builds it (an Attention block
before its last strided layer, as gan4j's PatchGan.cocosnet); --no-d-attention builds it without.

Run-time fixes for CPU (the official code assumes CUDA):
  * --gpu_ids -1 leaves opt.gpu_ids = [], but Pix2PixTrainer and Pix2PixModel call .to(opt.gpu_ids[0]): gpu_ids
    becomes an empty list whose item 0 is 'cpu' (so use_gpu() stays False and .to('cpu') works).
  * preprocess_input converts data['label_ref'] to integers only on its GPU branch, and scatter_ needs int64
    indices: a wrapper converts it first, as on the GPU path.
  * models/vgg19_conv.pth (the VGG19 of the losses, not shipped; nothing is downloaded): a file of the same
    layout (conv1_1.weight ... conv5_4.bias, VGG19's shapes) with seeded random weights, written by a child
    process (so its memory is not this process's) to --vgg FILE or a temporary directory, and torch.load is
    redirected to it for that path. gan4j's side runs its fixed-seed random VGG19: same network, other values.
  * cv2 (imported by data/celebahqedge_dataset.py at option parsing, unused here): an empty stand-in if absent.
  * util/util.py reads ./util/color150.mat at import: the process runs from the official directory.

Data: random, as a batch of the official ade20k loader gives it, made before timing: label maps of 10 classes as
float ids [B,1,H,W] (blocks of 8x8 pixels), images, exemplars in [-1, 1], exemplar label maps, self_ref flags
[B,3,H,W] (1 for pseudo pairs with probability 0.3, the official real_reference_probability 0.7). The loader is
not timed; preprocess_input (the one-hot scatter) is, on both modes.

Prints the median, min and max over ITERS timed iterations after WARMUP, and the process's peak RSS (ru_maxrss).
Threads: torch.set_num_threads(THREADS); run it with OMP_NUM_THREADS=THREADS too (the driver does; OpenBLAS, the
openmp or the pthread build, reads it).
"""
import argparse
import atexit
import contextlib
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import types
import warnings

warnings.filterwarnings("ignore")

# VGG19's convolutions as vgg19_conv.pth holds them (the official VGG19_feature_color_torchversion's names)
VGG19 = [("conv1_1", 3, 64), ("conv1_2", 64, 64), ("conv2_1", 64, 128), ("conv2_2", 128, 128),
         ("conv3_1", 128, 256), ("conv3_2", 256, 256), ("conv3_3", 256, 256), ("conv3_4", 256, 256),
         ("conv4_1", 256, 512), ("conv4_2", 512, 512), ("conv4_3", 512, 512), ("conv4_4", 512, 512),
         ("conv5_1", 512, 512), ("conv5_2", 512, 512), ("conv5_3", 512, 512), ("conv5_4", 512, 512)]

if len(sys.argv) == 3 and sys.argv[1] == "--write-vgg":  # the child process that writes the weights file
    import collections
    import torch

    g = torch.Generator().manual_seed(19)
    sd = collections.OrderedDict()
    for name, cin, cout in VGG19:  # He-scaled, so that activations keep their size through the 16 layers
        sd[name + ".weight"] = torch.randn(cout, cin, 3, 3, generator=g) * (2.0 / (cin * 9)) ** 0.5
        sd[name + ".bias"] = torch.zeros(cout)
    tmp = sys.argv[2] + ".part"
    torch.save(sd, tmp)
    os.replace(tmp, sys.argv[2])
    sys.exit(0)

ap = argparse.ArgumentParser()
ap.add_argument("--cocosnet", required=True, help="export of microsoft/CoCosNet (its .py files and util/color150.mat)")
ap.add_argument("--sync-bn", required=True, help="vacancy/Synchronized-BatchNorm-PyTorch (unless the export has "
                "models/networks/sync_batchnorm)")
ap.add_argument("--mode", choices=["train", "translate"], default="train")
ap.add_argument("--size", type=int, default=64)
ap.add_argument("--batch", type=int, default=None, help="default 4 (train), 1 (translate)")
ap.add_argument("--ngf", type=int, default=64, help="netG's width (netCorr runs at 64)")
ap.add_argument("--ndf", type=int, default=64)
ap.add_argument("--label-nc", type=int, default=10)
ap.add_argument("--iters", type=int, default=20)
ap.add_argument("--warmup", type=int, default=3)
ap.add_argument("--threads", type=int, default=1)
ap.add_argument("--vgg", default=None, help="random-weight vgg19_conv.pth to use (written if absent; default: a "
                "temporary file)")
ap.add_argument("--no-d-attention", dest="d_attention", action="store_false",
                help="netD without the official --use_attention block")
ap.add_argument("--describe", action="store_true", help="also print the networks' parameter counts and the losses")
a = ap.parse_args()
batch = a.batch if a.batch is not None else (4 if a.mode == "train" else 1)
root = os.path.abspath(a.cocosnet)
sync_bn = os.path.abspath(a.sync_bn)

work = tempfile.mkdtemp(prefix="cocosnet-bench-")  # checkpoints_dir, dataroot (nothing is read from them)
atexit.register(shutil.rmtree, work, True)
vgg_file = os.path.abspath(a.vgg) if a.vgg else os.path.join(work, "vgg19_conv.pth")
if a.mode == "train" and not os.path.isfile(vgg_file):
    subprocess.run([sys.executable, os.path.abspath(__file__), "--write-vgg", vgg_file], check=True)

import torch  # noqa: E402

torch.set_num_threads(a.threads)

# --- imports of the official code -------------------------------------------------------------------------
os.chdir(root)  # util/util.py does scio.loadmat('./util/color150.mat') at import
sys.path.insert(0, root)
if not os.path.isdir(os.path.join(root, "models", "networks", "sync_batchnorm")):
    sys.path.insert(0, sync_bn)
    import sync_batchnorm  # noqa: E402  vacancy/Synchronized-BatchNorm-PyTorch, unchanged

    sys.modules["models.networks.sync_batchnorm"] = sync_batchnorm
try:
    import cv2  # noqa: F401,E402
except ImportError:  # data/celebahqedge_dataset.py imports it at the top; option parsing imports that module
    sys.modules["cv2"] = types.ModuleType("cv2")

import models.networks as networks  # noqa: E402
from models.pix2pix_model import Pix2PixModel  # noqa: E402

# --- run-time fixes for CPU (see the docstring) -----------------------------------------------------------
_torch_load = torch.load


def _load(f, *args, **kw):
    if isinstance(f, str) and os.path.normpath(f) == os.path.join("models", "vgg19_conv.pth"):
        f = vgg_file
    return _torch_load(f, *args, **kw)


torch.load = _load

_preprocess = Pix2PixModel.preprocess_input


def _preprocess_cpu(self, data):
    data["label_ref"] = data["label_ref"].long()  # what the GPU branch does; scatter_ needs int64
    return _preprocess(self, data)


Pix2PixModel.preprocess_input = _preprocess_cpu


class CpuIds(list):
    """An empty gpu_ids (use_gpu() is False) whose item 0 is 'cpu', for the .to(opt.gpu_ids[0]) calls."""

    def __getitem__(self, i):
        return "cpu"


def with_opt(define, **over):
    def f(opt):
        o = argparse.Namespace(**vars(opt))
        for k, v in over.items():
            setattr(o, k, v)
        return define(o)

    return f


networks.define_G = with_opt(networks.define_G, ngf=a.ngf)
if not a.d_attention:
    networks.define_D = with_opt(networks.define_D, use_attention=False)

# --- options, as train.py / test.py parse them ------------------------------------------------------------
argv = ["--name", "bench", "--dataset_mode", "ade20k", "--dataroot", work, "--checkpoints_dir", work,
        "--gpu_ids", "-1", "--nThreads", "0", "--label_nc", str(a.label_nc), "--crop_size", str(a.size),
        "--load_size", str(a.size), "--batchSize", str(batch), "--ngf", "64",
        "--use_attention", "--maskmix", "--warp_mask_losstype", "direct", "--PONO", "--PONO_C",
        "--vgg_normal_correct"]
if a.mode == "train":
    from options.train_options import TrainOptions as Options  # noqa: E402

    sys.argv = ["train.py"] + argv + ["--ndf", str(a.ndf), "--weight_mask", "100"]
else:
    from options.test_options import TestOptions as Options  # noqa: E402

    sys.argv = ["test.py"] + argv
with contextlib.redirect_stdout(io.StringIO()):  # print_options
    opt = Options().parse()
opt.contain_dontcare_label = False  # builtin:scenes' 10 channels (ade20k mode would add a don't-care one)
opt.semantic_nc = opt.label_nc
opt.gpu_ids = CpuIds()

torch.manual_seed(0)
with contextlib.redirect_stdout(io.StringIO()):  # print_network, "not find model"
    if a.mode == "train":
        from trainers.pix2pix_trainer import Pix2PixTrainer  # noqa: E402

        trainer = Pix2PixTrainer(opt)
        model = trainer.pix2pix_model
    else:
        model = Pix2PixModel(opt)
        model.eval()

gen = torch.Generator().manual_seed(1)
H = W = a.size


def label_map(n):  # float ids, as the loader's ToTensor()*255 gives them; blocks of 8x8 pixels
    coarse = torch.randint(0, opt.label_nc, (n, 1, max(1, H // 8), max(1, W // 8)), generator=gen).float()
    return torch.nn.functional.interpolate(coarse, size=(H, W), mode="nearest")


def batch_data(n):
    self_ref = (torch.rand(n, 1, 1, 1, generator=gen) >= opt.real_reference_probability
                if a.mode == "train" else torch.zeros(n, 1, 1, 1, dtype=torch.bool))
    return {"label": label_map(n), "image": torch.rand(n, 3, H, W, generator=gen) * 2 - 1,
            "path": ["x.jpg"] * n, "self_ref": self_ref.float().expand(n, 3, H, W).contiguous(),
            "ref": torch.rand(n, 3, H, W, generator=gen) * 2 - 1, "label_ref": label_map(n)}


datas = [batch_data(batch) for _ in range(4)]

if a.mode == "train":
    def run(i):
        data = datas[i % len(datas)]
        trainer.run_generator_one_step(dict(data))  # preprocess_input replaces entries of its dict
        trainer.run_discriminator_one_step(dict(data))
else:
    def run(i):
        model(dict(datas[i % len(datas)]), mode="inference")

before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
ms = []
for i in range(a.warmup + a.iters):
    t0 = time.perf_counter()
    run(i)
    dt = (time.perf_counter() - t0) * 1000
    if i >= a.warmup:
        ms.append(dt)

peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
if a.describe:
    print(f"semantic_nc {opt.semantic_nc}; " + ", ".join(
        f"{k} {sum(p.numel() for p in n.parameters())} parameters" for k, n in model.net.items() if n is not None))
    if a.mode == "train":
        print("netD attention: " + str(any(hasattr(d, "attn") for d in model.net["netD"].children())) + "; parameters"
              " outside its unused dec layers: " + str(sum(p.numel() for k, p in model.net["netD"].named_parameters()
                                                          if ".dec." not in k)))
        print("losses: G " + ", ".join(trainer.g_losses) + "; D " + ", ".join(trainer.d_losses))
what = "train step" if a.mode == "train" else "translation"
print(f"official {what} {a.size}px batch {batch} ngf {a.ngf} ndf {a.ndf}{' D-attention' if a.d_attention else ''} "
      f"threads {a.threads} (torch {torch.__version__}): median {statistics.median(ms):.1f} ms (min {min(ms):.1f}, "
      f"max {max(ms):.1f}, {a.iters} after {a.warmup}); peak RSS before the first {before:.0f} MB; peak RSS "
      f"{peak:.0f} MB")
