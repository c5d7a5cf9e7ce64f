package org.gan4j.mystyle;

import java.util.Arrays;

/**
 * The nearest point of P_β to a latent w, for the PROJECT edge policy (the official {@code ConvexProjector}, which
 * calls cvxpy): the quadratic programme
 * <pre>
 *   min_α ½‖αA − w‖²   subject to   Σ_i α_i = 1,   α_i ≥ −β
 * </pre>
 * solved in plain Java by accelerated projected gradient (FISTA with adaptive restart) on ½αᵀQα − bᵀα, Q = AAᵀ,
 * b = A·w, step 1/‖Q‖_F. Its feasible set is a shifted simplex: with u = α + β it is {u ≥ 0, Σu = 1 + Nβ}, onto
 * which the Euclidean projection is exact (sort and threshold).
 *
 * <p>// DEVIATION: the official code solves the programme with cvxpy's default solver; gan4j has no external
 * solver, and this one is tested against an exhaustive search over the active sets.
 */
public final class HullProjection {

    private static final int MAX_ITERATIONS = 100_000;

    private final double[][] anchors;
    private final double[][] q;
    private final double step;

    /** A projector onto the hull of {@code anchors} ({@code [N][S]}); Q = AAᵀ is formed once. */
    public HullProjection(double[][] anchors) {
        this.anchors = anchors;
        int n = anchors.length;
        q = new double[n][n];
        double frob = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double dot = 0;
                for (int k = 0; k < anchors[i].length; k++) {
                    dot += anchors[i][k] * anchors[j][k];
                }
                q[i][j] = dot;
                q[j][i] = dot;
                frob += (i == j ? 1 : 2) * dot * dot;
            }
        }
        step = frob > 0 ? 1 / Math.sqrt(frob) : 1; // ‖Q‖_F ≥ λ_max(Q): a safe step
    }

    /** The α in P_β whose latent αA is nearest to {@code w} ({@code [S]}). */
    public double[] solve(double[] w, double beta) {
        int n = anchors.length;
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < w.length; k++) {
                b[i] += anchors[i][k] * w[k];
            }
        }
        double[] x = new double[n];
        Arrays.fill(x, 1.0 / n);
        double[] y = x.clone();
        double t = 1;
        double fx = objective(x, b);
        double[] grad = new double[n];
        double[] next = new double[n];
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            for (int i = 0; i < n; i++) {
                double g = -b[i];
                for (int j = 0; j < n; j++) {
                    g += q[i][j] * y[j];
                }
                grad[i] = g;
            }
            for (int i = 0; i < n; i++) {
                next[i] = y[i] - step * grad[i];
            }
            ontoDilatedSimplex(next, beta);
            double fNext = objective(next, b);
            double change = 0;
            for (int i = 0; i < n; i++) {
                change = Math.max(change, Math.abs(next[i] - x[i]));
            }
            if (fNext > fx) { // adaptive restart: momentum overshot, start again from x
                t = 1;
                System.arraycopy(x, 0, y, 0, n);
                continue;
            }
            double tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
            for (int i = 0; i < n; i++) {
                y[i] = next[i] + (t - 1) / tNext * (next[i] - x[i]);
            }
            System.arraycopy(next, 0, x, 0, n);
            fx = fNext;
            t = tNext;
            if (change < 1e-13) {
                break;
            }
        }
        return x;
    }

    /** αA, the latent of α. */
    public double[] latent(double[] alpha) {
        double[] w = new double[anchors[0].length];
        for (int i = 0; i < alpha.length; i++) {
            for (int k = 0; k < w.length; k++) {
                w[k] += alpha[i] * anchors[i][k];
            }
        }
        return w;
    }

    /** ½αᵀQα − bᵀα (½‖αA − w‖² up to the constant ½‖w‖²). */
    private double objective(double[] a, double[] b) {
        double f = 0;
        for (int i = 0; i < a.length; i++) {
            double qa = 0;
            for (int j = 0; j < a.length; j++) {
                qa += q[i][j] * a[j];
            }
            f += 0.5 * a[i] * qa - b[i] * a[i];
        }
        return f;
    }

    /** In place: the Euclidean projection onto {α : Σα = 1, α ≥ −β}, via u = α + β on the simplex of mass 1 + Nβ. */
    static void ontoDilatedSimplex(double[] a, double beta) {
        int n = a.length;
        double z = 1 + n * beta;
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            u[i] = a[i] + beta;
        }
        double[] sorted = u.clone();
        Arrays.sort(sorted);
        double cum = 0;
        double theta = 0;
        for (int k = 1; k <= n; k++) { // the largest k with sorted_k − (Σ_{j≤k} sorted_j − z)/k > 0, descending order
            double v = sorted[n - k];
            cum += v;
            double th = (cum - z) / k;
            if (v - th > 0) {
                theta = th;
            }
        }
        for (int i = 0; i < n; i++) {
            a[i] = Math.max(u[i] - theta, 0) - beta;
        }
    }
}
