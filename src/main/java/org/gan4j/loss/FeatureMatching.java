package org.gan4j.loss;

import java.util.List;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Tensors;

/**
 * pix2pixHD's discriminator feature-matching loss (Wang et al. 2018, Eq. 4) as SPADE's
 * {@code compute_generator_loss} computes it (Park et al. 2019): for K discriminators, each returning features
 * D_k^(1..T_k) followed by its prediction,
 * <pre>
 *   L_FM = Σ_k Σ_{j &lt; T_k} λ_feat/K · mean| D_k^(j)(G(s)) − sg(D_k^(j)(x)) |      sg = stop-gradient (detach)
 * </pre>
 * The last output of each discriminator (its prediction) is left out; the real features are detached, so the
 * loss reaches the generator (and the discriminator through the fake features only; SPADE steps only G with it).
 * λ_feat is applied to every term before the sum, in the official order, so the numbers match its
 * float32 rounding; 0-dim here where the official accumulates into a [1] tensor.
 */
public final class FeatureMatching {

    /** SPADE's default {@code --lambda_feat}. */
    public static final double LAMBDA = 10.0;

    private FeatureMatching() {}

    /** L_FM with λ_feat = {@link #LAMBDA}. */
    public static Tensor loss(List<List<Tensor>> predFake, List<List<Tensor>> predReal) {
        return loss(predFake, predReal, LAMBDA);
    }

    /**
     * @param predFake per discriminator, its outputs on generated images (last = the prediction, ignored)
     * @param predReal per discriminator, its outputs on real images, in the same layout (detached here)
     * @param lambda   λ_feat
     * @return a scalar with a graph to {@code predFake}'s features
     */
    public static Tensor loss(List<List<Tensor>> predFake, List<List<Tensor>> predReal, double lambda) {
        if (predFake.size() != predReal.size()) {
            throw new IllegalArgumentException("outputs of " + predFake.size() + " discriminators on fakes but "
                    + predReal.size() + " on reals");
        }
        int numD = predFake.size();
        Tensor sum = Tensors.zeros(new long[] {});
        for (int k = 0; k < numD; k++) {
            List<Tensor> fake = predFake.get(k);
            List<Tensor> real = predReal.get(k);
            if (fake.size() != real.size()) {
                throw new IllegalArgumentException("discriminator " + k + " has " + fake.size()
                        + " outputs on fakes but " + real.size() + " on reals");
            }
            for (int j = 0; j < fake.size() - 1; j++) {
                Tensor l1 = torch.l1_loss(fake.get(j), real.get(j).detach());
                sum = sum.add(l1.mul(new Scalar(lambda)).div(new Scalar(numD)));
            }
        }
        return sum;
    }
}
