package org.gan4j.mystyle;

import org.bytedeco.pytorch.T_TensorTensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;

/**
 * MyStyle++'s attribute axes: the principal components of the anchors (recomputed whenever the anchors move), and
 * for each attribute, in order, the not yet taken component along which that attribute's anchor loss L_d is least.
 * Each axis is signed so that the attribute grows along it.
 *
 * @param mean       the anchors' mean, {@code [S]}
 * @param basis      the principal components, unit rows, strongest first, {@code [K,S]} (K ≤ N − 1)
 * @param axes       d_m, {@code [M,S]} (rows of {@code basis}, possibly negated)
 * @param components the component each attribute took
 */
// DEVIATION: a low-variance component would win L_d by having all anchors near 0 on it, so the components are
// compared by L_d relative to the anchors' spread along them, Σ_n |p_n − c_n| / Σ_n |p_n − p̄|, and only the
// components above 1e-6 of the strongest one's variance compete.
public record AttributeAxes(Tensor mean, Tensor basis, Tensor axes, int[] components) {

    /** The components that compete: at most this many, strongest first. */
    public static final int MAX_CANDIDATES = 16;
    /** How much worse than the best score (relative) a component may be and still keep an attribute's axis. */
    public static final double CONTINUITY = 0.25;

    /**
     * @param anchors {@code [N,S]} (only read)
     * @param levels  the album's quantised attributes
     * @param values  the attributes' values (for the axes' signs), values[n][m]
     */
    public static AttributeAxes assign(Tensor anchors, Levels levels, double[][] values) {
        return assign(anchors, levels, values, null);
    }

    /**
     * As above, following {@code previous} (the last assignment's axes {@code [M,S]}, or null): among the components whose score is
     * within {@link #CONTINUITY} of the best, attribute m keeps the one closest in direction to its previous axis,
     * so that a reordering of nearly equal components does not swap the axes from one step to the next.
     */
    public static AttributeAxes assign(Tensor anchors, Levels levels, double[][] values, Tensor previous) {
        AttributeAxes kept;
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            Tensor a = anchors.detach().to(torch.ScalarType.Double);
            int n = (int) a.size(0);
            Tensor mean = a.mean(new long[] {0}, true, new org.bytedeco.pytorch.ScalarTypeOptional());
            T_TensorTensorTensor_T usv = torch.linalg_svd(a.sub(mean), false, new org.bytedeco.pytorch.StringViewOptional());
            double[] sigma = toDouble(usv.get1());
            int k = 0;
            while (k < Math.min(Math.min(n - 1, sigma.length), MAX_CANDIDATES)
                    && sigma[k] * sigma[k] > 1e-6 * sigma[0] * sigma[0]) {
                k++;
            }
            int m = levels.attributes();
            if (k < m) {
                throw new org.gan4j.Gan4jException("the anchors span " + k + " directions, fewer than the " + m
                        + " attributes to place on their own axes; add pictures to the album");
            }
            Tensor basis = usv.get2().narrow(0, 0, k);                        // [K,S]
            double[][] proj = matrix(a.sub(mean).matmul(basis.t()));          // [N,K]
            boolean[] taken = new boolean[k];
            int[] comp = new int[m];
            double[] sign = new double[m];
            double[][] cos = previous == null ? null
                    : matrix(previous.to(torch.ScalarType.Double).matmul(basis.t()).abs()); // [M,K]
            for (int j = 0; j < m; j++) {
                double[] score = new double[k];
                double best = Double.POSITIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    if (taken[c]) {
                        continue;
                    }
                    double[] p = column(proj, c);
                    double spread = 0;
                    for (double x : p) {
                        spread += Math.abs(x); // the projections of centred anchors have mean 0
                    }
                    score[c] = AnchorLoss.alongAxis(p, levels.index(), j) / Math.max(spread, 1e-12);
                    if (score[c] < best) {
                        best = score[c];
                        comp[j] = c;
                    }
                }
                if (cos != null) {
                    double closest = -1;
                    for (int c = 0; c < k; c++) {
                        if (!taken[c] && score[c] <= best * (1 + CONTINUITY) && cos[j][c] > closest) {
                            closest = cos[j][c];
                            comp[j] = c;
                        }
                    }
                }
                taken[comp[j]] = true;
                double cov = 0;
                double[] p = column(proj, comp[j]);
                for (int i = 0; i < n; i++) {
                    cov += p[i] * values[i][j];
                }
                sign[j] = cov < 0 ? -1 : 1;
            }
            float[] ax = new float[m * (int) basis.size(1)];
            float[] b = Tensors.floats(basis.to(torch.ScalarType.Float).contiguous());
            int dim = (int) basis.size(1);
            for (int j = 0; j < m; j++) {
                for (int d = 0; d < dim; d++) {
                    ax[j * dim + d] = (float) (sign[j] * b[comp[j] * dim + d]);
                }
            }
            Tensor meanF = Scope.keepAlive(mean.reshape(-1).to(torch.ScalarType.Float).contiguous());
            Tensor basisF = Scope.keepAlive(basis.to(torch.ScalarType.Float).contiguous());
            Tensor axes = Scope.keepAlive(Tensors.of(ax, m, dim));
            kept = new AttributeAxes(meanF, basisF, axes, comp);
        }
        // handed to the caller's scope only now that this method's own scope is closed
        return new AttributeAxes(Scope.adopt(kept.mean), Scope.adopt(kept.basis), Scope.adopt(kept.axes), kept.components);
    }

    private static double[] toDouble(Tensor t) {
        float[] f = Tensors.floats(t.to(torch.ScalarType.Float).contiguous());
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static double[][] matrix(Tensor t) {
        return PersonalSpace.matrix(t.to(torch.ScalarType.Float).contiguous());
    }

    private static double[] column(double[][] m, int c) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i][c];
        }
        return out;
    }

    /** Coordinates of latents {@code [B,S]} on the axes: (w − mean)·d_m, {@code [B,M]}. */
    public Tensor coordinates(Tensor w) {
        return w.sub(mean).matmul(axes.t());
    }

    /** w with its coordinate on axis m moved to {@code target} (the axes are orthonormal). */
    public Tensor withCoordinate(Tensor w, int m, double target) { // [B,S]
        Tensor d = axes.narrow(0, m, 1);                                   // [1,S]
        Tensor now = coordinates(w).narrow(1, m, 1);                        // [B,1]
        return w.add(torch.rsub(now, Tensors.s(target)).mul(d));
    }
}
