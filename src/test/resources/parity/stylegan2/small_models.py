"""The official StyleGAN2 networks with a given channel table (ours, not rosinality's code): subclasses of
rosinality's model.Generator / model.Discriminator that restate only __init__, line for line the official
constructor with the channel table passed in. Forward passes, layers and ops are the official ones.
model.py must be importable (its folder on sys.path) before this module is imported.
"""
import math

import torch
from torch import nn

import model as official


def table(channel_max, channel_base, channel_multiplier):
    return {2 ** r: min(channel_max, channel_base * channel_multiplier // 2 ** r) for r in range(2, 11)}


class SmallGenerator(official.Generator):
    """official.Generator.__init__ with a given channel table; forward/make_noise/mean_latent are official."""

    def __init__(self, size, style_dim, n_mlp, channels, blur_kernel=[1, 3, 3, 1], lr_mlp=0.01):
        nn.Module.__init__(self)
        self.size = size
        self.style_dim = style_dim
        layers = [official.PixelNorm()]
        for i in range(n_mlp):
            layers.append(official.EqualLinear(style_dim, style_dim, lr_mul=lr_mlp, activation="fused_lrelu"))
        self.style = nn.Sequential(*layers)
        self.channels = channels
        self.input = official.ConstantInput(self.channels[4])
        self.conv1 = official.StyledConv(self.channels[4], self.channels[4], 3, style_dim, blur_kernel=blur_kernel)
        self.to_rgb1 = official.ToRGB(self.channels[4], style_dim, upsample=False)
        self.log_size = int(math.log(size, 2))
        self.num_layers = (self.log_size - 2) * 2 + 1
        self.convs = nn.ModuleList()
        self.upsamples = nn.ModuleList()
        self.to_rgbs = nn.ModuleList()
        self.noises = nn.Module()
        in_channel = self.channels[4]
        for layer_idx in range(self.num_layers):
            res = (layer_idx + 5) // 2
            shape = [1, 1, 2 ** res, 2 ** res]
            self.noises.register_buffer(f"noise_{layer_idx}", torch.randn(*shape))
        for i in range(3, self.log_size + 1):
            out_channel = self.channels[2 ** i]
            self.convs.append(official.StyledConv(in_channel, out_channel, 3, style_dim, upsample=True,
                                                  blur_kernel=blur_kernel))
            self.convs.append(official.StyledConv(out_channel, out_channel, 3, style_dim, blur_kernel=blur_kernel))
            self.to_rgbs.append(official.ToRGB(out_channel, style_dim))
            in_channel = out_channel
        self.n_latent = self.log_size * 2 - 2


class SmallDiscriminator(official.Discriminator):
    """official.Discriminator.__init__ with a given channel table; forward is official."""

    def __init__(self, size, channels, blur_kernel=[1, 3, 3, 1]):
        nn.Module.__init__(self)
        convs = [official.ConvLayer(3, channels[size], 1)]
        log_size = int(math.log(size, 2))
        in_channel = channels[size]
        for i in range(log_size, 2, -1):
            out_channel = channels[2 ** (i - 1)]
            convs.append(official.ResBlock(in_channel, out_channel, blur_kernel))
            in_channel = out_channel
        self.convs = nn.Sequential(*convs)
        self.stddev_group = 4
        self.stddev_feat = 1
        self.final_conv = official.ConvLayer(in_channel + 1, channels[4], 3)
        self.final_linear = nn.Sequential(
            official.EqualLinear(channels[4] * 4 * 4, channels[4], activation="fused_lrelu"),
            official.EqualLinear(channels[4], 1),
        )
