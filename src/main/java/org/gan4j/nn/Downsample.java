package org.gan4j.nn;

import java.util.List;
import org.bytedeco.pytorch.Tensor;

/** A FIR filter followed by keeping every {@code factor}-th pixel (buffer {@code kernel}), as rosinality's {@code Downsample}: {@code [N,C,H,W] -> [N,C,H/f,W/f]}. */
public final class Downsample extends Module {

    public final Tensor kernel; // [k,k]
    private final int factor;
    private final int pad0;
    private final int pad1;

    /**
     * @param kernel 1-D kernel, e.g. [1, 3, 3, 1]
     * @param factor downsampling factor (2 in StyleGAN2)
     */
    public Downsample(List<? extends Number> kernel, int factor) {
        this.factor = factor;
        this.kernel = registerBuffer("kernel", Upfirdn2d.makeKernel(kernel));
        int p = kernel.size() - factor;
        this.pad0 = (p + 1) / 2;
        this.pad1 = p / 2;
    }

    public Tensor forward(Tensor x) { // [N,C,H,W] -> [N,C,H/f,W/f]
        return Upfirdn2d.apply(x, kernel, 1, factor, pad0, pad1);
    }
}
