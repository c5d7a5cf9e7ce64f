package org.gan4j.mystyle;

import java.util.Random;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.torch.Tensors;

/**
 * The personal space P_β = { Σ α_i·w_i : Σ α_i = 1, α_i ≥ −β } spanned by the anchors: the soft clamp that keeps
 * an optimised α inside it, sampling from P₀, and the membership test.
 */
public final class PersonalSpace {

    /** The official dilation β. */
    public static final double DEFAULT_BETA = 0.03;
    /** softplus's sharpness in the soft clamp (the official {@code F.softplus(..., beta=100)}). */
    public static final double SHARPNESS = 100;
    /** Anchors mixed per P₀ sample (the official {@code num_anchors_for_sampling}). */
    public static final int ANCHORS_PER_SAMPLE = 3;

    private PersonalSpace() {}

    /**
     * {@code get_constrained_alpha_plus}: α̃ = softplus(α⁺ + β; 100) − β, then each row divided by its sum. With
     * {@code beta} null there is no clamp (the official {@code --beta None}), only the normalisation.
     */
    public static Tensor constrain(Tensor alphaPlus, Double beta) { // [L,N] -> [L,N]
        Tensor a = alphaPlus;
        if (beta != null) {
            a = torch.softplus(a.add(Tensors.s(beta)), Tensors.s(SHARPNESS), Tensors.s(20.0)).sub(Tensors.s(beta));
        }
        return a.div(a.sum(new long[] {-1}, true, new ScalarTypeOptional()));
    }

    /** w = α·A: one latent per row of α. */
    public static Tensor latents(Tensor alphas, Tensor anchors) { // [..,N] x [N,S] -> [..,S]
        return alphas.matmul(anchors);
    }

    /**
     * {@code sample_from_P0}: for each sample, {@code k} distinct anchors chosen uniformly at random, with weights
     * drawn uniformly in [0, 1) and normalised to sum 1; the other anchors get 0.
     */
    public static double[][] p0Alphas(int count, int n, int k, Random random) {
        if (k < 1 || k > n) {
            throw new Gan4jException("sampling mixes " + k + " anchors but there are " + n + "; need at least " + k
                    + " anchors (album images)");
        }
        double[][] out = new double[count][n];
        int[] order = new int[n];
        for (int s = 0; s < count; s++) {
            double[] w = new double[k];
            double sum = 0;
            for (int j = 0; j < k; j++) {
                w[j] = random.nextDouble();
                sum += w[j];
            }
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            for (int j = 0; j < k; j++) { // a partial Fisher-Yates shuffle: k distinct indices
                int pick = j + random.nextInt(n - j);
                int t = order[j];
                order[j] = order[pick];
                order[pick] = t;
                out[s][order[j]] = sum > 0 ? w[j] / sum : 1.0 / k;
            }
        }
        return out;
    }

    /** Whether α lies in P_β: its entries sum to 1 and none is below −β (both within {@code tolerance}). */
    public static boolean contains(double[] alpha, double beta, double tolerance) {
        double sum = 0;
        for (double a : alpha) {
            if (a < -beta - tolerance) {
                return false;
            }
            sum += a;
        }
        return Math.abs(sum - 1) <= tolerance;
    }

    /** The most negative entry's excess over −β: 0 inside P_β, positive outside. */
    public static double excess(double[] alpha, double beta) {
        double min = Double.POSITIVE_INFINITY;
        for (double a : alpha) {
            min = Math.min(min, a);
        }
        return Math.max(0, -beta - min);
    }

    /** A matrix as a float tensor. */
    public static Tensor tensor(double[][] m) {
        int r = m.length;
        int c = m[0].length;
        float[] f = new float[r * c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                f[i * c + j] = (float) m[i][j];
            }
        }
        return Tensors.of(f, r, c);
    }

    /** A 2-D float tensor as a matrix. */
    public static double[][] matrix(Tensor t) {
        if (t.dim() != 2) {
            throw new IllegalArgumentException("expected a matrix, got " + Tensors.shapeString(t));
        }
        int r = (int) t.size(0);
        int c = (int) t.size(1);
        float[] f = Tensors.floats(t.contiguous());
        double[][] m = new double[r][c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                m[i][j] = f[i * c + j];
            }
        }
        return m;
    }

    /** A float tensor's values as a vector. */
    public static double[] vector(Tensor t) {
        float[] f = Tensors.floats(t.contiguous());
        double[] v = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            v[i] = f[i];
        }
        return v;
    }
}
