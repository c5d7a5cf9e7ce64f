package org.gan4j.metrics;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.nn.FidInception;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;

/**
 * Fréchet Inception Distance (Heusel et al., NeurIPS 2017, "GANs Trained by a Two Time-Scale Update Rule
 * Converge to a Local Nash Equilibrium", Eq. 6): Gaussians N(μ1, Σ1) and N(μ2, Σ2) fitted to the 2048-d pool3
 * features of two image sets ({@link FidInception}), and the Fréchet (2-Wasserstein) distance between them
 * <pre>
 *   d² = ‖μ1 − μ2‖² + Tr(Σ1 + Σ2 − 2 (Σ1 Σ2)^{1/2})
 * </pre>
 * reported as d² (as pytorch-fid and TTUR do). μ is the sample mean and Σ the unbiased sample covariance
 * (divisor N − 1, numpy's {@code np.cov(rowvar=False)}), all in float64.
 *
 * <p>The trace of the matrix square root: Σ1Σ2 is similar to the symmetric positive semi-definite
 * S = Σ1^{1/2} Σ2 Σ1^{1/2} (Σ1Σ2 = Σ1^{1/2} S Σ1^{−1/2} where Σ1 is invertible, and by continuity otherwise),
 * so
 * Tr((Σ1Σ2)^{1/2}) = Σ_i sqrt(λ_i(S)). gan4j computes Σ1^{1/2} and the λ_i(S) with libtorch's {@code linalg_eigh}
 * (float64), clamping the tiny negative eigenvalues rounding leaves to 0. pytorch-fid instead takes scipy's
 * {@code sqrtm(Σ1 Σ2)} of the non-symmetric product (adding 1e-6·I when that fails, dropping an imaginary part);
 * the two agree to rounding for well-conditioned covariances; with fewer images than dimensions (Σ singular, the
 * usual case for a few hundred images in 2048-d) the eigen-decomposition of the symmetric form is the stable one.
 * FID from few images is biased upwards (Bińkowski et al. 2018; Chong and Forsyth 2020): compare only numbers
 * computed on the same count.
 */
public final class Fid {

    private Fid() {}

    /**
     * The Gaussian fitted to N feature vectors.
     *
     * @param mean       μ, {@code [D]} float64
     * @param covariance Σ, {@code [D, D]} float64, unbiased
     * @param count      N
     */
    public record Statistics(Tensor mean, Tensor covariance, int count) {}

    /** Images in [−1, 1] as FID's network takes them: (x + 1)/2 clipped to [0, 1]. */
    public static Tensor unit(Tensor x) {
        return x.add(org.gan4j.torch.Tensors.s(1.0)).mul(org.gan4j.torch.Tensors.s(0.5)).clamp(
                new org.bytedeco.pytorch.ScalarOptional(org.gan4j.torch.Tensors.s(0.0)),
                new org.bytedeco.pytorch.ScalarOptional(org.gan4j.torch.Tensors.s(1.0)));
    }

    /** μ and the unbiased Σ of {@code features}, {@code [N, D]} with N ≥ 2, in float64 (in the caller's scope). */
    public static Statistics statistics(Tensor features) {
        if (features.dim() != 2 || features.size(0) < 2) {
            throw new IllegalArgumentException("FID statistics need [N, D] features with N >= 2, got "
                    + Tensors.shapeString(features));
        }
        try (NoGrad ng = new NoGrad()) {
            Tensor f = features.to(torch.ScalarType.Double);
            Tensor mean = f.mean(new long[] {0}, false, new org.bytedeco.pytorch.ScalarTypeOptional());
            Tensor c = f.sub(mean);
            Tensor cov = c.t().matmul(c).div(Tensors.s((double) (f.size(0) - 1)));
            return new Statistics(mean, cov, (int) f.size(0));
        }
    }

