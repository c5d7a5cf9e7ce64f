package org.gan4j.cocosnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.loss.ContextualLoss;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;
import org.gan4j.torch.dist.World;
import org.junit.jupiter.api.Test;

/** CoCosNet's exemplar losses against hand computations. */
class CocosLossesTest {

    @Test
    void featureMatchingCountsOnlyPseudoPairsWithTheLayerWeights() {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            // two samples, one value per layer: |fake − real| = 1 + layer for sample 0, 100 for sample 1
            List<Tensor> fake = new java.util.ArrayList<>();
            List<Tensor> real = new java.util.ArrayList<>();
            for (int l = 0; l < 5; l++) {
                fake.add(Tensors.of(new float[] {1 + l, 100}, 2, 1, 1, 1));
                real.add(torch.zeros(2, 1, 1, 1));
            }
            // sample 0 a pseudo pair, sample 1 retrieved: s = (1/(1+1e-5), 0); the mean runs over both samples
            double want = 0;
            double[] w = {1.0 / 32, 1.0 / 16, 1.0 / 8, 1.0 / 4, 1.0};
            for (int l = 0; l < 5; l++) {
                want += w[l] * (1 + l) / (1 + 1e-5) / 2;
            }
            Tensor got = CocosLosses.featureMatching(fake, real, Tensors.of(new float[] {1, 0}, 2), 1);
            assertThat(got.item_double()).isCloseTo(want, within(1e-6 * want));
            // no pseudo pair in the batch: nothing to match
            assertThat(CocosLosses.featureMatching(fake, real, Tensors.of(new float[] {0, 0}, 2), 0).item_double()).isZero();
        }
    }

    @Test
    void warpedMaskIsTheNllOfTheInputsClassesPresentInTheExemplar() {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            // 3 classes, a 1×2 correspondence grid (the label maps are 4×8 and sampled every 4th pixel)
            long[] in = new long[4 * 8];
            long[] ref = new long[4 * 8];
            java.util.Arrays.fill(in, 0);
            for (int x = 4; x < 8; x++) {
                in[x] = 2; // row 0, column 4: class 2 (the sampled pixel of the second cell)
            }
            java.util.Arrays.fill(ref, 0);
            ref[1] = 1; // not sampled: the exemplar's class 1 is invisible at 1/4
            Tensor labels = org.bytedeco.pytorch.AbstractTensor.create(in, 1, 4, 8);
            Tensor refLabels = org.bytedeco.pytorch.AbstractTensor.create(ref, 1, 4, 8);
            // warped mask probabilities per class at the two cells
            Tensor mask = Tensors.of(new float[] {0.7f, 0.2f, 0.2f, 0.3f, 0.1f, 0.5f}, 1, 3, 1, 2);
            // cell 0: class 0, present in the exemplar → −log 0.7; cell 1: class 2, absent → weight 0
            double want = -Math.log(0.7 + 1e-10) / (1 + 1e-5);
            assertThat(CocosLosses.warpedMask(mask, labels, refLabels, -1, World.single()).item_double()).isCloseTo(want, within(1e-6));
            // class 0 ignored (as the official ADE20K's "other"): nothing left to score
            assertThat(CocosLosses.warpedMask(mask, labels, refLabels, 0, World.single()).item_double()).isZero();
            // the exemplar has class 2 too: both cells count
            ref[4 * 0 + 4] = 2;
            Tensor refLabels2 = org.bytedeco.pytorch.AbstractTensor.create(ref, 1, 4, 8);
            double both = (-Math.log(0.7 + 1e-10) - Math.log(0.5 + 1e-10)) / (2 + 1e-5);
            assertThat(CocosLosses.warpedMask(mask, labels, refLabels2, -1, World.single()).item_double()).isCloseTo(both, within(1e-6));
        }
    }

    @Test
    void contextualIsEightFourTwoOverRelu52Relu42AndPooledRelu32() {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            torch.manual_seed(3);
            List<Tensor> fake = List.of(torch.rand(2, 4, 16, 16), torch.rand(2, 4, 8, 8), torch.rand(2, 8, 8, 8),
                    torch.rand(2, 8, 4, 4), torch.rand(2, 8, 2, 2));
            List<Tensor> ref = List.of(torch.rand(2, 4, 16, 16), torch.rand(2, 4, 8, 8), torch.rand(2, 8, 8, 8),
                    torch.rand(2, 8, 4, 4), torch.rand(2, 8, 2, 2));
            for (boolean pono : new boolean[] {false, true}) {
                double c5 = ContextualLoss.loss(fake.get(4), ref.get(4), 0.1, pono).mean().item_double();
                double c4 = ContextualLoss.loss(fake.get(3), ref.get(3), 0.1, pono).mean().item_double();
                double c3 = ContextualLoss.loss(torch.avg_pool2d(fake.get(2), new long[] {2, 2}),
                        torch.avg_pool2d(ref.get(2), new long[] {2, 2}), 0.1, pono).mean().item_double();
                double want = 8 * c5 + 4 * c4 + 2 * c3;
                assertThat(CocosLosses.contextual(fake, ref, pono).item_double()).isCloseTo(want, within(1e-5 * want));
                // the same features have the least loss there is: −log 1 per term
                assertThat(CocosLosses.contextual(ref, ref, pono).item_double()).isLessThan(want);
            }
        }
    }
}
