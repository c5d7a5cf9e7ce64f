package org.gan4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.FloatBounds;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.Test;

/** The WGAN-GP penalty against hand computations. */
class GradientPenaltyTest {

    @Test
    void linearCriticGivesTheNormOfItsWeightsAtEveryPixel() {
        try (Scope s = new Scope()) {
            // D(x) = w·x + b per pixel (a 1x1 conv): ∇x D = w everywhere, so GP = λ(‖w‖ - 1)².
            Tensor w = Tensors.of(new float[] {0.6f, 0.8f, 2.0f}, 1, 3, 1, 1).requires_grad_(true);
            Tensor b = Tensors.of(new float[] {0.3f}, 1);
            Tensor real = torch.randn(2, 3, 4, 5);
            Tensor fake = torch.randn(2, 3, 4, 5);
            double lambda = 0.1;
            Tensor gp = GradientPenalty.wgangp(x -> torch.conv2d(x, w).add(b.view(1, 1, 1, 1)), real, fake, 0.3, lambda);
            double norm = Math.sqrt(0.36 + 0.64 + 4.0);
            // float32: a mean of 40 equal positive terms (γ_40), each (‖w‖ - 1)² of a 3-term norm (γ_6) amplified by
            // 2‖w‖/(‖w‖ - 1) < 4 for ‖w‖ = 2.24; the hand value takes w exactly, the tensor rounded (one more u).
            double rel = FloatBounds.gamma(40 + 4 * 7);
            assertThat(gp.item_double()).isCloseTo(lambda * (norm - 1) * (norm - 1), within(rel * lambda * (norm - 1) * (norm - 1)));

            // create_graph: the penalty's gradient reaches the critic's weights, dGP/dw_c = 2λ(‖w‖-1)·w_c/‖w‖.
            gp.backward();
            float[] g = Tensors.floats(w.grad());
            float[] wv = {0.6f, 0.8f, 2.0f};
            for (int c = 0; c < 3; c++) {
                double want = 2 * lambda * (norm - 1) * wv[c] / norm; // summed over the 40 pixels: equal terms
                assertThat((double) g[c]).isCloseTo(want, within(rel * Math.abs(want)));
            }
        }
    }

    @Test
    void nonlinearCriticIsEvaluatedAtTheInterpolate() {
        try (Scope s = new Scope()) {
            // D(x) = Σ_c a_c x_c² per pixel: ∇ = 2 a_c x̂_c with x̂ = α·real + (1-α)·fake; norm over channels.
            Tensor a = Tensors.of(new float[] {1f, -2f, 0.5f}, 1, 3, 1, 1);
            Tensor real = torch.randn(1, 3, 3, 3);
            Tensor fake = torch.randn(1, 3, 3, 3);
            double alpha = 0.7;
            Tensor gp = GradientPenalty.wgangp(x -> x.pow(new Scalar(2)).mul(a).sum(new long[] {1}, true, new org.bytedeco.pytorch.ScalarTypeOptional()),
                    real, fake, alpha, 1.0);
            float[] r = Tensors.floats(real);
            float[] f = Tensors.floats(fake);
            float[] av = {1f, -2f, 0.5f};
            double sum = 0;
            double sensitivity = 0; // Σ_p ∂(n_p - 1)²/∂n_p · n_p + (n_p - 1)²: how a relative error in n_p shows
            for (int p = 0; p < 9; p++) {
                double sq = 0;
                for (int c = 0; c < 3; c++) {
                    double xh = alpha * r[c * 9 + p] + (1 - alpha) * f[c * 9 + p];
                    double gc = 2 * av[c] * xh;
                    sq += gc * gc;
                }
                sum += Math.pow(Math.sqrt(sq) - 1, 2);
                sensitivity += 2 * Math.abs(Math.sqrt(sq) - 1) * Math.sqrt(sq) + Math.pow(Math.sqrt(sq) - 1, 2);
            }
            // float32: the interpolate and 2a·x̂ (4 roundings), a 3-term norm (γ_5), then -1, square, and the mean of 9
            assertThat(gp.item_double()).isCloseTo(sum / 9, within(FloatBounds.gamma(4 + 5 + 2 + 9) * sensitivity / 9));
        }
    }
}
