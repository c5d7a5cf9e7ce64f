package org.gan4j.gangealing;

import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Tensors;

/**
 * GANgealing's regularisers on the residual flow Δ {@code [N,H,W,2]} ({@code models/losses/loss.py}).
 * <pre>  L_TV = mean h(|Δ(y) − Δ(y+1)|) + mean h(|Δ(x) − Δ(x+1)|),  h(a) = a²/2 if a ≤ 1 else a − 1/2  (Huber)
 *  L_I  = mean Δ²</pre>
 */
public final class CongealingLosses {

    private CongealingLosses() {}

    /** L_TV over the whole batch (a scalar). */
    public static Tensor totalVariation(Tensor delta) {
        return huber(diff(delta, 1)).mean().add(huber(diff(delta, 2)).mean());
    }

    /** L_TV per image {@code [N]}: a flow's roughness, lower when smoother (flip choice, flow scores). */
    public static Tensor totalVariationPerImage(Tensor delta) {
        long[] dims = {1, 2, 3};
        return huber(diff(delta, 1)).mean(dims, false, new ScalarTypeOptional())
                .add(huber(diff(delta, 2)).mean(dims, false, new ScalarTypeOptional()));
    }

    /** L_I: the residual flow's mean square. */
    public static Tensor flowIdentity(Tensor delta) {
        return delta.pow(Tensors.s(2)).mean();
    }

    private static Tensor diff(Tensor delta, int dim) {
        long n = delta.size(dim);
        return delta.narrow(dim, 0, n - 1).sub(delta.narrow(dim, 1, n - 1)).abs();
    }

    private static Tensor huber(Tensor a) {
        return torch.where(a.le(Tensors.s(1.0)), a.pow(Tensors.s(2)).mul(Tensors.s(0.5)), a.sub(Tensors.s(0.5)));
    }
}
