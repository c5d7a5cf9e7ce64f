package org.gan4j.nn;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Tensors;

/** 2-D convolution with state-dict keys {@code weight} and {@code bias}, initialised as {@code torch.nn.Conv2d}. */
public final class Conv2d extends Module implements Layer {

    public final Tensor weight; // [O,I,k,k]
    public final Tensor bias;   // [O] or null
    private final long[] stride;
    private final long[] padding;
    private final long[] dilation = {1, 1};

    /**
     * @param in      input channels
     * @param out     output channels
     * @param kernel  square kernel size
     * @param stride  stride (1 in every method so far)
     * @param padding zero padding on each side (SinGAN uses 0 and pads its inputs instead)
     * @param bias    whether to add a learned bias
     */
    public Conv2d(int in, int out, int kernel, int stride, int padding, boolean bias) {
        this.stride = new long[] {stride, stride};
        this.padding = new long[] {padding, padding};
        this.weight = registerParameter("weight", Tensors.empty(out, in, kernel, kernel));
        this.bias = bias ? registerParameter("bias", Tensors.empty(out)) : null;
        // PyTorch's default: kaiming_uniform(a=sqrt(5)) == U(-1/sqrt(fan_in), 1/sqrt(fan_in)), same bound for bias.
        double bound = 1.0 / Math.sqrt((double) in * kernel * kernel);
        Init.uniform(weight, -bound, bound);
        if (this.bias != null) {
            Init.uniform(this.bias, -bound, bound);
        }
    }

    public Conv2d(int in, int out, int kernel) {
        this(in, out, kernel, 1, 0, true);
    }

    public Tensor forward(Tensor x) { // [N,I,H,W] -> [N,O,H',W']
        return torch.conv2d(x, weight, bias == null ? new TensorOptional() : new TensorOptional(bias), stride, padding,
                dilation, 1);
    }
}
