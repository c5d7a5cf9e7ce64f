package org.gan4j.nn;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.Tensors;

/** A FIR low-pass filter ({@link Upfirdn2d} without resampling) with its kernel in the buffer {@code kernel}, as rosinality's {@code Blur}. */
public final class Blur extends Module {

    public final Tensor kernel; // [k,k]
    private final int pad0;
    private final int pad1;

    /**
     * @param kernel          1-D kernel, e.g. [1, 3, 3, 1]; the filter is its normalised outer product
     * @param pad0            padding before, on both axes
     * @param pad1            padding after, on both axes
     * @param upsampleFactor  when the blur follows a stride-f transposed conv, the kernel is scaled by f² to keep
     *                        the signal's mean (1 otherwise)
     */
    public Blur(List<? extends Number> kernel, int pad0, int pad1, int upsampleFactor) {
        Tensor k = Upfirdn2d.makeKernel(kernel);
        if (upsampleFactor > 1) {
            k = k.mul(Tensors.s(upsampleFactor * upsampleFactor));
        }
        this.kernel = registerBuffer("kernel", k);
        this.pad0 = pad0;
        this.pad1 = pad1;
    }

    public Tensor forward(Tensor x) { // [N,C,H,W] -> [N,C,H+p0+p1-k+1,...]
        return Upfirdn2d.apply(x, kernel, 1, 1, pad0, pad1);
    }
}
