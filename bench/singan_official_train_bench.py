"""Times the official SinGAN training (train() from SinGAN/training.py, unchanged but for the issue #110 fix) per
iteration at every scale, as bench/SinGANBench.java does for gan4j. Ours, not the official code: it imports the
official package from the path given, runs its own train() with --niter ITERS on the given image and times each
call of train_single_scale (a wrapper records start and end), so a scale's time per iteration is its wall time over
ITERS (the scale's setup and its end-of-scale saving included, as in a real run; they are small at ITERS >= 20).

    OMP_NUM_THREADS=T /usr/bin/python3 bench/singan_official_train_bench.py OFFICIAL_SINGAN IMAGE MAX_SIZE ITERS [THREADS]

OFFICIAL_SINGAN: a checkout of tamarott/SinGAN (mirror daobook/SinGAN-1) in which the generator loop of
train_single_scale recomputes the fake before its 2nd and 3rd step (`if j > 0: fake = netG(noise.detach(), prev)`,
the fix of the official issues #110/#137 without which torch >= 1.5 refuses the second step). Writes the
official outputs into a temp dir.
"""
import os
import resource
import sys
import tempfile
import time

official, image, max_size, iters = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
threads = int(sys.argv[5]) if len(sys.argv) > 5 else 1
sys.path.insert(0, official)
import matplotlib  # noqa: E402

matplotlib.use("Agg")
import torch  # noqa: E402

torch.set_num_threads(threads)
from config import get_arguments  # noqa: E402
import SinGAN.functions as functions  # noqa: E402
import SinGAN.training as training  # noqa: E402

parser = get_arguments()
parser.add_argument("--input_dir", default=os.path.dirname(os.path.abspath(image)))
parser.add_argument("--input_name", default=os.path.basename(image))
parser.add_argument("--mode", default="train")
work = tempfile.mkdtemp()
os.chdir(work)
opt = parser.parse_args(["--not_cuda", "--max_size", str(max_size), "--niter", str(iters)])
opt = functions.post_config(opt)
opt.manualSeed = 1
torch.manual_seed(1)

times = []
inner = training.train_single_scale


def timed(*args, **kwargs):
    t0 = time.perf_counter()
    out = inner(*args, **kwargs)
    times.append(time.perf_counter() - t0)
    return out


training.train_single_scale = timed
real = functions.read_image(opt)
functions.adjust_scales2image(real, opt)
print(f"image {image}, max size {max_size}, {opt.stop_scale + 1} scales, threads {threads}, torch {torch.__version__}")
training.train(opt, [], [], [], [])
for n, t in enumerate(times):
    print(f"scale {n}: {1000 * t / iters:.1f} ms/iteration")
print(f"official sum over scales: {sum(times) / iters:.3f} s/iteration; peak RSS "
      f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")
