package org.gan4j.nn;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Tensors;

/**
 * {@code torch.nn.InstanceNorm2d(C, affine=True, eps)}: every channel of every sample normalised by its own mean
 * and biased variance over H×W, then γ·x̂ + β; keys {@code weight} (γ, ones) and {@code bias} (β, zeros); no running
 * statistics.
 */
public final class AffineInstanceNorm extends Module implements Layer {

    public final Tensor weight; // [C]
    public final Tensor bias;   // [C]
    private final double eps;

    public AffineInstanceNorm(int channels, double eps) {
        this.eps = eps;
        weight = registerParameter("weight", Init.fill(Tensors.empty(channels), 1));
        bias = registerParameter("bias", Init.fill(Tensors.empty(channels), 0));
    }

    @Override
    public Tensor forward(Tensor x) { // [N,C,H,W] -> same
        return torch.instance_norm(x, new TensorOptional(weight), new TensorOptional(bias), new TensorOptional(),
                new TensorOptional(), true, 0.1, eps, false); // γ, β applied inside: no extra full-size tensors
    }
}
