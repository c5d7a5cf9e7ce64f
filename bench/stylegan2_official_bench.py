"""Times the official rosinality Generator forward (no grad, stored noise, z input) on CPU, as
bench/Stylegan2Bench.java does for gan4j. Ours, not rosinality's code; it imports model.py from the path given
(a CPU copy whose op/ does not compile CUDA extensions; see src/test/resources/parity/stylegan2/README.md).

    /usr/bin/python3 bench/stylegan2_official_bench.py /path/to/stylegan2-pytorch-cpu SIZE BATCH ITERS [WARMUP] [THREADS]
"""
import statistics
import sys
import time

sys.path.insert(0, sys.argv[1])
import torch  # noqa: E402
from model import Generator  # noqa: E402

size, batch, iters = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
warmup = int(sys.argv[5]) if len(sys.argv) > 5 else 3
threads = int(sys.argv[6]) if len(sys.argv) > 6 else 1
torch.set_num_threads(threads)
torch.manual_seed(0)
g = Generator(size, 512, 8, channel_multiplier=2).eval()
ms = []
with torch.no_grad():
    for i in range(-warmup, iters):
        z = torch.randn(batch, 512)
        t0 = time.perf_counter()
        img, _ = g([z], randomize_noise=False)
        img.sum().item()
        if i >= 0:
            ms.append((time.perf_counter() - t0) * 1000)
print(f"official G forward {size}px batch {batch} threads {threads}: median {statistics.median(ms):.1f} ms, "
      f"mean {statistics.mean(ms):.1f} ms ({iters} iters), torch {torch.__version__}")
