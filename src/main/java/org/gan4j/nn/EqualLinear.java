package org.gan4j.nn;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Tensors;

/**
 * Linear layer with equalized learning rate, rosinality's {@code EqualLinear} (keys {@code weight}
 * {@code [out,in]}, {@code bias} {@code [out]}): {@code y = x·(c·W)ᵀ + lr_mul·b} with
 * {@code c = lr_mul / sqrt(in)}, W stored as N(0, 1/lr_mul²); optionally followed by the fused leaky ReLU
 * (gain √2). With lr_mul = 0.01 (the mapping network) the effective learning rate of W and b is 100× lower.
 */
public final class EqualLinear extends Module {

    public final Tensor weight; // [O,I]
    public final Tensor bias;   // [O] or null
    private final double scale;
    private final double lrMul;
    private final boolean activate;

    /**
     * @param in       input features
     * @param out      output features
     * @param bias     whether to learn a bias
     * @param biasInit initial bias value (1 for the modulation of a modulated conv, so styles start at 1)
     * @param lrMul    learning-rate multiplier (0.01 in the mapping network, 1 elsewhere)
     * @param activate whether a fused leaky ReLU (slope 0.2, gain √2) follows ("fused_lrelu")
     */
    public EqualLinear(int in, int out, boolean bias, double biasInit, double lrMul, boolean activate) {
        this.weight = registerParameter("weight", Tensors.empty(out, in));
        Init.normal(weight, 0, 1);
        try (NoGrad ng = new NoGrad()) {
            weight.div_(Tensors.s(lrMul));
        }
        this.bias = bias ? registerParameter("bias", Init.fill(Tensors.empty(out), biasInit)) : null;
        this.scale = lrMul / Math.sqrt(in);
        this.lrMul = lrMul;
        this.activate = activate;
    }

    /** A plain equalized linear layer: bias 0, lr_mul 1, no activation. */
    public EqualLinear(int in, int out) {
        this(in, out, true, 0, 1, false);
    }

    public Tensor forward(Tensor x) { // [N,I] -> [N,O]
        Tensor w = weight.mul(Tensors.s(scale));
        Tensor b = bias == null ? null : lrMul == 1 ? bias : bias.mul(Tensors.s(lrMul));
        if (activate) {
            return FusedLeakyReLU.apply(torch.linear(x, w), b);
        }
        return b == null ? torch.linear(x, w) : torch.linear(x, w, b);
    }
}
