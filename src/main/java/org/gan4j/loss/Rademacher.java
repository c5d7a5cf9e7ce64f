package org.gan4j.loss;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Tensors;

/** Rademacher vectors (P(+1) = P(−1) = ½) from libtorch's global (seeded) generator, as the official {@code rademacher}. */
public final class Rademacher {

    private Rademacher() {}

    /** k vectors shaped like z: [k, *z.shape]. */
    public static Tensor like(Tensor z, int k) {
        long[] shape = new long[(int) z.dim() + 1];
        shape[0] = k;
        for (int d = 0; d < z.dim(); d++) {
            shape[d + 1] = z.size(d);
        }
        Tensor bits = Tensors.randint(2, shape); // 0 or 1 (int64)
        return bits.to(torch.ScalarType.Float).mul(Tensors.s(2.0)).sub(Tensors.s(1.0));
    }
}
