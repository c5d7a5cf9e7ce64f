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

/** The logistic loss, R1 and path length against hand computations (in doubles, from the same numbers). */
class Stylegan2LossesTest {

    private static double softplus(double x) {
        return Math.log1p(Math.exp(x));
    }

    @Test
    void logisticLossesAreSoftplusMeans() {
        try (Scope s = new Scope()) {
            float[] real = {1.5f, -0.5f, 3f, 0f};
            float[] fake = {-2f, 0.25f};
            Tensor r = Tensors.of(real, 4, 1);
            Tensor f = Tensors.of(fake, 2, 1);
            double dReal = 0;
            for (float x : real) {
                dReal += softplus(-x) / real.length;
            }
            double dFake = 0;
            double g = 0;
            for (float x : fake) {
                dFake += softplus(x) / fake.length;
                g += softplus(-x) / fake.length;
            }
            // float32 softplus (a vectorised exp and log1p, a few ulps each: 8 roundings' worth) then a mean of at most
            // 4 positive terms and one sum: relative γ_13 of the (positive) value
            double rel = FloatBounds.gamma(8 + 4 + 1);
            assertThat(Logistic.dLoss(r, f).item_double()).isCloseTo(dReal + dFake, within(rel * (dReal + dFake)));
            assertThat(Logistic.dRealTerm(r).item_double()).isCloseTo(dReal, within(rel * dReal));
            assertThat(Logistic.gLoss(f).item_double()).isCloseTo(g, within(rel * g));
            // At D = 0 everywhere the discriminator's loss is 2·log 2 and the generator's log 2.
            assertThat(Logistic.dLoss(torch.zeros(3, 1), torch.zeros(3, 1)).item_double()).isCloseTo(2 * Math.log(2), within(rel * 2 * Math.log(2)));
        }
    }

    @Test
    void r1IsTheMeanSquaredGradientNormOfTheRealLogits() {
        try (Scope s = new Scope()) {
            // D(x)_n = Σ_{c,h,w} a_c·x + ½·x²  ⇒  ∂D/∂x = a_c + x,  R1 = mean_n Σ (a_c + x)²
            float[] a = {0.5f, -1f, 2f};
            Tensor av = Tensors.of(a, 1, 3, 1, 1).requires_grad_(true);
            Tensor x = torch.randn(2, 3, 2, 2).requires_grad_(true);
            Tensor pred = x.mul(av).add(x.pow(new Scalar(2)).mul(new Scalar(0.5))).sum(new long[] {1, 2, 3}, false,
                    new org.bytedeco.pytorch.ScalarTypeOptional()).view(2, 1);
            Tensor r1 = R1.penalty(pred, x);
            float[] xv = Tensors.floats(x);
            double expected = 0;
            double[] dA = new double[3]; // ∂R1/∂a_c = mean_n Σ_{h,w} 2(a_c + x)
            double[] dAbs = new double[3]; // the same over |a_c + x|: the scale of its rounding
            for (int n = 0; n < 2; n++) {
                for (int c = 0; c < 3; c++) {
                    for (int p = 0; p < 4; p++) {
                        double gr = a[c] + xv[n * 12 + c * 4 + p];
                        expected += gr * gr / 2;
                        dA[c] += 2 * gr / 2;
                        dAbs[c] += Math.abs(gr);
                    }
                }
            }
            // float32 through autograd: a + x (and its double-backward), square, a sum of 12, a mean of 2: γ_20 of
            // the sum of positive terms; the gradient is a sum of 8 signed terms, bounded by their absolute sum.
            double rel = FloatBounds.gamma(20);
            assertThat(r1.item_double()).isCloseTo(expected, within(rel * expected));
            r1.backward(); // create_graph: the penalty reaches D's parameters
            float[] g = Tensors.floats(av.grad());
            for (int c = 0; c < 3; c++) {
                assertThat((double) g[c]).isCloseTo(dA[c], within(rel * dAbs[c]));
            }
        }
    }

