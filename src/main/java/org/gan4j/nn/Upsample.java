package org.gan4j.nn;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.Tensors;

/** Upsampling by zero insertion and a FIR filter (kernel × factor², buffer {@code kernel}), as rosinality's {@code Upsample}: {@code [N,C,H,W] -> [N,C,fH,fW]}. */
public final class Upsample extends Module {

    public final Tensor kernel; // [k,k]
    private final int factor;
    private final int pad0;
    private final int pad1;

    /**
     * @param kernel 1-D kernel, e.g. [1, 3, 3, 1]
     * @param factor upsampling factor (2 in StyleGAN2)
     */
    public Upsample(List<? extends Number> kernel, int factor) {
        this.factor = factor;
        this.kernel = registerBuffer("kernel", Upfirdn2d.makeKernel(kernel).mul(Tensors.s(factor * factor)));
        int p = kernel.size() - factor;
        this.pad0 = (p + 1) / 2 + factor - 1;
        this.pad1 = p / 2;
    }

    public Tensor forward(Tensor x) { // [N,C,H,W] -> [N,C,fH,fW]
        return Upfirdn2d.apply(x, kernel, factor, 1, pad0, pad1);
    }
}
