package org.gan4j.mystyle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.Test;

/** P_β's soft clamp and row normalisation, P₀ sampling, the direction's projection and the sweep, by hand. */
class PersonalSpaceMathsTest {

    @Test
    void softClampAndRowNormalisationMatchAHandComputation() {
        try (Scope s = new Scope()) {
            Tensor alphaPlus = Tensors.of(new float[] {0.5f, 0.6f, -0.1f, 1f, 0f, 0f}, 2, 3);
            float[] got = Tensors.floats(PersonalSpace.constrain(alphaPlus, 0.03));
            // softplus(x + β; 100) − β: 100(x + β) > 20 is linear (torch's threshold), else log(1 + e^{100(x+β)})/100.
            double neg = Math.log1p(Math.exp(-7)) / 100 - 0.03; // x = −0.1
            double sum = 0.5 + 0.6 + neg;
            assertThat((double) got[0]).isCloseTo(0.5 / sum, within(1e-6));
            assertThat((double) got[1]).isCloseTo(0.6 / sum, within(1e-6));
            assertThat((double) got[2]).isCloseTo(neg / sum, within(1e-6));
            double zero = Math.log1p(Math.exp(3)) / 100 - 0.03; // x = 0: softplus(3)/100 − β
            double sum2 = 1 + 2 * zero;
            assertThat((double) got[3]).isCloseTo(1 / sum2, within(1e-6));
            assertThat((double) got[4]).isCloseTo(zero / sum2, within(1e-6));
            for (int r = 0; r < 2; r++) {
                assertThat((double) got[3 * r] + got[3 * r + 1] + got[3 * r + 2]).isCloseTo(1, within(1e-6));
            }
            float[] plain = Tensors.floats(PersonalSpace.constrain(alphaPlus, null)); // β = None: normalisation only
            assertThat((double) plain[2]).isCloseTo(-0.1 / 1.0, within(1e-6));
        }
    }

    @Test
    void p0SamplesMixThreeDistinctAnchorsWithWeightsSummingToOne() {
        double[][] a = PersonalSpace.p0Alphas(200, 7, 3, new Random(4));
        for (double[] row : a) {
            int nonzero = 0;
            double sum = 0;
            for (double v : row) {
                assertThat(v).isBetween(0.0, 1.0);
                nonzero += v > 0 ? 1 : 0;
                sum += v;
            }
            assertThat(nonzero).isEqualTo(3);
            assertThat(sum).isCloseTo(1, within(1e-12));
            assertThat(PersonalSpace.contains(row, 0, 1e-12)).isTrue();
        }
        assertThat(PersonalSpace.p0Alphas(5, 7, 3, new Random(4))).isDeepEqualTo(PersonalSpace.p0Alphas(5, 7, 3, new Random(4)));
        assertThat(PersonalSpace.contains(new double[] {1.04, -0.04}, 0.03, 1e-9)).isFalse();
        assertThat(PersonalSpace.contains(new double[] {1.02, -0.02}, 0.03, 1e-9)).isTrue();
        assertThat(PersonalSpace.excess(new double[] {1.05, -0.05}, 0.03)).isCloseTo(0.02, within(1e-12));
    }

    @Test
    void directionProjectionMatchesAHandCase() {
        // A = [(1,1,0); (0,1,0)], d = (1,2,3): AAᵀ = [[2,1],[1,1]], its inverse [[1,−1],[−1,2]], A·d = (3,2),
        // γ = (1,1), Aᵀγ = (1,2,0), cos = 5/√(14·5).
        DirectionProjection p = DirectionProjection.of(new double[][] {{1, 1, 0}, {0, 1, 0}}, new double[] {1, 2, 3});
        assertThat(p.gamma()).containsExactly(new double[] {1, 1}, within(1e-12));
        assertThat(p.projected()).containsExactly(new double[] {1, 2, 0}, within(1e-12));
        assertThat(p.cosine()).isCloseTo(5 / Math.sqrt(70), within(1e-12));
        DirectionProjection inSpan = DirectionProjection.of(new double[][] {{1, 1, 0}, {0, 1, 0}}, new double[] {2, -1, 0});
        assertThat(inSpan.cosine()).isCloseTo(1, within(1e-12));
        assertThat(inSpan.gamma()).containsExactly(new double[] {2, -3}, within(1e-12));
    }

    @Test
    void sweepFollowsTheOfficialThetasAndEdgePolicies() {
        assertThat(Editing.thetas(2, 11)).containsExactly(new double[] {-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2}, within(1e-12));
        double[][] anchors = {{1, 0}, {0, 1}, {1, 1}};
        double[][] alpha = {{0.4, 0.3, 0.3}, {0.2, 0.2, 0.6}}; // two layers, inside P₀
        double[] gamma = {1, -1, 0};
        double[] thetas = {-1, 0, 0.2, 1};
        HullProjection hull = new HullProjection(anchors);
        var stop = Editing.sweep(alpha, gamma, anchors, thetas, EdgePolicy.STOP, 0.03, hull);
        assertThat(stop).extracting(Editing.Edit::theta).containsExactly(0.0, 0.2);
        var cont = Editing.sweep(alpha, gamma, anchors, thetas, EdgePolicy.CONTINUE, 0.03, hull);
        assertThat(cont).extracting(Editing.Edit::outside).containsExactly(true, false, false, true);
        // θ = 1 on layer 0: α' = (1.4, −0.7, 0.3) → w = (1.7, −0.4).
        assertThat(cont.get(3).wPlus()[0]).containsExactly(new double[] {1.7, -0.4}, within(1e-12));
        var proj = Editing.sweep(alpha, gamma, anchors, thetas, EdgePolicy.PROJECT, 0.03, hull);
        assertThat(proj).hasSize(4);
        assertThat(proj.get(1).wPlus()[0]).containsExactly(cont.get(1).wPlus()[0], within(1e-12)); // inside: untouched
        double[] projected = hull.solve(cont.get(3).wPlus()[0], 0.03);
        assertThat(PersonalSpace.contains(projected, 0.03, 1e-9)).isTrue();
        assertThat(proj.get(3).wPlus()[0]).containsExactly(hull.latent(projected), within(1e-9));
    }
}
