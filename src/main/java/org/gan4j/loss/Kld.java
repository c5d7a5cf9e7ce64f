package org.gan4j.loss;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

/**
 * The VAE terms of SPADE's image encoder (Kingma and Welling 2014; Park et al. 2019, Sec. 3.3 and appendix B):
 * the KL divergence of the encoder's posterior N(μ, diag(σ²)), logvar = log σ², from the prior N(0, I), as the
 * official {@code KLDLoss},
 * <pre>
 *   KL(N(μ, σ²) ‖ N(0, I)) = −½ Σ (1 + logvar − μ² − exp(logvar))
 * </pre>
 * summed over every element, batch included (not a mean: the loss grows with the batch size; under
 * {@code DataParallel} the official sums each GPU's share and the trainer averages the GPUs), and the
 * reparameterisation z = μ + ε·exp(½·logvar). SPADE weights the divergence by λ_kld = {@link #LAMBDA}; the
 * caller multiplies, as the official {@code generate_fake} does ({@code KLDLoss(mu, logvar) * lambda_kld}).
 */
public final class Kld {

    /** SPADE's default {@code --lambda_kld}. */
    public static final double LAMBDA = 0.05;

    private Kld() {}

    /**
     * The unweighted divergence.
     *
     * @param mu     μ, any shape (SPADE: [N, z_dim])
     * @param logvar log σ², the shape of {@code mu}
     * @return a scalar with a graph to both
     */
    public static Tensor divergence(Tensor mu, Tensor logvar) {
        return logvar.add(new Scalar(1.0)).sub(mu.pow(new Scalar(2.0))).sub(logvar.exp()).sum()
                .mul(new Scalar(-0.5));
    }

    /**
     * z = μ + ε·exp(½·logvar), with a graph to μ and logvar.
     *
     * @param eps ε ~ N(0, I) of μ's shape, drawn by the caller (the official draws {@code randn_like} inside;
     *            a seeded draw outside keeps runs repeatable and resumable)
     */
    public static Tensor reparameterize(Tensor mu, Tensor logvar, Tensor eps) {
        return eps.mul(logvar.mul(new Scalar(0.5)).exp()).add(mu);
    }
}
