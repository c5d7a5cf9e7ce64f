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

/**
 * A K-head model congeals each image through the head and flip its classifier picks; points move through a given
 * head (and refuse a K-head model without one); flips for a chosen cluster come from that cluster's two classes.
 */
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
            assertThat(Tensors.floats(got.head().to(torch.ScalarType.Float))).containsExactly(1f, 1f);
            // flips for cluster 1 compare classes K + 1 = 3 and 1: mirrored; for cluster 0, classes 2 and 0: a tie, plain
            assertThat(Tensors.floats(m.flipsFor(x, 1).to(torch.ScalarType.Float))).containsExactly(1f, 1f);
            assertThat(Tensors.floats(m.flipsFor(x, 0).to(torch.ScalarType.Float))).containsExactly(0f, 0f);
            assertThatThrownBy(() -> m.flipsFor(x, 2)).isInstanceOf(Gan4jException.class).hasMessageContaining("--cluster");
            // points through head 1 round-trip (similarity exact; the flow to about a grid cell of 16)
            Tensor p = Tensors.of(new float[] {5, 6, 9, 10, 7, 4, 11, 8}, 2, 2, 2);
            Tensor heads = Tensors.of(new float[] {1, 1}, 2).to(torch.ScalarType.Long);
            Tensor congealed = PointTransfer.congeal(t, x, x, p, 1, heads);
            Tensor back = PointTransfer.uncongeal(t, x, x, congealed, 1, heads);
            assertThat(Tensors.value(back.sub(p).abs().max())).isLessThan(2.0);
            // points through a K-head model without heads: one line, from the library too
            assertThatThrownBy(() -> PointTransfer.transfer(t, x, x, x, x, Tensors.of(new float[] {3, 4}, 1, 1, 2)
                    .expand(new long[] {2, 1, 2}), 1)).isInstanceOf(Gan4jException.class).hasMessageContaining("K=2");
        }
    }
}
