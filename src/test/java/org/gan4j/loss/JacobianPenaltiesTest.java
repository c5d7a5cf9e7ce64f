package org.gan4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.nn.Adam;
import org.gan4j.nn.Linear;
import org.gan4j.torch.Autograd;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.Test;

/**
 * OroJaR and the Hessian Penalty against their exact values: with all 2ⁿ sign vectors the unbiased variance over
 * them is (2ⁿ/(2ⁿ−1))·2·Σ_{i≠j} M_ij², M = JᵀJ for OroJaR on a linear map (forward differences are exact) and M = H
 * for the Hessian Penalty on a quadratic (central second differences are exact).
 */
class JacobianPenaltiesTest {

    private static final int NZ = 4;
    private static final double[][] A = {{1.0, 0.5, -0.3, 0.0}, {0.2, -1.0, 0.4, 0.7}, {0.0, 0.3, 0.9, -0.5}};

    /** All 16 sign vectors of length 4 as [16, 1, 4]. */
    private static Tensor allSigns() {
        float[] v = new float[16 * NZ];
        for (int s = 0; s < 16; s++) {
            for (int i = 0; i < NZ; i++) {
                v[s * NZ + i] = ((s >> i) & 1) == 1 ? 1f : -1f;
            }
        }
        return Tensors.of(v, 16, 1, NZ);
    }

    private static double offDiagonalSquares(double[][] m) {
        double s = 0;
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m.length; j++) {
                if (i != j) {
                    s += m[i][j] * m[i][j];
                }
            }
        }
        return s;
    }

    @Test
    void orojarIsTheOffDiagonalOfJtJOnALinearMap() {
        try (Scope s = new Scope()) {
            float[] a = new float[A.length * NZ];
            for (int r = 0; r < A.length; r++) {
                for (int c = 0; c < NZ; c++) {
                    a[r * NZ + c] = (float) A[r][c];
                }
            }
            Tensor w = Tensors.of(a, A.length, NZ);
            Activations g = z -> List.of(torch.matmul(z, w.t()).add(Tensors.s(3.0))); // [N,3]: Az + b
            double[][] m = new double[NZ][NZ]; // JᵀJ
            for (int i = 0; i < NZ; i++) {
                for (int j = 0; j < NZ; j++) {
                    for (int r = 0; r < A.length; r++) {
                        m[i][j] += A[r][i] * A[r][j];
                    }
                }
            }
            double expected = 16.0 / 15.0 * 2 * offDiagonalSquares(m);
            Tensor z = Tensors.of(new float[] {0.3f, -1.2f, 0.8f, 0.1f}, 1, NZ);
            double got = new OroJaR(2, 0.1, Reduction.MAX).perActivation(g, z, null, allSigns()).get(0).item_double();
            assertThat(got).isCloseTo(expected, within(1e-3 * expected));
            // orthogonal columns: no penalty
            Activations diag = x -> List.of(x.mul(Tensors.of(new float[] {2f, -1f, 0.5f, 3f}, 1, NZ)));
            assertThat(OroJaR.defaults().perActivation(diag, z, null, allSigns()).get(0).item_double())
                    .isCloseTo(0, within(1e-6));
        }
    }

    @Test
    void hessianPenaltyIsTheOffDiagonalHessianOfAQuadratic() {
        double[][] h1 = {{2, 1, 0, -0.5}, {1, 0, 0.3, 0}, {0, 0.3, -1, 0.2}, {-0.5, 0, 0.2, 1}};
        double[][] h2 = {{1, 0, 0, 0}, {0, 2, 0, 0}, {0, 0, 3, 0}, {0, 0, 0, 4}}; // separable: no penalty
        try (Scope s = new Scope()) {
            Tensor t1 = matrix(h1);
            Tensor t2 = matrix(h2);
            Activations g = z -> List.of(torch.cat(new org.bytedeco.pytorch.TensorVector(quadratic(z, t1),
                    quadratic(z, t2)), 1)); // [N,2]
            Tensor z = Tensors.of(new float[] {0.3f, -1.2f, 0.8f, 0.1f}, 1, NZ);
            double expected = 16.0 / 15.0 * 2 * offDiagonalSquares(h1);
            List<Tensor> max = new HessianPenalty(2, 0.1, Reduction.MAX).perActivation(g, z, null, allSigns());
            assertThat(max.get(0).item_double()).isCloseTo(expected, within(2e-3 * expected));
            List<Tensor> mean = new HessianPenalty(2, 0.1, Reduction.MEAN).perActivation(g, z, null, allSigns());
            assertThat(mean.get(0).item_double()).isCloseTo(expected / 2, within(2e-3 * expected));
        }
    }

    private static Tensor matrix(double[][] m) {
        float[] f = new float[m.length * m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m.length; j++) {
                f[i * m.length + j] = (float) m[i][j];
            }
        }
        return Tensors.of(f, m.length, m.length);
    }

    private static Tensor quadratic(Tensor z, Tensor h) { // ½ zᵀHz + 1 per sample: [N,1]
        return torch.matmul(z, h).mul(z).sum(new long[] {1}).mul(Tensors.s(0.5)).add(Tensors.s(1.0)).unsqueeze(1);
    }

    @Test
    void trainingALinearMapWithOrojarMakesItsColumnsOrthogonal() {
        // the official _test_orojar in small: a linear map z -> Wz trained on the penalty alone
        Seeds.seed(3);
        try (Scope s = new Scope(); Linear fc = new Linear(NZ, 32)) {
            Adam adam = new Adam(fc.parameters(), 1e-2, 0.5, 0.999, 1e-8);
            double before = offDiagonalRatio(fc.weight);
            OroJaR reg = OroJaR.defaults();
            for (int i = 0; i < 300; i++) {
                try (Scope step = new Scope()) {
                    Tensor z = torch.randn(16, NZ);
                    Tensor loss = reg.penalty(x -> List.of(fc.forward(x)), z, null);
                    adam.step(Autograd.grad(loss, fc.parameters(), null, false));
                }
            }
            double after = offDiagonalRatio(fc.weight);
            assertThat(after).isLessThan(before / 10);
        }
    }

    /** Σ_{i≠j} (WᵀW)_ij² / Σ_i (WᵀW)_ii². */
    private static double offDiagonalRatio(Tensor w) {
        Tensor m = torch.matmul(w.t(), w).detach();
        double all = m.square().sum().item_double();
        double diag = m.diagonal().square().sum().item_double();
        return (all - diag) / diag;
    }
}
