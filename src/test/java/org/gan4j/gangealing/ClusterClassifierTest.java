package org.gan4j.gangealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.nn.Padding2d;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.Test;

/** A K-head model congeals each image through the head and flip its classifier picks; points refuse K > 1. */
class ClusterClassifierTest {

    @Test
    void theClassifierPicksHeadAndFlip() {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            torch.manual_seed(4);
            StnShape shape = new StnShape(16, 16, 8, 0.125, 4, 2);
            ComposedStn t = new ComposedStn(shape);
            // distinct heads: give head 1 a shift, so its output differs from head 0's
            t.similarity().stateDict().get("warp_head.linear.bias").narrow(0, 2 * 2 + 1, 1).fill_(Tensors.s(0.3));
            ClusterClassifier c = new ClusterClassifier(shape, 4); // classes f·K + k
            c.initialiseFrom(t.similarity());
            c.stateDict().get("to_logits.weight").zero_();
            c.stateDict().get("to_logits.bias").zero_();
            c.stateDict().get("to_logits.bias").narrow(0, 3, 1).fill_(Tensors.s(10)); // class 3: head 1, mirrored
            GangealingModel m = new GangealingModel(t, Padding2d.BORDER, 1, c);
            Tensor x = SpatialTransformerTest.pictures(2, 16);
            GangealingModel.Congealed got = m.congeal(x, x, Warping.defaults(), true);
            assertThat(Tensors.floats(got.mirrored().to(torch.ScalarType.Float))).containsExactly(1f, 1f);
            Tensor xf = x.flip(new long[] {3});
            Tensor head1 = t.forward(xf, xf, Warping.defaults().padding(Padding2d.BORDER), null).out()
                    .index_select(0, Tensors.of(new float[] {1, 3}, 2).to(torch.ScalarType.Long));
            assertThat(Tensors.value(got.out().sub(head1).abs().max())).isLessThan(1e-6);
            // without flips the same class means head 1, unmirrored
            GangealingModel.Congealed plain = m.congeal(x, x, Warping.defaults(), false);
            assertThat(Tensors.floats(plain.mirrored().to(torch.ScalarType.Float))).containsExactly(0f, 0f);
            Tensor plainHead1 = t.forward(x, x, Warping.defaults().padding(Padding2d.BORDER), null).out()
                    .index_select(0, Tensors.of(new float[] {1, 3}, 2).to(torch.ScalarType.Long));
            assertThat(Tensors.value(plain.out().sub(plainHead1).abs().max())).isLessThan(1e-6);
            // points through a K-head model: one line, from the library too
            assertThatThrownBy(() -> PointTransfer.transfer(t, x, x, x, x, Tensors.of(new float[] {3, 4}, 1, 1, 2)
                    .expand(new long[] {2, 1, 2}), 1)).isInstanceOf(Gan4jException.class).hasMessageContaining("K=2");
        }
    }
}
