"""Extracts what SuperResolutionQualityTest needs from a 'gan4j singan sr' run: the finest generator's weights
and noise amplitude (gan4j's model.pt is a PyTorch checkpoint), written with torch.save.

Usage (Debian's python3 with torch): python3 make_sr_fixture.py RUN/model.pt deadleaves-finest.pt
"""
import collections
import sys

import torch

m = torch.load(sys.argv[1])
finest = m['scales'][-1]
netG = collections.OrderedDict((k, v.clone()) for k, v in finest['netG'].items())
torch.save({'netG': netG, 'noise_amp': float(finest['noise_amp']), 'config': m['config']}, sys.argv[2])