    @Test
    void pathLengthOfALinearGeneratorIsTheNormOfItsTransposedJacobianTimesY() {
        try (Scope s = new Scope()) {
            // g(w) = A·vec(w) with A [K, L·S], K = 3·H·W: J_wᵀ y = Aᵀ y, l_n = sqrt(mean_L Σ_S (Aᵀ y_n / sqrt(HW))²)
            int n = 3, l = 2, sd = 4, h = 2, w = 2, k = 3 * h * w;
            Tensor a = torch.randn(k, l * sd);
            Tensor latents = torch.randn(n, l, sd).requires_grad_(true);
            Tensor fake = torch.matmul(latents.reshape(n, l * sd), a.t()).reshape(n, 3, h, w);
            Tensor y = torch.randn(n, 3, h, w);
            Tensor pl = PathLength.lengths(fake, latents, y);
            float[] av = Tensors.floats(a);
            float[] yv = Tensors.floats(y);
            double[] expected = new double[n];
            double[] tol = new double[n];
            // float32: each (Aᵀy)_j sums k signed products (γ_{k+2} of Σ|a·y|, with the 1/sqrt(HW) scaling), then
            // l·S squares summed, /L, sqrt: |δl| ≤ (2·Σ_j |g_j|·δg_j + γ_{l·S+2}·Σ g_j²) / (2·L·l) + u·l
            for (int i = 0; i < n; i++) {
                double sumSq = 0;
                double cross = 0;
                for (int j = 0; j < l * sd; j++) {
                    double gj = 0;
                    double gAbs = 0;
                    for (int q = 0; q < k; q++) {
                        gj += av[q * l * sd + j] * yv[i * k + q] / Math.sqrt(h * w);
                        gAbs += Math.abs(av[q * l * sd + j] * yv[i * k + q]) / Math.sqrt(h * w);
                    }
                    sumSq += gj * gj;
                    cross += 2 * Math.abs(gj) * FloatBounds.gamma(k + 2) * gAbs;
                }
                expected[i] = Math.sqrt(sumSq / l);
                tol[i] = (cross + FloatBounds.gamma(l * sd + 2) * sumSq) / (2 * l * expected[i]) + FloatBounds.gamma(2) * expected[i];
            }
            float[] got = Tensors.floats(pl);
            for (int i = 0; i < n; i++) {
                assertThat((double) got[i]).as("l_" + i).isCloseTo(expected[i], within(tol[i]));
            }
            double tolL = Math.max(tol[0], Math.max(tol[1], tol[2]));
            // Running mean a = a_prev + 0.01·(mean l − a_prev); L_path = mean (l − a)².
            double prev = 0.7;
            double mean = (expected[0] + expected[1] + expected[2]) / 3;
            double am = prev + 0.01 * (mean - prev);
            double pen = 0;
            for (double e : expected) {
                pen += (e - am) * (e - am) / 3;
            }
            PathLength.Result r = PathLength.penalty(pl, prev, PathLength.DECAY);
            // the l above carry tolL; the running mean takes 1% of their mean, the penalty 2|l - a| times it (and
            // the float32 mean of 3 squares, γ_5)
            double penSens = 0;
            for (double e : expected) {
                penSens += 2 * Math.abs(e - am) / 3;
            }
            assertThat(r.meanPathLength()).isCloseTo(am, within(0.01 * tolL + FloatBounds.gamma(4) * am));
            assertThat(r.penalty().item_double()).isCloseTo(pen, within(penSens * (tolL + 0.01 * tolL) + FloatBounds.gamma(5) * pen));
            // rosinality's path_mean keeps its graph: ∂L/∂l_j = (2/n)[(l_j − a) − (0.01/n)·Σ_k (l_k − a)]
            Tensor leaf = pl.detach().requires_grad_(true);
            Tensor dl = org.gan4j.torch.Autograd.grad(PathLength.penalty(leaf, prev, PathLength.DECAY).penalty(), leaf, false);
            double sumDev = 0;
            for (double e : expected) {
                sumDev += e - am;
            }
            float[] dv = Tensors.floats(dl);
            for (int j = 0; j < n; j++) {
                double want = 2.0 / n * ((expected[j] - am) - 0.01 / n * sumDev);
                // dl is computed from the float32 l (off by tolL each) in a few float32 steps
                assertThat((double) dv[j]).isCloseTo(want, within(2.0 / n * 1.02 * tolL + FloatBounds.gamma(6) * 2.0 / n
                        * (Math.abs(expected[j] - am) + 0.01 * Math.abs(sumDev))));
            }
        }
    }
}
