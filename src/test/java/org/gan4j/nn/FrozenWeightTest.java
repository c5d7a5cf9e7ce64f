package org.gan4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.junit.jupiter.api.Test;

/** A frozen network keeps W/σ between forwards, and makes it again when a weight or vector changes in place. */
class FrozenWeightTest {

    private static double maxDiff(Tensor a, Tensor b) {
        return a.sub(b).abs().max().item_double();
    }

    @Test
    void spectralNormWeightFollowsEveryInPlaceChange() throws Exception {
        try (Scope s = new Scope(); SpectralNormConv2d conv = new SpectralNormConv2d(3, 4, 3, 1, 1, true);
                SpectralNormConv2d other = new SpectralNormConv2d(3, 4, 3, 1, 1, true)) {
            conv.eval();
            Tensor x = torch.randn(1, 3, 5, 5);
            Tensor first;
            try (NoGrad ng = new NoGrad()) {
                first = conv.forward(x);
                assertThat(conv.weight()).isSameAs(conv.weight()); // kept
                assertThat(maxDiff(conv.forward(x), first)).isZero();
                conv.weightOrig.mul_(new Scalar(2.0)); // W/σ is scale-free: the same output, from a new W/σ
                Tensor kept = conv.weight();
                assertThat(maxDiff(conv.forward(x), first)).isLessThan(1e-5);
                conv.weightU.neg_(); // σ changes sign
                assertThat(conv.weight()).isNotSameAs(kept);
                assertThat(maxDiff(conv.forward(x).sub(conv.bias.view(1, 4, 1, 1)),
                        first.sub(conv.bias.view(1, 4, 1, 1)).neg())).isLessThan(1e-5);
                conv.loadStateDict(other.stateDict(), "other");
                other.eval();
                assertThat(maxDiff(conv.forward(x), other.forward(x))).isZero();
            }
            // with gradients on, W/σ is made in the graph every time
            Tensor withGrad = conv.weight();
            assertThat(withGrad.requires_grad()).isTrue();
        }
    }
}
