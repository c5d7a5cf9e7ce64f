package org.gan4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.Test;

/**
 * SPADE's hinge loss against hand computations on a two-discriminator output. Every number below is a short
 * dyadic fraction (k/32), so every sum and mean is exact in float32 in any order: the values must be equal.
 */
class HingeTest {

    // D0's prediction map [2,1,2,2] and D1's (half resolution) [2,1,1,1]; D0 has a tie at 1 (real) and -1 (fake).
    private static final float[] P0 = {0.5f, 2f, -1f, 1f, -0.5f, 0f, 3f, -2f};
    private static final float[] P1 = {0.25f, -3f};

    private static List<List<Tensor>> outputs(Tensor p0, Tensor p1) {
        // Intermediate features are NaN: the hinge loss must read only the last output of each discriminator.
        Tensor nan = torch.full(new long[] {2, 4, 2, 2}, new org.bytedeco.pytorch.Scalar(Double.NaN));
        return List.of(List.of(nan, nan, p0), List.of(nan, p1));
    }

    private static Tensor p0() {
        return Tensors.of(P0, 2, 1, 2, 2).requires_grad_(true);
    }

    private static Tensor p1() {
        return Tensors.of(P1, 2, 1, 1, 1).requires_grad_(true);
    }

    /** The gradient's values with −0 (from the negations) read as 0. */
    private static float[] grad(Tensor t) {
        float[] g = Tensors.floats(t.grad());
        for (int i = 0; i < g.length; i++) {
            g[i] += 0f;
        }
        return g;
    }

    @Test
    void discriminatorTermsAreMeansOfHingesAveragedOverDiscriminators() {
        try (Scope s = new Scope()) {
            Hinge.DTerms d = Hinge.discriminator(outputs(p0(), p1()), outputs(p0(), p1()));
            // real: D0 min(p-1,0) = (-.5, 0, -2, 0, -1.5, -1, 0, -3), mean -1 -> 1; D1 (-.75, -4), mean -2.375
            // -> 2.375; (1 + 2.375) / 2
            assertThat(d.real().item_double()).isEqualTo(1.6875);
            // fake: D0 min(-p-1,0) = (-1.5, -3, 0, -2, -.5, -1, -4, 0), mean -1.5 -> 1.5; D1 (-1.25, 0) -> .625
            assertThat(d.fake().item_double()).isEqualTo((1.5 + 0.625) / 2);
            assertThat(d.sum().item_double()).isEqualTo(1.6875 + 1.0625);
            assertThat(d.real().dim()).as("a scalar, as the official's [1] after the trainer's mean()").isZero();
        }
    }

    @Test
    void generatorTermIsTheNegatedMeanPrediction() {
        try (Scope s = new Scope()) {
            // D0 mean 3/8, D1 mean -11/8: (-3/8 + 11/8) / 2
            assertThat(Hinge.generator(outputs(p0(), p1())).item_double()).isEqualTo(0.5);
        }
    }

    @Test
    void gradientsAreHingeIndicatorsOverElementsAndDiscriminatorsWithTiesSplit() {
        try (Scope s = new Scope()) {
            Tensor a0 = p0();
            Tensor a1 = p1();
            Hinge.discriminator(outputs(a0, a1), outputs(p0(), p1())).real().backward();
            // d/dp of -(1/K)(1/n) Σ min(p-1, 0): -1/(2·8) below 1, 0 above, half at the tie p = 1 (torch.min(a, b))
            float q = -1f / 16;
            assertThat(grad(a0)).containsExactly(q, 0f, q, q / 2, q, q, 0f, q);
            assertThat(grad(a1)).containsExactly(-1f / 4, -1f / 4);

            Tensor b0 = p0();
            Hinge.discriminator(outputs(p0(), p1()), outputs(b0, p1())).fake().backward();
            // d/dp of -(1/16) Σ min(-p-1, 0): +1/16 above -1, 0 below, half at the tie p = -1
            float r = 1f / 16;
            assertThat(grad(b0)).containsExactly(r, r, r / 2, r, r, r, r, 0f);

            Tensor c0 = p0();
            Hinge.generator(outputs(c0, p1())).backward();
            assertThat(grad(c0)).containsOnly(-1f / 16);
        }
    }

    @Test
    void oneDiscriminatorIsThePlainMean() {
        try (Scope s = new Scope()) {
            Tensor p = Tensors.of(P1, 2, 1, 1, 1);
            assertThat(Hinge.discriminator(List.of(List.of(p)), List.of(List.of(p))).real().item_double()).isEqualTo(2.375);
            assertThatThrownBy(() -> Hinge.generator(List.of())).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
