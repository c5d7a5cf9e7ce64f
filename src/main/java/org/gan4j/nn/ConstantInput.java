package org.gan4j.nn;

import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.Tensors;

/** The learned constant that starts StyleGAN's synthesis network (key {@code input} {@code [1,C,s,s]}, N(0,1)), repeated over the batch. */
public final class ConstantInput extends Module {

    public final Tensor input; // [1,C,s,s]

    /**
     * @param channels channels of the constant
     * @param size     its side (4 in StyleGAN2)
     */
    public ConstantInput(int channels, int size) {
        this.input = registerParameter("input", Init.normal(Tensors.empty(1, channels, size, size), 0, 1));
    }

    public Tensor forward(long batch) { // -> [N,C,s,s]
        return input.repeat(batch, 1, 1, 1);
    }
}
