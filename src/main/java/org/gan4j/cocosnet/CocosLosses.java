package org.gan4j.cocosnet;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.loss.ContextualLoss;
import org.gan4j.torch.Resize;
import org.gan4j.torch.Tensors;
import org.gan4j.torch.dist.World;

/**
 * CoCosNet's exemplar losses (official {@code Pix2PixModel.compute_generator_loss}), on the VGG19 features
 * φ_l = relu1_2 … relu5_2 ({@link CocosVgg}), unweighted; the trainer multiplies by the config's weights:
 * <pre>
 *   L_fm   = Σ_l w_l · mean(|φ_l(x̂) − φ_l(x_B)| · s)    w = (1/32, 1/16, 1/8, 1/4, 1), s_b = self_b / (Σ self + 1e-5)
 *   L_perc = mean((φ_5(x̂) − φ_5(x_B))²)                 relu5_2 (or relu4_2)
 *   L_CX   = 8·CX(φ_5(x̂), φ_5(y_B)) + 4·CX(φ_4, φ_4) + 2·CX(pool2 φ_3, pool2 φ_3)     (batch means)
 *   L_mask = Σ_u a_u · −log(M·m_B)(u, c_u) / (Σ_u a_u + 1e-5)   c = x_A's class at 1/4, a = 0 where c is absent from y_B
 * </pre>
 * The feature matching counts only pseudo pairs (s = 0 for retrieved exemplars), whose ground truth is the
 * exemplar's own picture.
 */
final class CocosLosses {

    /** The official layer weights of the feature matching. */
    static final double[] FM_WEIGHTS = {1.0 / 32, 1.0 / 16, 1.0 / 8, 1.0 / 4, 1.0};

    private CocosLosses() {}

    /**
     * L_fm over relu1_2..relu5_2; {@code selfRef} [B] is 1 for pseudo pairs, {@code selfRefCount} their number in
     * the whole (global) batch, by which the official code normalises.
     */
    static Tensor featureMatching(List<Tensor> fake, List<Tensor> real, Tensor selfRef, double selfRefCount) {
        Tensor s = selfRefWeights(selfRef, selfRefCount);
        Tensor loss = null;
        for (int l = 0; l < fake.size(); l++) {
            Tensor t = fake.get(l).sub(real.get(l)).abs().mul(s).mean().mul(Tensors.s(FM_WEIGHTS[l]));
            loss = loss == null ? t : loss.add(t);
        }
        return loss;
    }

    /** Each pseudo pair's weight selfRef / (Σ selfRef + 1e-5), the sum over the global batch: [B,1,1,1]. */
    static Tensor selfRefWeights(Tensor selfRef, double selfRefCount) {
        return selfRef.div(Tensors.s(selfRefCount + 1e-5)).view(-1, 1, 1, 1);
    }

    /** L_perc: the MSE of one layer's features. */
    static Tensor perceptual(Tensor fake, Tensor real) {
        return fake.sub(real).pow(Tensors.s(2.0)).mean();
    }

    /** L_CX against the exemplar's features ({@code positional}: PONO centring). */
    static Tensor contextual(List<Tensor> fake, List<Tensor> ref, boolean positional) {
        Tensor c5 = ContextualLoss.loss(fake.get(4), ref.get(4), ContextualLoss.H, positional).mean().mul(Tensors.s(8.0));
        Tensor c4 = ContextualLoss.loss(fake.get(3), ref.get(3), ContextualLoss.H, positional).mean().mul(Tensors.s(4.0));
        Tensor c3 = ContextualLoss.loss(torch.avg_pool2d(fake.get(2), new long[] {2, 2}),
                torch.avg_pool2d(ref.get(2), new long[] {2, 2}), ContextualLoss.H, positional).mean().mul(Tensors.s(2.0));
        return c5.add(c4).add(c3);
    }

    /**
     * L_mask: the NLL of the input's classes under the warped exemplar labels.
     *
     * @param warpMask  M·m_B [B,C,h,w]
     * @param labels    the input's class ids [B,H,W] int64
     * @param refLabels the exemplar's class ids [B,H,W] int64
     * @param ignoreId  a class never scored (the don't-care id), or −1
     * @param world     the data-parallel job: the ratio's denominator is summed over its ranks and this rank's part
     *                  weighted by N, so that the ranks' mean is the global batch's ratio
     */
    static Tensor warpedMask(Tensor warpMask, Tensor labels, Tensor refLabels, int ignoreId, World world) {
        long b = warpMask.size(0);
        long c = warpMask.size(1);
        int h = (int) warpMask.size(2);
        int w = (int) warpMask.size(3);
        Tensor gt = quarter(labels, h, w).view(b, 1, -1); // [B,1,hw]
        Tensor ref = quarter(refLabels, h, w).view(b, -1); // [B,hw]
        // which classes the exemplar has (at the same 1/4 sampling as the official)
        Tensor present = Tensors.zeros(b, c).scatter(1, ref, Tensors.s(1.0)); // [B,C]
        Tensor a = present.gather(1, gt.squeeze(1)); // [B,hw]
        if (ignoreId >= 0) {
            a = a.mul(gt.squeeze(1).ne(Tensors.s((long) ignoreId)).to(torch.ScalarType.Float));
        }
        Tensor nll = warpMask.add(Tensors.s(1e-10)).log().view(b, c, -1).gather(1, gt).squeeze(1).neg(); // [B,hw]
        Tensor scored = world.sum(List.of(a.sum().reshape(1))).get(0).reshape(new long[0]); // Σa over the global batch
        return nll.mul(a).sum().mul(Tensors.s((double) world.size())).div(scored.add(Tensors.s(1e-5)));
    }

    /** Class ids at h × w, nearest (the official F.interpolate(scale_factor=0.25, mode='nearest')). */
    private static Tensor quarter(Tensor ids, int h, int w) {
        Tensor f = ids.unsqueeze(1).to(torch.ScalarType.Float);
        return Resize.nearest(f, h, w).to(torch.ScalarType.Long);
    }

    /** mean |a − b|. */
    static Tensor l1(Tensor a, Tensor b) {
        return a.sub(b).abs().mean();
    }
}
