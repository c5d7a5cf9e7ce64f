"""Times the official ConSinGAN training (tohinz/ConSinGAN, train_mode generation, its defaults: 6 stages, train
depth 3, lr scale 0.1, nfc 64) per iteration at every stage, as bench/ConSinGANBench.java does for gan4j. Ours, not
the official code: it imports the official package from the path given, runs its train() with --niter ITERS on the
given image and times each call of train_single_scale (a wrapper records start and end), so a stage's time per
iteration is its wall time over ITERS (the stage's setup and end-of-stage saving included, as in a real run).
The official loop also writes 25 samples at its first and last iteration of every stage (generate_samples) and
JPEGs of the fake and reconstruction; those are replaced by no-ops here, so that only training is timed.

    /usr/bin/python3 bench/consingan_official_train_bench.py OFFICIAL_CONSINGAN IMAGE MAX_SIZE ITERS [THREADS]

OFFICIAL_CONSINGAN: a checkout of tohinz/ConSinGAN. tensorboard and albumentations (only imported, or used by the
editing mode) are replaced by empty stand-ins. Writes the official outputs into a temp dir.
"""
import os
import resource
import sys
import tempfile
import time

official, image, max_size, iters = sys.argv[1], os.path.abspath(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
threads = int(sys.argv[5]) if len(sys.argv) > 5 else 2
sys.path.insert(0, official)
import consingan_stubs  # noqa: E402  (bench/, next to this script)
import matplotlib  # noqa: E402

matplotlib.use("Agg")
import torch  # noqa: E402

torch.set_num_threads(threads)
consingan_stubs.install()

from ConSinGAN.config import get_arguments  # noqa: E402
import ConSinGAN.functions as functions  # noqa: E402
import ConSinGAN.training_generation as training  # noqa: E402

parser = get_arguments()
parser.add_argument("--input_name", default=image)
parser.add_argument("--naive_img", default="")
parser.add_argument("--gpu", type=int, default=0)
parser.add_argument("--train_mode", default="generation")
parser.add_argument("--lr_scale", type=float, default=0.1)
parser.add_argument("--train_stages", type=int, default=6)
parser.add_argument("--fine_tune", action="store_true", default=0)
parser.add_argument("--model_dir", default="")
work = tempfile.mkdtemp()
os.chdir(work)
opt = parser.parse_args(["--not_cuda", "--max_size", str(max_size), "--niter", str(iters), "--manualSeed", "1"])
opt = functions.post_config(opt)

times = []
inner = training.train_single_scale


def timed(*args, **kwargs):
    t0 = time.perf_counter()
    out = inner(*args, **kwargs)
    times.append(time.perf_counter() - t0)
    return out


training.train_single_scale = timed
training.generate_samples = lambda *a, **k: None
training.functions.save_image = lambda *a, **k: None
print(f"image {image}, max size {max_size}, threads {threads}, torch {torch.__version__}")
t_all = time.perf_counter()
training.train(opt)
for n, t in enumerate(times):
    print(f"stage {n}: {1000 * t / iters:.1f} ms/iteration")
print(f"official: {sum(times) / iters / len(times) * 1000:.1f} ms/iteration on average over {len(times)} stages, "
      f"{time.perf_counter() - t_all:.1f} s in all; peak RSS "
      f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")
