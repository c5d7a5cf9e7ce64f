package org.gan4j.mystyle;

import org.gan4j.Gan4jException;

/**
 * A W direction d projected onto the span of the anchors (the official {@code project_latents_to_spanned_subspace}):
 * barycentric coordinates γ = (AAᵀ)⁻¹A·d and the projection d' = Aᵀγ, computed in double precision.
 *
 * @param gamma     γ, one coefficient per anchor ({@code [N]})
 * @param projected d' = Aᵀγ ({@code [S]})
 * @param cosine    cos(d, d'): 1 when the album's span holds d entirely (the official code prints it)
 */
public record DirectionProjection(double[] gamma, double[] projected, double cosine) {

    /** Projects {@code d} ({@code [S]}) onto the rows of {@code anchors} ({@code [N][S]}). */
    public static DirectionProjection of(double[][] anchors, double[] d) {
        int n = anchors.length;
        int s = d.length;
        if (anchors[0].length != s) {
            throw new Gan4jException("the direction has " + s + " values but the anchors " + anchors[0].length);
        }
        double[][] q = new double[n][n]; // AAᵀ
        double[] b = new double[n]; // A·d
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double dot = 0;
                for (int k = 0; k < s; k++) {
                    dot += anchors[i][k] * anchors[j][k];
                }
                q[i][j] = dot;
                q[j][i] = dot;
            }
            double dot = 0;
            for (int k = 0; k < s; k++) {
                dot += anchors[i][k] * d[k];
            }
            b[i] = dot;
        }
        double[] gamma = solve(q, b);
        if (gamma == null) {
            throw new Gan4jException("the " + n + " anchors are linearly dependent (" + (n > s ? "more anchors than the "
                    + s + " latent dimensions" : "a repeated or mixed anchor") + "), so AAᵀ has no inverse; remove"
                    + " duplicate album images");
        }
        double[] proj = new double[s];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < s; k++) {
                proj[k] += gamma[i] * anchors[i][k];
            }
        }
        double dd = 0;
        double pp = 0;
        double dp = 0;
        for (int k = 0; k < s; k++) {
            dd += d[k] * d[k];
            pp += proj[k] * proj[k];
            dp += d[k] * proj[k];
        }
        double cos = dd == 0 || pp == 0 ? 0 : dp / Math.sqrt(dd * pp);
        return new DirectionProjection(gamma, proj, cos);
    }

    /** Solves Q·x = b by Gaussian elimination with partial pivoting; null when Q is (numerically) singular. */
    static double[] solve(double[][] q, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        double scale = 0;
        for (int i = 0; i < n; i++) {
            System.arraycopy(q[i], 0, m[i], 0, n);
            m[i][n] = b[i];
            for (int j = 0; j < n; j++) {
                scale = Math.max(scale, Math.abs(q[i][j]));
            }
        }
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[piv][col])) {
                    piv = r;
                }
            }
            if (Math.abs(m[piv][col]) <= 1e-12 * Math.max(scale, Double.MIN_NORMAL)) {
                return null;
            }
            double[] t = m[col];
            m[col] = m[piv];
            m[piv] = t;
            for (int r = col + 1; r < n; r++) {
                double f = m[r][col] / m[col][col];
                for (int c = col; c <= n; c++) {
                    m[r][c] -= f * m[col][c];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double v = m[r][n];
            for (int c = r + 1; c < n; c++) {
                v -= m[r][c] * x[c];
            }
            x[r] = v / m[r][r];
        }
        return x;
    }
}
