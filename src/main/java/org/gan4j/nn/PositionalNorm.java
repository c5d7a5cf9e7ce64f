package org.gan4j.nn;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Tensors;

/**
 * Positional normalisation (PONO, Li et al. 2019), CoCosNet's {@code PositionalNorm2d}: every pixel's feature
 * vector normalised across channels, (x − μ_C)/sqrt(σ²_C + 1e-5), with the unbiased channel variance as the
 * official code computes it ({@code x.var(dim=1)}). No parameters.
 */
public final class PositionalNorm {

    public static final double EPS = 1e-5;

    private PositionalNorm() {}

    public static Tensor apply(Tensor x) { // [N,C,H,W] -> same
        Tensor mean = x.mean(new long[] {1}, true, new org.bytedeco.pytorch.ScalarTypeOptional());
        Tensor std = torch.var(x, new long[] {1}, true, true).add(Tensors.s(EPS)).sqrt();
        return x.sub(mean).div(std);
    }
}
