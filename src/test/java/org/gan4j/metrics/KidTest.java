package org.gan4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.junit.jupiter.api.Test;

/** KID against a hand computation of the unbiased MMD² with the cubic kernel, and its behaviour on shifted sets. */
class KidTest {

    private static Tensor rows(double[][] v) {
        org.gan4j.torch.Engine.init();
        double[] flat = new double[v.length * v[0].length];
        for (int i = 0; i < v.length; i++) {
            System.arraycopy(v[i], 0, flat, i * v[0].length, v[0].length);
        }
        return org.bytedeco.pytorch.AbstractTensor.create(flat, v.length, v[0].length);
    }

    private static double k(double[] x, double[] y) {
        double dot = 0;
        for (int i = 0; i < x.length; i++) {
            dot += x[i] * y[i];
        }
        return Math.pow(dot / x.length + 1, 3);
    }

    @Test
    void wholeSetsGiveTheUnbiasedMmdOfTheCubicKernel() {
        double[][] x = {{1, 0}, {0, 1}, {1, 1}};
        double[][] y = {{2, 0}, {0, 0}, {1, -1}};
        int m = 3;
        double within = 0;
        double across = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                if (i != j) {
                    within += k(x[i], x[j]) + k(y[i], y[j]);
                }
                across += k(x[i], y[j]);
            }
        }
        double expected = within / (m * (m - 1.0)) - 2 * across / (m * m);
        try (Scope s = new Scope()) {
            // one subset of all rows: the permutation only reorders the sums
            assertThat(Kid.distance(rows(x), rows(y), 1, 1000, 5)).isCloseTo(expected, within(1e-12));
            assertThat(Kid.distance(rows(x), rows(x), 1, 1000, 5)).isCloseTo(
                    2 * (sumOff(x) / 6.0) - 2 * sumAll(x) / 9.0, within(1e-12));
        }
    }

    private static double sumOff(double[][] x) {
        double t = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                t += i == j ? 0 : k(x[i], x[j]);
            }
        }
        return t;
    }

    private static double sumAll(double[][] x) {
        double t = 0;
        for (double[] a : x) {
            for (double[] b : x) {
                t += k(a, b);
            }
        }
        return t;
    }

    @Test
    void twoDrawsOfOneGaussianScoreNearZeroAndAShiftScoresMore() {
        try (Scope s = new Scope()) {
            Seeds.seed(11);
            Tensor a = torch.randn(600, 16);
            Tensor b = torch.randn(600, 16);
            double same = Kid.distance(a, b, 20, 300, 1);
            double near = Kid.distance(a, b.add(org.gan4j.torch.Tensors.s(0.3)), 20, 300, 1);
            double far = Kid.distance(a, b.add(org.gan4j.torch.Tensors.s(1.0)), 20, 300, 1);
            assertThat(Math.abs(same)).isLessThan(0.02);
            assertThat(near).isGreaterThan(0.05);
            assertThat(far).isGreaterThan(5 * near);
        }
    }

    @Test
    void mismatchedWidthsAreRefusedInOneLine() {
        try (Scope s = new Scope()) {
            assertThatThrownBy(() -> Kid.distance(torch.zeros(4, 3), torch.zeros(4, 5), 1))
                    .isInstanceOf(Gan4jException.class).hasMessageContaining("one width");
        }
    }
}
