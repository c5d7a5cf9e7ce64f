package org.gan4j.metrics;

import static org.gan4j.torch.Tensors.s;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Rng;
import org.gan4j.torch.Scope;

/**
 * Kernel Inception Distance (Bińkowski et al., ICLR 2018), as NVlabs/stylegan2-ada-pytorch's
 * {@code kernel_inception_distance.py} computes it: the unbiased MMD² between two feature sets under the cubic
 * polynomial kernel k(x, y) = (xᵀy / d + 1)³, averaged over random subsets of m = min(N_a, N_b, maxSubset) rows of
 * each set drawn without replacement:
 *
 * <pre>
 *   MMD²_u = [Σ_{i≠j} k(x_i, x_j) + Σ_{i≠j} k(y_i, y_j)] / (m(m−1)) − 2 Σ_{i,j} k(x_i, y_j) / m²
 * </pre>
 *
 * Unlike FID it is unbiased, so small sample sets (a few thousand) compare fairly; it can be slightly negative.
 */
public final class Kid {

    /** Subsets averaged (stylegan2-ada: 100). */
    public static final int SUBSETS = 100;
    /** Largest subset (stylegan2-ada: 1,000). */
    public static final int MAX_SUBSET = 1000;


    private Kid() {}

    /** KID between {@code a} {@code [N,D]} and {@code b} {@code [M,D]} with the stylegan2-ada subsets, seeded. */
    public static double distance(Tensor a, Tensor b, long seed) {
        return distance(a, b, SUBSETS, MAX_SUBSET, seed);
    }

    public static double distance(Tensor a, Tensor b, int subsets, int maxSubset, long seed) {
        if (a.dim() != 2 || b.dim() != 2 || a.size(1) != b.size(1)) {
            throw new Gan4jException("KID needs two feature sets [N, D] of one width, got "
                    + java.util.Arrays.toString(a.shape()) + " and " + java.util.Arrays.toString(b.shape()));
        }
        int m = (int) Math.min(Math.min(a.size(0), b.size(0)), maxSubset);
        if (m < 2 || subsets < 1) {
            throw new Gan4jException("KID needs at least 2 feature vectors in each set, got " + a.size(0) + " and " + b.size(0));
        }
        double d = a.size(1);
        double t = 0;
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            Tensor x64 = a.to(torch.ScalarType.Double);
            Tensor y64 = b.to(torch.ScalarType.Double);
            Rng gen = Rng.seeded(seed);
            for (int i = 0; i < subsets; i++) {
                try (Scope step = new Scope()) {
                    Tensor x = x64.index_select(0, gen.randperm(a.size(0)).narrow(0, 0, m)); // [m,D]
                    Tensor y = y64.index_select(0, gen.randperm(b.size(0)).narrow(0, 0, m));
                    Tensor kxx = kernel(x, x, d);
                    Tensor kyy = kernel(y, y, d);
                    Tensor kxy = kernel(x, y, d);
                    double within = kxx.sum().item_double() - kxx.diagonal().sum().item_double()
                            + kyy.sum().item_double() - kyy.diagonal().sum().item_double();
                    t += within / (m - 1) - kxy.sum().item_double() * 2 / m;
                }
            }
        }
        return t / subsets / m;
    }

    /** (x yᵀ / d + 1)³, {@code [m,m]}. */
    static Tensor kernel(Tensor x, Tensor y, double d) {
        return x.matmul(y.t()).div(s(d)).add(s(1.0)).pow(s(3.0));
    }
}
