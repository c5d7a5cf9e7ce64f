package org.gan4j.mystyle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The PROJECT policy's constrained least squares against an exhaustive search over the active sets. */
class HullProjectionTest {

    @Test
    void projectionOntoTheDilatedSimplexMatchesHandCases() {
        double[] a = {2, 0, 0};
        HullProjection.ontoDilatedSimplex(a, 0);
        assertThat(a).containsExactly(new double[] {1, 0, 0}, within(1e-15));
        double[] b = {0.5, 0.5, 0.5};
        HullProjection.ontoDilatedSimplex(b, 0.03);
        assertThat(b).containsExactly(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, within(1e-15));
        double[] c = {2, -1, 0}; // u = α + β = (2.1, −0.9, 0.1), mass 1.3: θ = 0.8 → u = (1.3, 0, 0) → α = (1.2, −0.1, −0.1)
        HullProjection.ontoDilatedSimplex(c, 0.1);
        assertThat(c).containsExactly(new double[] {1.2, -0.1, -0.1}, within(1e-12));
    }

    @Test
    void solveMatchesBruteForceOverActiveSets() {
        Random r = new Random(11);
        for (int trial = 0; trial < 30; trial++) {
            int n = 3 + trial % 3;
            int s = 4 + trial % 4;
            double[][] anchors = new double[n][s];
            for (double[] row : anchors) {
                for (int k = 0; k < s; k++) {
                    row[k] = r.nextGaussian();
                }
            }
            double[] w = new double[s];
            for (int k = 0; k < s; k++) {
                w[k] = 2 * r.nextGaussian();
            }
            double beta = trial % 2 == 0 ? 0.03 : 0;
            HullProjection hull = new HullProjection(anchors);
            double[] got = hull.solve(w, beta);
            double[] best = bruteForce(anchors, w, beta);
            assertThat(PersonalSpace.contains(got, beta, 1e-9)).as("trial %d feasible", trial).isTrue();
            assertThat(error(anchors, got, w)).as("trial %d objective", trial)
                    .isCloseTo(error(anchors, best, w), within(1e-8 * (1 + error(anchors, best, w))));
            assertThat(got).as("trial %d α", trial).containsExactly(best, within(1e-5));
        }
    }

    /** ½‖αA − w‖². */
    static double error(double[][] anchors, double[] alpha, double[] w) {
        double e = 0;
        for (int k = 0; k < w.length; k++) {
            double v = -w[k];
            for (int i = 0; i < alpha.length; i++) {
                v += alpha[i] * anchors[i][k];
            }
            e += v * v;
        }
        return e / 2;
    }

    /**
     * Every split of the indices into free and fixed at −β: the free ones solve the equality-constrained least
     * squares (KKT system), the best feasible candidate wins. Exact for a convex programme with few variables.
     */
    static double[] bruteForce(double[][] anchors, double[] w, double beta) {
        int n = anchors.length;
        double[] best = null;
        double bestErr = Double.POSITIVE_INFINITY;
        for (int m = 1; m < (1 << n); m++) {
            final int mask = m;
            int[] free = java.util.stream.IntStream.range(0, n).filter(i -> (mask & (1 << i)) != 0).toArray();
            double[] alpha = new double[n];
            java.util.Arrays.fill(alpha, -beta);
            int f = free.length;
            // Residual target after the fixed anchors: w − Σ_fixed (−β)·a_i.
            double[] t = w.clone();
            for (int i = 0; i < n; i++) {
                if ((mask & (1 << i)) == 0) {
                    for (int k = 0; k < w.length; k++) {
                        t[k] += beta * anchors[i][k];
                    }
                }
            }
            double[][] kkt = new double[f + 1][f + 1];
            double[] rhs = new double[f + 1];
            for (int a = 0; a < f; a++) {
                for (int b = 0; b < f; b++) {
                    double dot = 0;
                    for (int k = 0; k < w.length; k++) {
                        dot += anchors[free[a]][k] * anchors[free[b]][k];
                    }
                    kkt[a][b] = dot;
                }
                kkt[a][f] = 1;
                kkt[f][a] = 1;
                double dot = 0;
                for (int k = 0; k < w.length; k++) {
                    dot += anchors[free[a]][k] * t[k];
                }
                rhs[a] = dot;
            }
            rhs[f] = 1 + (n - f) * beta;
            double[] sol = DirectionProjection.solve(kkt, rhs);
            if (sol == null) {
                continue;
            }
            boolean ok = true;
            for (int a = 0; a < f; a++) {
                alpha[free[a]] = sol[a];
                ok &= sol[a] >= -beta - 1e-12;
            }
            double e = error(anchors, alpha, w);
            if (ok && e < bestErr) {
                bestErr = e;
                best = alpha;
            }
        }
        return best;
    }
}