    /** The Fréchet distance d² between the Gaussians of {@code a} and {@code b}. */
    public static double distance(Statistics a, Statistics b) {
        return distance(a.mean(), a.covariance(), b.mean(), b.covariance());
    }

    /** d² = ‖μ1 − μ2‖² + Tr(Σ1) + Tr(Σ2) − 2 Σ_i sqrt(λ_i(Σ1^{1/2} Σ2 Σ1^{1/2})), in float64. */
    public static double distance(Tensor mu1, Tensor sigma1, Tensor mu2, Tensor sigma2) {
        long d = mu1.size(0);
        if (mu1.dim() != 1 || mu2.dim() != 1 || mu2.size(0) != d || sigma1.dim() != 2 || sigma2.dim() != 2
                || sigma1.size(0) != d || sigma1.size(1) != d || sigma2.size(0) != d || sigma2.size(1) != d) {
            throw new IllegalArgumentException("FID needs means [D] and covariances [D, D] of one D, got "
                    + Tensors.shapeString(mu1) + " " + Tensors.shapeString(sigma1) + " " + Tensors.shapeString(mu2)
                    + " " + Tensors.shapeString(sigma2));
        }
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            Tensor m1 = mu1.to(torch.ScalarType.Double);
            Tensor m2 = mu2.to(torch.ScalarType.Double);
            Tensor s1 = symmetric(sigma1.to(torch.ScalarType.Double));
            Tensor s2 = symmetric(sigma2.to(torch.ScalarType.Double));
            Tensor diff = m1.sub(m2);
            double meanTerm = diff.dot(diff).item_double();
            Tensor root1 = sqrtPsd(s1);
            Tensor product = symmetric(root1.matmul(s2).matmul(root1));
            Tensor eig = eigenvalues(product);
            double traceRoot = eig.clamp_min(Tensors.s(0.0)).sqrt().sum().item_double();
            return meanTerm + s1.trace().item_double() + s2.trace().item_double() - 2 * traceRoot;
        }
    }

    /** FID between two sets of features, {@code [N1, D]} and {@code [N2, D]}. */
    public static double distance(Tensor featuresA, Tensor featuresB) {
        try (Scope s = new Scope()) {
            return distance(statistics(featuresA), statistics(featuresB));
        }
    }

    /**
     * Accumulates the features of image batches (e.g. real and synthesized images of an evaluation, batch by batch)
     * as float64 rows kept outside every scope until {@link #close}.
     */
    public static final class Features implements AutoCloseable {
        private final List<Tensor> rows = new ArrayList<>();
        private int count;

        /** Adds {@code [N, D]} features. */
        public void add(Tensor features) {
            try (NoGrad ng = new NoGrad()) {
                rows.add(Scope.keepAlive(features.to(torch.ScalarType.Double).clone()));
            }
            count += (int) features.size(0);
        }

        /** The number of feature vectors added. */
        public int count() {
            return count;
        }

        /** All rows, {@code [N, D]} (in the caller's scope). */
        public Tensor all() {
            return torch.cat(new org.bytedeco.pytorch.TensorVector(rows.toArray(new Tensor[0])), 0);
        }

        @Override
        public void close() {
            rows.forEach(Tensor::close);
            rows.clear();
        }
    }

    private static Tensor symmetric(Tensor m) {
        return m.add(m.t()).mul(Tensors.s(0.5));
    }

    private static Tensor eigenvalues(Tensor m) {
        return new Tensor(torch.linalg_eigh(m, "L").get0());
    }

    /** The PSD square root V diag(sqrt(max(λ, 0))) Vᵀ of a symmetric matrix. */
    private static Tensor sqrtPsd(Tensor m) {
        T_TensorTensor_T e = torch.linalg_eigh(m, "L");
        Tensor values = new Tensor(e.get0());
        Tensor vectors = new Tensor(e.get1());
        return vectors.mul(values.clamp_min(Tensors.s(0.0)).sqrt().unsqueeze(0)).matmul(vectors.t());
    }
}
