package org.gan4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.nn.Vgg19Features;
import org.gan4j.torch.FloatBounds;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.Test;

/** SPADE's VGG loss: the weighted L1 sum by hand, unscaled inputs, zero on equal images, gradient to x only. */
class VggLossTest {

    private static Tensor image(long seed) {
        torch.manual_seed(seed);
        return torch.rand(2, 3, 16, 16).mul(new Scalar(2)).sub(new Scalar(1));
    }

    @Test
    void weightedL1OfTheFeaturesByHand() {
        try (Scope s = new Scope()) {
            // five one-pixel maps, |fx - fy| = (2, 4, 8, 16, 3) -> 2/32 + 4/16 + 8/8 + 16/4 + 3 = 8.3125; a map of
            // two values with |d| = (1, 3) -> mean 2 in the first slot of a three-slice sum: 2/32 + 4/16 + 8/8
            List<Tensor> fx = List.of(Tensors.of(new float[] {2}, 1, 1, 1, 1), Tensors.of(new float[] {-4}, 1, 1, 1, 1),
                    Tensors.of(new float[] {8}, 1, 1, 1, 1), Tensors.of(new float[] {16}, 1, 1, 1, 1),
                    Tensors.of(new float[] {1}, 1, 1, 1, 1));
            List<Tensor> fy = List.of(Tensors.of(new float[] {0}, 1, 1, 1, 1), Tensors.of(new float[] {0}, 1, 1, 1, 1),
                    Tensors.of(new float[] {0}, 1, 1, 1, 1), Tensors.of(new float[] {0}, 1, 1, 1, 1),
                    Tensors.of(new float[] {-2}, 1, 1, 1, 1));
            // dyadic numbers with few bits: exact in float32
            assertThat(VggLoss.fromFeatures(fx, fy).item_double()).isEqualTo(8.3125);
            List<Tensor> gx = List.of(Tensors.of(new float[] {1, -3}, 1, 2, 1, 1), fx.get(1), fx.get(2));
            List<Tensor> gy = List.of(Tensors.of(new float[] {0, 0}, 1, 2, 1, 1), fy.get(1), fy.get(2));
            assertThat(VggLoss.fromFeatures(gx, gy).item_double()).isEqualTo(2.0 / 32 + 0.25 + 1);
        }
    }

    @Test
    void imagesGoInUnscaledAndEqualImagesGiveZero() {
        try (Scope s = new Scope(); Vgg19Features vgg = Vgg19Features.random(1)) {
            VggLoss loss = new VggLoss(vgg);
            Tensor x = image(1);
            Tensor y = image(2);
            // SPADE feeds [-1, 1] images to VGG19 as they are: the loss is that of the features of x and y themselves
            assertThat(loss.loss(x, y).item_double()).isEqualTo(VggLoss.fromFeatures(vgg.forward(x), vgg.forward(y)).item_double());
            assertThat(loss.loss(x, x).item_double()).isZero();
            assertThat(loss.loss(x, y).item_double()).isPositive();
        }
    }

    @Test
    void gradientReachesXOnly() {
        try (Scope s = new Scope(); Vgg19Features vgg = Vgg19Features.random(1, 3)) {
            Tensor x = image(1).requires_grad_(true);
            Tensor y = image(2).requires_grad_(true);
            Tensor l = new VggLoss(vgg).loss(x, y);
            l.backward();
            assertThat(Tensors.allFinite(x.grad())).isTrue();
            assertThat(x.grad().abs().sum().item_double()).isPositive();
            assertThat(y.grad().defined()).as("the real image's features are detached").isFalse();
            // three slices: the first three weights, relu1_1..relu3_1
            try (Vgg19Features five = Vgg19Features.random(1)) {
                List<Tensor> fx = five.forward(x.detach());
                List<Tensor> fy = five.forward(y.detach());
                double want = 0;
                double bound = 0;
                for (int i = 0; i < 3; i++) {
                    double l1 = torch.l1_loss(fx.get(i), fy.get(i)).item_double();
                    want += VggLoss.WEIGHTS.get(i) * l1;
                    bound += VggLoss.WEIGHTS.get(i) * l1;
                }
                // the same features (the weights do not depend on the slice count); the means of up to 32768
                // terms summed in another order: γ_n relative to the sum of magnitudes (all terms are >= 0)
                assertThat(l.item_double()).isCloseTo(want, within(FloatBounds.gamma(2 * 64 * 16 * 16 + 4) * bound));
            }
        }
    }
}
