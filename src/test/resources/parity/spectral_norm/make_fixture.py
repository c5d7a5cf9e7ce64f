"""Fixture for nn/SpectralNormConv2d: PyTorch's own torch.nn.utils.spectral_norm (the hook NVlabs/SPADE wraps its
convolutions in) on a 3x3 conv, with fixed weights and a fixed input. Ours, not NVlabs code.

    /usr/bin/python3 make_fixture.py   # writes spectral_norm.pt beside this file
"""
import os

import torch
from torch.nn.utils import spectral_norm

torch.manual_seed(0)
conv = spectral_norm(torch.nn.Conv2d(5, 4, 3, padding=1))
start = {k: v.clone() for k, v in conv.state_dict().items()}  # weight_orig, bias, weight_u, weight_v
x = torch.randn(2, 5, 6, 7)
conv.train()
y_train1 = conv(x).detach()  # one power iteration, then W / sigma
after1 = {k: v.clone() for k, v in conv.state_dict().items()}
y_train2 = conv(x).detach()  # a second iteration
after2 = {k: v.clone() for k, v in conv.state_dict().items()}
conv.eval()
y_eval = conv(x).detach()  # no iteration: sigma from the stored u and v
torch.save({"start": start, "x": x, "y_train1": y_train1, "after1": after1, "y_train2": y_train2, "after2": after2,
            "y_eval": y_eval, "torch": str(torch.__version__)},
           os.path.join(os.path.dirname(os.path.abspath(__file__)), "spectral_norm.pt"), _use_new_zipfile_serialization=True)
print("keys", list(start), "sigma_svd", torch.linalg.svdvals(start["weight_orig"].reshape(4, -1))[0].item())
