package org.gan4j.nn;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Tensors;

/** Pixelwise feature normalisation (ProGAN, Eq. in Sec. 4.2): {@code x / sqrt(mean_c(x²) + 1e-8)} over dim 1; no parameters. */
public final class PixelNorm extends Module {

    public Tensor forward(Tensor x) { // [N,C,...] -> [N,C,...]
        return x.mul(torch.rsqrt(x.square().mean(new long[] {1}, true, new org.bytedeco.pytorch.ScalarTypeOptional())
                .add(Tensors.s(1e-8))));
    }
}
