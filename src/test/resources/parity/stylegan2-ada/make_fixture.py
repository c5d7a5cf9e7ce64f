"""Makes the StyleGAN2-ADA .pkl parity fixture for gan4j (see README.md).

Usage: /usr/bin/python3 make_fixture.py /path/to/stylegan2-ada-pytorch [out_dir]

Builds a small random-weight Generator and Discriminator with the official classes, pickles them as
training/training_loop.py writes a snapshot, and records G_ema's images for fixed z with the official forward.
"""
import copy
import os
import pickle
import sys

import numpy as np
import torch

ref = sys.argv[1]
out = sys.argv[2] if len(sys.argv) > 2 else os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, ref)
import dnnlib  # noqa: E402
from torch_utils import misc  # noqa: E402
from training import networks  # noqa: E402

torch.set_num_threads(1)
torch.manual_seed(15)
np.random.seed(15)

RES = 32
CLAMP = 1.0  # small enough that the clamp bites on random weights (256 as in train.py would never be reached)
common = dict(c_dim=0, img_resolution=RES, img_channels=3)
# As train.py builds G_kwargs (EasyDicts, constructed by class name), with a small channel table.
G_kwargs = dnnlib.EasyDict(class_name='training.networks.Generator', z_dim=64, w_dim=64,
                           mapping_kwargs=dnnlib.EasyDict(), synthesis_kwargs=dnnlib.EasyDict())
G_kwargs.synthesis_kwargs.channel_base = 512
G_kwargs.synthesis_kwargs.channel_max = 16
G_kwargs.synthesis_kwargs.num_fp16_res = 2  # b16 and b32 are fp16 layers; they are run here with force_fp32
G_kwargs.synthesis_kwargs.conv_clamp = CLAMP
G_kwargs.mapping_kwargs.num_layers = 2
D_kwargs = dnnlib.EasyDict(class_name='training.networks.Discriminator', block_kwargs=dnnlib.EasyDict(),
                           mapping_kwargs=dnnlib.EasyDict(), epilogue_kwargs=dnnlib.EasyDict())
D_kwargs.channel_base = 256
D_kwargs.channel_max = 16
D_kwargs.num_fp16_res = 2
D_kwargs.conv_clamp = 256

G = dnnlib.util.construct_class_by_name(**G_kwargs, **common).train().requires_grad_(False)
D = dnnlib.util.construct_class_by_name(**D_kwargs, **common).train().requires_grad_(False)

# Random values for everything the official init leaves at 0 or 1 (biases, noise strengths, w_avg), so every
# parameter and buffer takes part in the comparison.
with torch.no_grad():
    for name, p in G.named_parameters():
        if name.endswith('bias') or name.endswith('noise_strength'):
            p.copy_(p + 0.5 * torch.randn_like(p))
    G.mapping.w_avg.copy_(torch.randn_like(G.mapping.w_avg))
    # One layer without a clamp, to check that gan4j reads conv_clamp per layer.
    G.synthesis.b8.conv0.conv_clamp = None
G_ema = copy.deepcopy(G).eval()

# Pickled as training/training_loop.py writes network-snapshot-*.pkl.
snapshot_data = dict(training_set_kwargs=dict(class_name='training.dataset.ImageFolderDataset', path='faces.zip',
                                              use_labels=False, max_size=None, xflip=False, resolution=RES))
for name, module in [('G', G), ('D', D), ('G_ema', G_ema), ('augment_pipe', None)]:
    if module is not None:
        module = copy.deepcopy(module).eval().requires_grad_(False).cpu()
    snapshot_data[name] = module
    del module
with open(os.path.join(out, 'tiny-ada.pkl'), 'wb') as f:
    pickle.dump(snapshot_data, f)

# Reload it as generate.py does (legacy.load_network_pkl -> pickle.load), then render.
with open(os.path.join(out, 'tiny-ada.pkl'), 'rb') as f:
    G_ema = pickle.load(f)['G_ema']
z = torch.randn([3, G_ema.z_dim], generator=torch.Generator().manual_seed(42))
expected = dict(z=z)
clamped = []
for layer in [m for m in G_ema.modules() if isinstance(m, (networks.SynthesisLayer, networks.ToRGBLayer))]:
    layer.register_forward_hook(lambda m, i, o: clamped.append(float((o.abs() >= CLAMP).float().mean())))
with torch.no_grad():
    for key, psi in [('img_psi1', 1.0), ('img_psi07', 0.7)]:
        ws = G_ema.mapping(z, None, truncation_psi=psi)
        img = G_ema(z, None, truncation_psi=psi, noise_mode='const', force_fp32=True)
        expected[key] = img
        expected[key.replace('img', 'ws')] = ws
        print(key, tuple(img.shape), 'max |img|', float(img.abs().max()))
print('fraction of layer outputs at +-CLAMP (psi=1):', [round(c, 3) for c in clamped[:len(clamped) // 2]])
torch.save(expected, os.path.join(out, 'expected.pt'))
print('pkl bytes', os.path.getsize(os.path.join(out, 'tiny-ada.pkl')))
