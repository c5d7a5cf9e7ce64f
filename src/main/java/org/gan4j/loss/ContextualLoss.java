package org.gan4j.loss;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.nn.FeatureNormalize;
import org.gan4j.torch.Tensors;

/**
 * The contextual loss (Mechrez et al. 2018) as CoCosNet uses it for style (official {@code ContextualLoss_forward}):
 * features x_i of the output and y_j of the exemplar, centred by the exemplar's mean and L2-normalised, compared
 * by cosine distance, each row's distances normalised by its smallest, then a softmax-like affinity:
 * <pre>
 *   d_ij = 1 − x̂_iᵀ ŷ_j,   d̃_ij = d_ij / (min_k d_ik + 1e-3),   w_ij = exp((1 − d̃_ij)/h),   A_ij = w_ij / Σ_k w_ik
 *   CX(x, y) = (1/N) Σ_i max_j A_ij,    L_CX = −log CX                  h = 0.1 (bandwidth)
 * </pre>
 * Centring: by the exemplar's mean over positions per channel, or, with {@code --PONO}, over channels per position.
 * Returns one loss per sample; CoCosNet weighs 8·CX(r52) + 4·CX(r42) + 2·CX(avgpool2(r32)).
 */
public final class ContextualLoss {

    /** The official bandwidth. */
    public static final double H = 0.1;

    private ContextualLoss() {}

    /**
     * @param x           the output's features [N,C,H,W]
     * @param y           the exemplar's features [N,C,H',W'] (detached by the caller, as the official)
     * @param h           bandwidth (0.1)
     * @param positional  centre per position across channels (PONO) instead of per channel across positions
     */
    public static Tensor loss(Tensor x, Tensor y, double h, boolean positional) { // -> [N]
        long n = x.size(0);
        long c = x.size(1);
        Tensor mean = positional ? y.mean(new long[] {1}, true, new org.bytedeco.pytorch.ScalarTypeOptional())
                : y.view(n, c, -1).mean(new long[] {-1}, false, new org.bytedeco.pytorch.ScalarTypeOptional()).view(n, c, 1, 1);
        Tensor xHat = FeatureNormalize.apply(x.sub(mean)).view(n, c, -1); // [N,C,P]
        Tensor yHat = FeatureNormalize.apply(y.sub(mean)).view(n, c, -1); // [N,C,Q]
        Tensor d = torch.matmul(xHat.permute(0, 2, 1), yHat).neg().add(Tensors.s(1.0)); // [N,P,Q]
        Tensor dNorm = d.div(torch.amin(d, new long[] {-1}, true).add(Tensors.s(1e-3)));
        Tensor w = torch.exp(dNorm.neg().add(Tensors.s(1.0)).div(Tensors.s(h)));
        Tensor a = w.div(w.sum(new long[] {-1}, true, new org.bytedeco.pytorch.ScalarTypeOptional()));
        Tensor cx = torch.amax(a, new long[] {-1}, false).mean(new long[] {1}, false, new org.bytedeco.pytorch.ScalarTypeOptional());
        return cx.log().neg();
    }
}
