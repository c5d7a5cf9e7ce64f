package org.gan4j.nn;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Tensors;

/**
 * Convolution with equalized learning rate, rosinality's {@code EqualConv2d} (keys {@code weight}
 * {@code [O,I,k,k]}, {@code bias} {@code [O]}): {@code y = conv(x, c·W) + b}, {@code c = 1 / sqrt(I·k²)},
 * W stored as N(0, 1), b initialised to 0.
 */
public final class EqualConv2d extends Module {

    public final Tensor weight; // [O,I,k,k]
    public final Tensor bias;   // [O] or null
    private final double scale;
    private final long[] stride;
    private final long[] padding;

    /**
     * @param in      input channels
     * @param out     output channels
     * @param kernel  square kernel size
     * @param stride  stride (2 after a blur for downsampling, else 1)
     * @param padding zero padding on each side
     * @param bias    whether to learn a bias
     */
    public EqualConv2d(int in, int out, int kernel, int stride, int padding, boolean bias) {
        this.weight = registerParameter("weight", Init.normal(Tensors.empty(out, in, kernel, kernel), 0, 1));
        this.bias = bias ? registerParameter("bias", Tensors.zeros(out)) : null;
        this.scale = 1 / Math.sqrt((double) in * kernel * kernel);
        this.stride = new long[] {stride, stride};
        this.padding = new long[] {padding, padding};
    }

    public Tensor forward(Tensor x) { // [N,I,H,W] -> [N,O,H',W']
        return torch.conv2d(x, weight.mul(Tensors.s(scale)), bias == null ? new TensorOptional() : new TensorOptional(bias),
                stride, padding, new long[] {1, 1}, 1);
    }
}
