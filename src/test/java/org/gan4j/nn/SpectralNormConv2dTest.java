package org.gan4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.FloatBounds;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.Test;

/** {@link SpectralNormConv2d} against PyTorch's spectral_norm (parity/spectral_norm/README.md) and an SVD. */
class SpectralNormConv2dTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fixture() throws Exception {
        Path p = Path.of(SpectralNormConv2dTest.class.getResource("/parity/spectral_norm/spectral_norm.pt").toURI());
        return (Map<String, Object>) PtFile.load(p);
    }

    private static double maxAbs(Tensor a, Tensor b) {
        return torch.max(torch.abs(a.sub(b))).item_double();
    }

    @Test
    @SuppressWarnings("unchecked")
    void matchesPyTorchsSpectralNormInTrainingAndEval() throws Exception {
        Map<String, Object> f = fixture();
        try (Scope s = new Scope(); NoGrad ng = new NoGrad(); SpectralNormConv2d conv = new SpectralNormConv2d(5, 4, 3, 1, 1, true)) {
            conv.loadStateDict((Map<String, Tensor>) f.get("start"), "spectral_norm.pt");
            Tensor x = (Tensor) f.get("x");
            Tensor ref = (Tensor) f.get("y_train1");
            // each output sums I·k·k = 45 products of x and W/σ, rounded differently on each side; σ itself is a
            // 45-term and a 4-term sum, so its relative error adds γ_50 to every output (W/σ read in eval mode,
            // which leaves u and v as loaded)
            conv.eval();
            double rowSum = torch.abs(conv.weight()).sum(new long[] {1, 2, 3}, false,
                    new org.bytedeco.pytorch.ScalarTypeOptional()).max().item_double();
            double tol = 2 * FloatBounds.gamma(100) * torch.abs(ref).max().item_double()
                    + 2 * FloatBounds.dot(45, rowSum, torch.abs(x).max().item_double());
            conv.train(true);
            assertThat(maxAbs(conv.forward(x), ref)).as("first training forward").isLessThanOrEqualTo(tol);
            Map<String, Tensor> after1 = (Map<String, Tensor>) f.get("after1");
            // unit vectors from two matrix-vector products of at most 45 terms, each normalised, on both sides
            double unitTol = 4 * FloatBounds.gamma(50);
            assertThat(maxAbs(conv.weightU, after1.get("weight_u"))).as("u after one iteration").isLessThanOrEqualTo(unitTol);
            assertThat(maxAbs(conv.weightV, after1.get("weight_v"))).as("v after one iteration").isLessThanOrEqualTo(unitTol);
            assertThat(maxAbs(conv.forward(x), (Tensor) f.get("y_train2"))).as("second training forward").isLessThanOrEqualTo(tol);
            conv.eval();
            Tensor u = conv.weightU.clone();
            assertThat(maxAbs(conv.forward(x), (Tensor) f.get("y_eval"))).as("eval forward").isLessThanOrEqualTo(tol);
            assertThat(torch.equal(conv.weightU, u)).as("eval leaves u alone").isTrue();
        }
    }

    @Test
    void sigmaConvergesToTheLargestSingularValue() {
        try (Scope s = new Scope(); SpectralNormConv2d conv = new SpectralNormConv2d(6, 8, 3, 1, 1, false)) {
            Seeds.seed(3);
            Tensor x = torch.randn(1, 6, 5, 5);
            for (int i = 0; i < 200; i++) {
                try (Scope step = new Scope(); NoGrad ng = new NoGrad()) {
                    conv.forward(x);
                }
            }
            double svd = torch.linalg_svdvals(conv.weightOrig.reshape(8, -1)).max().item_double();
            assertThat(conv.sigma()).isCloseTo(svd, org.assertj.core.data.Offset.offset(1e-4 * svd));
            try (NoGrad ng = new NoGrad()) {
                double normalised = torch.linalg_svdvals(conv.weight().reshape(8, -1)).max().item_double();
                assertThat(normalised).as("spectral norm of W / sigma").isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
            }
        }
    }

    @Test
    void contract() throws Exception {
        ModuleContract.check(() -> new SpectralNormConv2d(3, 4, 3, 1, 1, true),
                m -> m.forward(Tensors.of(new float[2 * 3 * 5 * 5], 2, 3, 5, 5).add(Tensors.s(0.5))), 2, 4, 5, 5);
        try (Scope s = new Scope(); SpectralNormConv2d conv = new SpectralNormConv2d(3, 4, 3, 1, 1, true)) {
            assertThat(conv.stateDict().keySet()).containsExactlyInAnyOrder("weight_orig", "bias", "weight_u", "weight_v");
        }
    }
}
