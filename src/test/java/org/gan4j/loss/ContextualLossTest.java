package org.gan4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.Test;

/** The contextual loss against a hand computation, and its behaviour: zero-ish for the same features, larger for others. */
class ContextualLossTest {

    @Test
    void matchesAHandComputation() {
        try (Scope s = new Scope()) {
            // one sample, 2 channels, x at 2 positions, y at 2 positions (W = 1)
            double[][] xs = {{1, 0}, {2, 2}}; // x_i as (c0, c1)
            double[][] ys = {{0, 1}, {2, 1}};
            Tensor x = Tensors.of(new float[] {1, 2, 0, 2}, 1, 2, 2, 1); // [N,C,H,W]: channel 0 then 1
            Tensor y = Tensors.of(new float[] {0, 2, 1, 1}, 1, 2, 2, 1);
            double[] mean = {(0 + 2) / 2.0, (1 + 1) / 2.0}; // y's mean per channel over positions
            double[][] xh = new double[2][];
            double[][] yh = new double[2][];
            for (int i = 0; i < 2; i++) {
                xh[i] = unit(xs[i][0] - mean[0], xs[i][1] - mean[1]);
                yh[i] = unit(ys[i][0] - mean[0], ys[i][1] - mean[1]);
            }
            double cx = 0;
            for (int i = 0; i < 2; i++) {
                double[] d = new double[2];
                for (int j = 0; j < 2; j++) {
                    d[j] = 1 - (xh[i][0] * yh[j][0] + xh[i][1] * yh[j][1]);
                }
                double min = Math.min(d[0], d[1]);
                double[] w = new double[2];
                for (int j = 0; j < 2; j++) {
                    w[j] = Math.exp((1 - d[j] / (min + 1e-3)) / 0.1);
                }
                cx += Math.max(w[0], w[1]) / (w[0] + w[1]) / 2;
            }
            double expected = -Math.log(cx);
            assertThat(ContextualLoss.loss(x, y, 0.1, false).item_double()).isCloseTo(expected, within(1e-5));
        }
    }

    @Test
    void theSameFeaturesScoreLowerThanOthers() {
        try (Scope s = new Scope()) {
            org.bytedeco.pytorch.global.torch.manual_seed(3);
            Tensor y = org.bytedeco.pytorch.global.torch.randn(2, 8, 5, 5);
            Tensor other = org.bytedeco.pytorch.global.torch.randn(2, 8, 5, 5);
            // a spatial shuffle of y keeps its context: the loss ignores where features are
            Tensor shuffled = y.flatten(2, -1).flip(new long[] {2}).view(2, 8, 5, 5);
            double same = ContextualLoss.loss(shuffled, y, 0.1, false).mean().item_double();
            double differ = ContextualLoss.loss(other, y, 0.1, false).mean().item_double();
            assertThat(same).isLessThan(0.01);
            assertThat(differ).isGreaterThan(same + 0.1); // measured 0.21 for unrelated 8-d features
            // PONO centring subtracts y's mean at each position, which a shuffle moves: near, not at, zero (0.018)
            assertThat(ContextualLoss.loss(shuffled, y, 0.1, true).mean().item_double()).isLessThan(differ / 4);
        }
    }

    private static double[] unit(double a, double b) {
        double n = Math.sqrt(a * a + b * b) + Math.ulp(1.0);
        return new double[] {a / n, b / n};
    }
}
