package org.gan4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.Test;

/** The Fréchet distance against closed forms and against pytorch-fid's scipy-based formula (parity/fid). */
class FidTest {

    private static Tensor doubles(double[] v, long... shape) {
        org.gan4j.torch.Engine.init();
        return org.bytedeco.pytorch.AbstractTensor.create(v, shape);
    }

    private static Tensor diag(double... v) {
        return torch.diag(doubles(v, v.length), 0);
    }

    @Test
    void identicalGaussiansAndFeaturesAreZeroApart() {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            Seeds.seed(3);
            Tensor f = torch.randn(40, 5).matmul(torch.randn(5, 5));
            // Σ^{1/2} Σ Σ^{1/2} = Σ², whose root has trace Tr Σ: d² is 0 up to the eigen-decompositions' rounding
            assertThat(Fid.distance(f, f)).isCloseTo(0, within(1e-12 * Fid.statistics(f).covariance().trace()
                    .item_double()));
            Tensor mu = doubles(new double[] {1, 2, 3}, 3);
            Tensor sigma = diag(2, 0.5, 1e-3);
            assertThat(Fid.distance(mu, sigma, mu, sigma)).isCloseTo(0, within(1e-14));
        }
    }

    @Test
    void oneDimensionalGaussiansAreTheClosedForm() {
        try (Scope s = new Scope()) {
            // d² = (μ1 − μ2)² + σ1² + σ2² − 2σ1σ2 = (μ1 − μ2)² + (σ1 − σ2)²
            double mu1 = 0.3;
            double mu2 = -1.2;
            double sd1 = 2.0;
            double sd2 = 0.7;
            double d = Fid.distance(doubles(new double[] {mu1}, 1), doubles(new double[] {sd1 * sd1}, 1, 1),
                    doubles(new double[] {mu2}, 1), doubles(new double[] {sd2 * sd2}, 1, 1));
            assertThat(d).isCloseTo((mu1 - mu2) * (mu1 - mu2) + (sd1 - sd2) * (sd1 - sd2), within(1e-14));
        }
    }

    @Test
    void diagonalCovariancesAreTheClosedForm() {
        try (Scope s = new Scope()) {
            // commuting covariances: d² = ‖μ1 − μ2‖² + Σ_i (sqrt(a_i) − sqrt(b_i))², a zero variance included
            double[] a = {4, 1, 0.25, 9, 0};
            double[] b = {1, 1, 1, 0.01, 2};
            double[] m1 = {0, 1, 2, 3, 4};
            double[] m2 = {1, 1, 0, 3, 4.5};
            double want = 0;
            for (int i = 0; i < a.length; i++) {
                want += (m1[i] - m2[i]) * (m1[i] - m2[i]) + Math.pow(Math.sqrt(a[i]) - Math.sqrt(b[i]), 2);
            }
            double got = Fid.distance(doubles(m1, 5), diag(a), doubles(m2, 5), diag(b));
            assertThat(got).isCloseTo(want, within(1e-13 * want));
            // a rotation of both (Σ → QΣQᵀ, μ → Qμ) leaves the distance unchanged
            Seeds.seed(9);
            Tensor q = new Tensor(torch.linalg_qr(torch.randn(5, 5).to(torch.ScalarType.Double), "reduced").get0());
            double rotated = Fid.distance(q.matmul(doubles(m1, 5)), q.matmul(diag(a)).matmul(q.t()),
                    q.matmul(doubles(m2, 5)), q.matmul(diag(b)).matmul(q.t()));
            assertThat(rotated).isCloseTo(want, within(1e-11 * want));
        }
    }

    @Test
    void statisticsAreNumpysMeanAndUnbiasedCov() {
        try (Scope s = new Scope()) {
            Tensor f = doubles(new double[] {1, 2, 3, 6, 5, 4}, 3, 2); // rows (1,2), (3,6), (5,4)
            Fid.Statistics st = Fid.statistics(f.to(torch.ScalarType.Float));
            assertThat(st.count()).isEqualTo(3);
            assertThat(st.mean().scalar_type().intern()).isEqualTo(torch.ScalarType.Double);
            assertThat(Tensors.floats(st.mean())).containsExactly(3f, 4f);
            // deviations (−2,−2), (0,2), (2,0): Σ = [[8, 4], [4, 8]] / 2
            assertThat(Tensors.floats(st.covariance())).containsExactly(4f, 2f, 2f, 4f);
        }
    }

    @Test
    void featuresAccumulateAcrossScopes() {
        try (Fid.Features acc = new Fid.Features(); Scope outer = new Scope()) {
            for (int b = 0; b < 3; b++) {
                try (Scope s = new Scope()) {
                    acc.add(torch.full(new long[] {2, 4}, new org.bytedeco.pytorch.Scalar((double) b)));
                }
            }
            assertThat(acc.count()).isEqualTo(6);
            Tensor all = acc.all();
            assertThat(all.shape()).containsExactly(6, 4);
            assertThat(all.select(0, 5).sum().item_double()).isEqualTo(8.0);
        }
    }

    /**
     * pytorch-fid's {@code calculate_frechet_distance} (scipy's {@code sqrtm} of Σ1Σ2) on statistics computed as it
     * does ({@code np.mean}, {@code np.cov(rowvar=False)}), all float64: 60 and 50 samples in 6-d (full rank) and 12
     * and 15 samples in 20-d (both covariances singular, as with a few hundred images in 2048-d). The two square roots
     * agree to rounding in the full case; in the singular one scipy's Schur-based sqrtm of a singular product is
     * accurate only to ~1e-8 relative (the fixture script's own float64 eigen-decomposition differs from scipy by
     * 3e-9 of 521.6), hence 1e-7.
     */
    @Test
    void matchesPytorchFidsScipyFormula() throws Exception {
        Path p = Path.of(FidTest.class.getResource("/parity/fid/fid.pt").toURI());
        @SuppressWarnings("unchecked")
        Map<String, Object> f = (Map<String, Object>) PtFile.load(p);
        try (Scope s = new Scope()) {
            double full = ((Tensor) f.get("full_fid")).item_double();
            assertThat(Fid.distance((Tensor) f.get("full_a"), (Tensor) f.get("full_b"))).isCloseTo(full,
                    within(1e-11 * full));
            double singular = ((Tensor) f.get("singular_fid")).item_double();
            assertThat(Fid.distance((Tensor) f.get("singular_a"), (Tensor) f.get("singular_b"))).isCloseTo(singular,
                    within(1e-7 * singular));
        }
    }
}
