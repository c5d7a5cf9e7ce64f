package org.gan4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.Test;

/**
 * SPADE's feature-matching loss against a hand computation: two discriminators, the first with two feature
 * maps, the second with one, each followed by a NaN prediction that must be left out. Every number is a short
 * dyadic fraction, so float32 computes it exactly in any order.
 */
class FeatureMatchingTest {

    private static final class Case {
        final Tensor fake0 = Tensors.of(new float[] {1, 2, 3, 4}, 2, 1, 1, 2).requires_grad_(true);
        final Tensor real0 = Tensors.of(new float[] {0, 2.5f, 3, 5}, 2, 1, 1, 2).requires_grad_(true);
        final Tensor fake1 = Tensors.of(new float[] {-1}, 1, 1, 1, 1).requires_grad_(true);
        final Tensor real1 = Tensors.of(new float[] {1}, 1, 1, 1, 1).requires_grad_(true);
        final Tensor fakeB = Tensors.of(new float[] {0.5f, 0.25f}, 2, 1, 1, 1).requires_grad_(true);
        final Tensor realB = Tensors.of(new float[] {0, 1}, 2, 1, 1, 1).requires_grad_(true);
        final Tensor nan = torch.full(new long[] {2, 1, 1, 1}, new Scalar(Double.NaN));

        List<List<Tensor>> fake() {
            return List.of(List.of(fake0, fake1, nan), List.of(fakeB, nan));
        }

        List<List<Tensor>> real() {
            return List.of(List.of(real0, real1, nan), List.of(realB, nan));
        }
    }

    @Test
    void sumsL1OverFeaturesBeforeThePredictionTimesLambdaOverK() {
        try (Scope s = new Scope()) {
            Case c = new Case();
            // D0: mean|(1,-.5,0,-1)| = .625, mean|(-2)| = 2; D1: mean|(.5,-.75)| = .625; times 10/2
            assertThat(FeatureMatching.loss(c.fake(), c.real()).item_double()).isEqualTo(5 * (0.625 + 2 + 0.625));
            assertThat(FeatureMatching.loss(c.fake(), c.real(), 1.0).item_double()).isEqualTo((0.625 + 2 + 0.625) / 2);
        }
    }

    @Test
    void gradientReachesTheFakeFeaturesOnly() {
        try (Scope s = new Scope()) {
            Case c = new Case();
            FeatureMatching.loss(c.fake(), c.real()).backward();
            // (λ/K)·sign(fake - real)/numel, sign(0) = 0
            assertThat(Tensors.floats(c.fake0.grad())).containsExactly(1.25f, -1.25f, 0f, -1.25f);
            assertThat(Tensors.floats(c.fake1.grad())).containsExactly(-5f);
            assertThat(Tensors.floats(c.fakeB.grad())).containsExactly(2.5f, -2.5f);
            for (Tensor real : List.of(c.real0, c.real1, c.realB)) {
                assertThat(real.grad().defined()).as("real features are detached").isFalse();
            }
        }
    }

    @Test
    void onlyPredictionsGiveZeroAndMismatchedLayoutsFail() {
        try (Scope s = new Scope()) {
            Case c = new Case();
            assertThat(FeatureMatching.loss(List.of(List.of(c.nan)), List.of(List.of(c.nan))).item_double()).isZero();
            assertThatThrownBy(() -> FeatureMatching.loss(c.fake(), c.real().subList(0, 1)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> FeatureMatching.loss(c.fake(), List.of(c.real().get(0), List.of(c.nan))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("discriminator 1");
        }
    }
}
