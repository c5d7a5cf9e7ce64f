package org.gan4j.nn;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Tensors;

/**
 * {@code torch.nn.ConvTranspose2d} with keys {@code weight} [I,O,k,k] and {@code bias} [O], initialised as PyTorch
 * does: U(±1/√fan_in) where PyTorch's fan_in of a transposed weight is O·k·k (its second dimension), bias alike.
 */
public final class ConvTranspose2d extends Module implements Layer {

    public final Tensor weight; // [I,O,k,k]
    public final Tensor bias;   // [O] or null
    private final long[] stride;
    private final long[] padding;
    private static final long[] NO_OUTPUT_PADDING = {0, 0};
    private static final long[] ONE = {1, 1};

    public ConvTranspose2d(int in, int out, int kernel, int stride, int padding, boolean bias) {
        this.stride = new long[] {stride, stride};
        this.padding = new long[] {padding, padding};
        this.weight = registerParameter("weight", Tensors.empty(in, out, kernel, kernel));
        this.bias = bias ? registerParameter("bias", Tensors.empty(out)) : null;
        double bound = 1.0 / Math.sqrt((double) out * kernel * kernel);
        Init.uniform(weight, -bound, bound);
        if (this.bias != null) {
            Init.uniform(this.bias, -bound, bound);
        }
    }

    @Override
    public Tensor forward(Tensor x) { // [N,I,H,W] -> [N,O,(H-1)·s-2p+k,…]
        return torch.conv_transpose2d(x, weight, bias == null ? new TensorOptional() : new TensorOptional(bias), stride,
                padding, NO_OUTPUT_PADDING, 1, ONE);
    }
}
