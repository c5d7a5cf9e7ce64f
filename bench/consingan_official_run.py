"""Runs the official ConSinGAN training (tohinz/ConSinGAN main_train.py, unchanged) on CPU, for the quality
comparison in docs/singan.md: the run folder it writes imports into gan4j with `gan4j import consingan`, whose
samples bench/SinGANQuality.java then scores like gan4j's. tensorboard and albumentations (only imported by the
generation mode) are replaced by empty stand-ins. Ours, not the official code.

    OMP_NUM_THREADS=2 /usr/bin/python3 bench/consingan_official_run.py OFFICIAL_CONSINGAN WORK_DIR -- MAIN_TRAIN_ARGS...

e.g. `... /path/to/ConSinGAN /tmp/off -- --input_name /abs/landscape.png --not_cuda --max_size 128 --niter 500
--manualSeed 1`; the run lands in WORK_DIR/TrainedModels/<image>/<timestamp>_generation_.../.
"""
import os
import runpy
import sys

official, work = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
args = sys.argv[sys.argv.index("--") + 1:]
sys.path.insert(0, official)
import consingan_stubs  # noqa: E402  (bench/, next to this script)
import matplotlib  # noqa: E402

matplotlib.use("Agg")
consingan_stubs.install()
os.makedirs(work, exist_ok=True)
os.chdir(work)
sys.argv = ["main_train.py"] + args
runpy.run_path(os.path.join(official, "main_train.py"), run_name="__main__")
