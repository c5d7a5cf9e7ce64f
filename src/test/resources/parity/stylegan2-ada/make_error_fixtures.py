"""Makes the pickles of the generators gan4j refuses, for AdaPickleTest's error lines (see README.md).

Usage: /usr/bin/python3 make_error_fixtures.py /path/to/stylegan2-ada-pytorch /path/to/stylegan3 [out_dir]

Each file is a tiny random-weight network pickled as the official training loops write snapshots (only G_ema
and augment_pipe=None, to keep the files small).
"""
import copy
import os
import pickle
import subprocess
import sys

import torch

ada, sg3 = sys.argv[1], sys.argv[2]
out = sys.argv[3] if len(sys.argv) > 3 else os.path.dirname(os.path.abspath(__file__))
if len(sys.argv) > 4:  # child process: one repository per process, both name their packages the same
    sys.path.insert(0, sys.argv[4])
    import dnnlib
    torch.manual_seed(15)
    tiny = dict(z_dim=8, w_dim=8, img_resolution=8, img_channels=3, mapping_kwargs=dnnlib.EasyDict(num_layers=1))
    if sys.argv[5] == 'stylegan3':
        G = dnnlib.util.construct_class_by_name(class_name='training.networks_stylegan3.Generator', c_dim=0,
                                                channel_base=64, channel_max=4, num_layers=3, **tiny)
        runs = {'stylegan3.pkl': G}
    else:
        runs = {}
        for name, c_dim, arch in [('conditional.pkl', 2, 'skip'), ('resnet.pkl', 0, 'resnet')]:
            runs[name] = dnnlib.util.construct_class_by_name(
                class_name='training.networks.Generator', c_dim=c_dim, **tiny,
                synthesis_kwargs=dnnlib.EasyDict(channel_base=16, channel_max=4, architecture=arch))
    for name, G in runs.items():
        data = dict(G_ema=copy.deepcopy(G).eval().requires_grad_(False).cpu(), augment_pipe=None)
        with open(os.path.join(out, name), 'wb') as f:
            pickle.dump(data, f)
        print(name, os.path.getsize(os.path.join(out, name)), 'bytes')
else:
    for repo, kind in [(ada, 'ada'), (sg3, 'stylegan3')]:
        subprocess.run([sys.executable, __file__, ada, sg3, out, repo, kind], check=True)
