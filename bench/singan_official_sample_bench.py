"""Times the official SinGAN sampler (SinGAN_generate from manipulate.py, unchanged) on a model trained by gan4j,
as bench/SinGANSampleBench.java does for gan4j. Ours, not the official code: it imports the official package from
the path given, builds one official GeneratorConcatSkip2CleanAdd per scale, loads gan4j's model.pt into them with
load_state_dict (the key names are the official ones) and calls SinGAN_generate with the official arguments.

    OMP_NUM_THREADS=T /usr/bin/python3 bench/singan_official_sample_bench.py OFFICIAL_SINGAN MODEL_PT COUNT [THREADS]

OFFICIAL_SINGAN: a checkout of tamarott/SinGAN (mirror daobook/SinGAN-1). Writes the official PNGs to a temp dir.
"""
import resource
import sys
import tempfile
import time

official, model_pt, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
threads = int(sys.argv[4]) if len(sys.argv) > 4 else 1
sys.path.insert(0, official)
import torch  # noqa: E402

torch.set_num_threads(threads)
from config import get_arguments  # noqa: E402
import SinGAN.functions as functions  # noqa: E402
import SinGAN.models as models  # noqa: E402
from SinGAN.manipulate import SinGAN_generate  # noqa: E402

ck = torch.load(model_pt)
cfg = ck["config"]
parser = get_arguments()
parser.add_argument("--input_name", default="bench.png")
parser.add_argument("--mode", default="train")
opt = parser.parse_args(["--not_cuda", "--min_size", str(cfg["minSize"]), "--max_size", str(cfg["maxSize"])])
opt = functions.post_config(opt)
opt.out = tempfile.mkdtemp()
opt.scale_factor = ck["scale_factor"]
Gs, Zs, reals, amps = [], [], [], []
for n, s in enumerate(ck["scales"]):
    opt.nfc = opt.min_nfc = s["netG"]["head.conv.weight"].shape[0]
    g = models.GeneratorConcatSkip2CleanAdd(opt)
    g.load_state_dict(s["netG"])
    functions.reset_grads(g, False)
    g.eval()
    Gs.append(g)
    Zs.append(s["z_opt"])
    reals.append(s["real"])
    amps.append(float(s["noise_amp"]))
torch.manual_seed(0)
SinGAN_generate(Gs, Zs, reals, amps, opt, num_samples=1)  # warm-up
t0 = time.perf_counter()
SinGAN_generate(Gs, Zs, reals, amps, opt, num_samples=count)
dt = time.perf_counter() - t0
h, w = reals[-1].shape[2:]
print(f"official SinGAN_generate: {count} samples {w}x{h}, {len(Gs)} scales, threads {threads}: {dt:.2f} s "
      f"({dt / count * 1000:.0f} ms per sample, PNGs included); peak RSS "
      f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB; torch {torch.__version__}")
