package org.gan4j.nn;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * How the 3×3 convolutions of a SPADE layer and block see beyond the map: SPADE's zero padding, or CoCosNet's
 * reflection padding ({@code nn.ReflectionPad2d} before a convolution with padding 0).
 */
public enum Padding {
    ZERO,
    REFLECT;

    /** x reflection-padded by p on every side (REFLECT), or x itself (ZERO: the convolution pads). */
    public Tensor pad(Tensor x, int p) { // [N,C,H,W] -> [N,C,H+2p,W+2p] or x
        return this == ZERO || p == 0 ? x : torch.reflection_pad2d(x, new long[] {p, p, p, p});
    }

    /** The padding the convolution itself applies. */
    public int convPadding(int p) {
        return this == ZERO ? p : 0;
    }
}
