"""rosinality's StyleGAN2 networks with another channel table (ours, not rosinality's code; model.py must be
importable, its folder on sys.path, before this module is imported).

- Generator: rosinality's own constructor runs unchanged; it sets and then reads `self.channels`, and the
  subclass made by `small_generator_class` turns that attribute into the given table (a property whose setter
  ignores the official dict).
- Discriminator: rosinality's constructor keeps its table in a local variable, so `small_discriminator` builds
  the official one and then replaces its three parts with official layers of the table's widths: a 1x1 from-RGB
  ConvLayer, one ResBlock per halving from `size` down to 4x4, a 3x3 ConvLayer on the features plus the
  minibatch-stddev channel, and the two EqualLinear layers of the head.
Forward passes, layers and ops are all rosinality's.
"""
import math

from torch import nn

import model as official


def table(channel_max, channel_base, channel_multiplier):
    return {2 ** r: min(channel_max, channel_base * channel_multiplier // 2 ** r) for r in range(2, 11)}


def small_generator_class(channels):
    """A subclass of official.Generator whose channel table is `channels` (resolution -> width)."""
    return type("SmallGenerator", (official.Generator,),
                {"channels": property(lambda self: channels, lambda self, official_table: None)})


def SmallGenerator(size, style_dim, n_mlp, channels, lr_mlp=0.01):
    return small_generator_class(channels)(size, style_dim, n_mlp, lr_mlp=lr_mlp)


def SmallDiscriminator(size, channels):
    d = official.Discriminator(size)
    widths = [channels[2 ** r] for r in range(int(math.log(size, 2)), 1, -1)]  # size, size/2, ..., 4
    d.convs = nn.Sequential(official.ConvLayer(3, widths[0], 1),
                            *[official.ResBlock(a, b) for a, b in zip(widths, widths[1:])])
    d.final_conv = official.ConvLayer(widths[-1] + 1, widths[-1], 3)
    d.final_linear = nn.Sequential(official.EqualLinear(widths[-1] * 4 * 4, widths[-1], activation="fused_lrelu"),
                                   official.EqualLinear(widths[-1], 1))
    return d
