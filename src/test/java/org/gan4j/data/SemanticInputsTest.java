package org.gan4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.bytedeco.pytorch.AbstractTensor;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.Engine;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.Test;

/** One-hot label maps and instance edge maps against hand-worked 4x4 examples. */
class SemanticInputsTest {

    private static final LabelMap LABELS = new LabelMap(4, 4, new int[] {
        0, 0, 1, 1,
        0, 2, 2, 1,
        3, 3, 2, 1,
        3, 3, 3, 0});

    private static final LabelMap INSTANCES = new LabelMap(4, 4, new int[] {
        1, 1, 2, 2,
        1, 1, 2, 2,
        3, 3, 3, 3,
        3, 3, 3, 3});

    /** A pixel is an edge where it differs from a 4-neighbour: here the borders between the three objects. */
    private static final float[] EDGES = {
        0, 1, 1, 0,
        1, 1, 1, 1,
        1, 1, 1, 1,
        0, 0, 0, 0};

    private static final LabelMap LONE = new LabelMap(4, 4, new int[] {
        7, 7, 7, 7,
        7, 9, 7, 7,
        7, 7, 7, 7,
        7, 7, 7, 7});

    private static final float[] LONE_EDGES = {
        0, 1, 0, 0,
        1, 1, 1, 0,
        0, 1, 0, 0,
        0, 0, 0, 0};

    @Test
    void oneHotHasAOneInTheChannelOfEachPixelsId() {
        try (Scope s = new Scope()) {
            Tensor t = SemanticInputs.oneHot(SemanticInputs.labels(List.of(LABELS), 5), 5);
            assertThat(t.shape()).containsExactly(1, 5, 4, 4);
            float[] v = Tensors.floats(t);
            float[][] want = {
                {1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
                {0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0},
                {0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0},
                {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 1, 0},
                {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}};
            for (int c = 0; c < 5; c++) {
                float[] channel = new float[16];
                System.arraycopy(v, c * 16, channel, 0, 16);
                assertThat(channel).as("channel %d", c).containsExactly(want[c]);
            }
        }
    }

    @Test
    void edgesAreSpadesGetEdges() {
        try (Scope s = new Scope()) {
            Tensor e = SemanticInputs.edges(SemanticInputs.ids(List.of(INSTANCES, LONE), "instances"));
            assertThat(e.shape()).containsExactly(2, 1, 4, 4);
            float[] v = Tensors.floats(e);
            float[] first = new float[16];
            float[] second = new float[16];
            System.arraycopy(v, 0, first, 0, 16);
            System.arraycopy(v, 16, second, 0, 16);
            assertThat(first).containsExactly(EDGES);
            assertThat(second).containsExactly(LONE_EDGES);
            // [N,H,W] input, and a one-pixel-wide map (no neighbours on one axis).
            Engine.init();
            Tensor row = AbstractTensor.create(new long[] {4, 4, 5}, 1, 1, 3);
            assertThat(Tensors.floats(SemanticInputs.edges(row))).containsExactly(0, 1, 1);
        }
    }

    @Test
    void semanticsConcatenatesTheEdgeMapAfterTheOneHotChannels() {
        try (Scope s = new Scope()) {
            Tensor x = SemanticInputs.semantics(List.of(LABELS, LABELS), List.of(INSTANCES, LONE), 4);
            assertThat(x.shape()).containsExactly(2, 5, 4, 4);
            float[] v = Tensors.floats(x);
            float[] edges = new float[16];
            System.arraycopy(v, (5 + 4) * 16, edges, 0, 16); // second sample, channel 4
            assertThat(edges).containsExactly(LONE_EDGES);
            assertThat(SemanticInputs.semantics(List.of(LABELS), null, 4).shape()).containsExactly(1, 4, 4, 4);
        }
    }

    @Test
    void idsOutsideTheChannelsAreRefusedBeforeScattering() {
        try (Scope s = new Scope()) {
            assertThatThrownBy(() -> SemanticInputs.labels(List.of(LABELS), 3))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("label map 0: id 3 at (x=0, y=2) is outside 0..2 (3 channels); check label files with"
                            + " LabelCoding.read");
            Tensor ids = SemanticInputs.ids(List.of(LABELS), "labels");
            assertThatThrownBy(() -> SemanticInputs.oneHot(ids, 3)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("oneHot: label ids range over 0..3 but 3 channels take 0..2");
            Tensor negative = AbstractTensor.create(new long[] {0, -1}, 1, 1, 2);
            assertThatThrownBy(() -> SemanticInputs.oneHot(negative, 3)).hasMessageContaining("range over -1..0");
            Tensor floats = Tensors.of(new float[] {0, 1}, 1, 1, 2);
            assertThatThrownBy(() -> SemanticInputs.oneHot(floats, 3)).hasMessageStartingWith("oneHot: expected int64");
        }
    }
}
