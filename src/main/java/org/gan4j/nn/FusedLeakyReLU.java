package org.gan4j.nn;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Tensors;

/**
 * Bias, leaky ReLU (slope 0.2) and a gain of √2, with the bias under the key {@code bias}: rosinality's
 * {@code FusedLeakyReLU}, whose CPU path is {@code leaky_relu(x + b, 0.2) · √2}. The gain keeps the
 * activations' second moment at 1 for N(0,1) inputs (He et al.), as equalized learning rate assumes.
 */
public final class FusedLeakyReLU extends Module {

    /** √2, the gain that restores unit variance after a leaky ReLU with slope 0.2 (rounded as rosinality's). */
    public static final double GAIN = Math.sqrt(2);
    public static final double SLOPE = 0.2;

    public final Tensor bias; // [C] or null

    /**
     * @param channels channels of the input (size of {@code bias})
     * @param bias     whether to add a learned bias (initialised to 0)
     */
    public FusedLeakyReLU(int channels, boolean bias) {
        this.bias = bias ? registerParameter("bias", Tensors.zeros(channels)) : null;
    }

    public FusedLeakyReLU(int channels) {
        this(channels, true);
    }

    public Tensor forward(Tensor x) { // [N,C,...] -> [N,C,...]
        return apply(x, bias);
    }

    /** {@code leaky_relu(x + b, 0.2) · √2} with {@code b} broadcast along dim 1 ({@code b} may be null). */
    public static Tensor apply(Tensor x, Tensor b) {
        Tensor y = x;
        if (b != null) {
            long[] shape = new long[(int) x.dim()];
            java.util.Arrays.fill(shape, 1);
            shape[1] = b.size(0);
            y = x.add(b.view(shape));
        }
        try (Scalar slope = new Scalar(SLOPE); Scalar gain = new Scalar(GAIN)) {
            return torch.leaky_relu(y, slope).mul(gain);
        }
    }
}
