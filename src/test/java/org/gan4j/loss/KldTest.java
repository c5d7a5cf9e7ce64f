package org.gan4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.FloatBounds;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.Test;

/** SPADE's KL divergence and reparameterisation against the closed form, computed in double. */
class KldTest {

    private static final float[] MU = {0.5f, -1.25f, 0f, 2f, -0.3f, 0.7f};
    private static final float[] LOGVAR = {0f, 0.4f, -1.5f, 1.1f, -0.2f, -3f};

    @Test
    void divergenceIsTheClosedFormSummedOverBatchAndDimensions() {
        try (Scope s = new Scope()) {
            Tensor mu = Tensors.of(MU, 2, 3);
            Tensor logvar = Tensors.of(LOGVAR, 2, 3);
            // KL(N(μ, σ²) ‖ N(0, 1)) = ½(σ² + μ² − 1 − log σ²) per dimension, summed over the batch too
            double want = 0;
            double magnitude = 0; // Σ of the absolute values of the terms that are rounded and added
            for (int i = 0; i < MU.length; i++) {
                double var = Math.exp(LOGVAR[i]);
                want += 0.5 * (var + MU[i] * MU[i] - 1 - LOGVAR[i]);
                magnitude += 1 + Math.abs(LOGVAR[i]) + MU[i] * MU[i] + var;
            }
            // float32: per element 1 + lv, μ², exp (≤ 1 ulp in libtorch's kernels: 2 u), two subtractions, then
            // a 6-term sum and the ½: γ_(6 + 6 + 1) relative to the magnitudes added
            double tol = FloatBounds.gamma(6 + 6 + 1) * 0.5 * magnitude;
            assertThat(Kld.divergence(mu, logvar).item_double()).isCloseTo(want, within(tol));
            // the prior itself: log 1 = 0, exp(0) = 1 exactly
            assertThat(Kld.divergence(torch.zeros(4, 8), torch.zeros(4, 8)).item_double()).isZero();
            // one unit-variance dimension at μ = 1: ½ exactly, and a sum (not a mean) over 4 samples: 2
            assertThat(Kld.divergence(torch.ones(4, 1), torch.zeros(4, 1)).item_double()).isEqualTo(2.0);
        }
    }

    @Test
    void divergenceGradientsAreMuAndHalfOfVarianceMinusOne() {
        try (Scope s = new Scope()) {
            Tensor mu = Tensors.of(MU, 2, 3).requires_grad_(true);
            Tensor logvar = Tensors.of(LOGVAR, 2, 3).requires_grad_(true);
            Kld.divergence(mu, logvar).backward();
            float[] gm = Tensors.floats(mu.grad());
            float[] gl = Tensors.floats(logvar.grad());
            for (int i = 0; i < MU.length; i++) {
                // ∂/∂μ = −½·(−2μ) = μ (two roundings); ∂/∂logvar = −½(1 − e^lv) (exp, a subtraction, a product)
                assertThat((double) gm[i]).isCloseTo(MU[i], within(FloatBounds.gamma(2) * Math.abs(MU[i])));
                double var = Math.exp(LOGVAR[i]);
                assertThat((double) gl[i]).isCloseTo(0.5 * (var - 1), within(FloatBounds.gamma(5) * (1 + var)));
            }
        }
    }

    @Test
    void reparameterisationIsMuPlusEpsTimesStd() {
        try (Scope s = new Scope()) {
            float[] eps = {1f, -0.5f, 2f, 0f, -1.5f, 0.25f};
            Tensor mu = Tensors.of(MU, 2, 3).requires_grad_(true);
            Tensor logvar = Tensors.of(LOGVAR, 2, 3).requires_grad_(true);
            Tensor z = Kld.reparameterize(mu, logvar, Tensors.of(eps, 2, 3));
            float[] zv = Tensors.floats(z);
            z.sum().backward();
            float[] gl = Tensors.floats(logvar.grad());
            for (int i = 0; i < MU.length; i++) {
                double std = Math.exp(0.5 * LOGVAR[i]);
                // ½·lv, exp (2 u), ε·σ, + μ: γ_5 of the larger of |μ| and |ε·σ|
                double tol = FloatBounds.gamma(5) * (Math.abs(MU[i]) + Math.abs(eps[i] * std));
                assertThat((double) zv[i]).isCloseTo(MU[i] + eps[i] * std, within(tol));
                // ∂z/∂logvar = ½·ε·σ
                assertThat((double) gl[i]).isCloseTo(0.5 * eps[i] * std, within(FloatBounds.gamma(6) * Math.abs(eps[i] * std)));
            }
            assertThat(Tensors.floats(mu.grad())).containsOnly(1f);
        }
    }
}
