package org.gan4j.singan;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Rng;
import org.gan4j.torch.Tensors;

/** SinGAN's noise maps: Gaussian, one channel broadcast to three at the coarsest scale, zero-padded. */
final class Noise {

    private Noise() {}

    /**
     * [n,3,h+2·pad,w+2·pad]: N(0,1) inside, zeros in the border.
     *
     * @param singleChannel draw one channel and repeat it (the coarsest scale)
     */
    static Tensor draw(int n, long h, long w, boolean singleChannel, int pad) {
        Tensor z = singleChannel ? Tensors.randn(n, 1, h, w).expand(n, 3, h, w) : Tensors.randn(n, 3, h, w);
        return pad(z, pad);
    }

    /** As {@link #draw(int, long, long, boolean, int)} from the given generator. */
    static Tensor draw(Rng rng, int n, long h, long w, boolean singleChannel, int pad) {
        Tensor z = singleChannel ? rng.randn(n, 1, h, w).expand(n, 3, h, w) : rng.randn(n, 3, h, w);
        return pad(z, pad);
    }

    /** Zero padding on all four sides (nn.ZeroPad2d). */
    static Tensor pad(Tensor x, int p) {
        return p == 0 ? x.contiguous() : torch.constant_pad_nd(x, p, p, p, p);
    }

    /** The top-left crop to at most h x w (Python slicing x[:, :, :h, :w]). */
    static Tensor crop(Tensor x, long h, long w) {
        return x.narrow(2, 0, Math.min(h, x.size(2))).narrow(3, 0, Math.min(w, x.size(3)));
    }
}
