package org.gan4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.data.LabelMap;
import org.gan4j.nn.ModuleContract;
import org.gan4j.torch.Engine;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The segmentation U-Net: the module contract, its keys and sizes, prediction at other sizes, save and load. */
class SegmenterTest {

    private static final Segmenter.Settings TINY = new Segmenter.Settings(3, false, 16, List.of(4, 8, 8));

    @TempDir
    Path tmp;

    @BeforeAll
    static void oneThread() {
        Engine.intraOpThreads(1);
    }

    private static Tensor randn(long... shape) {
        torch.manual_seed(3);
        return torch.randn(shape);
    }

    @Test
    void moduleContract() throws Exception {
        Tensor x = randn(2, 3, 16, 16);
        ModuleContract.check(() -> new Segmenter(TINY), m -> m.forward(x), 2, 3, 16, 16);
        // fully convolutional: any multiple of 2^(levels-1), also not square
        Tensor y = randn(1, 3, 8, 24);
        ModuleContract.check(() -> new Segmenter(TINY), m -> m.forward(y), 1, 3, 8, 24);
    }

    @Test
    void keysFollowTheLevels() {
        try (Segmenter s = new Segmenter(TINY)) {
            assertThat(s.stateDict().keySet()).contains("down.0.conv1.weight", "down.0.bn1.running_mean",
                    "down.2.conv2.weight", "up.0.conv1.weight", "up.1.bn2.weight", "head.weight", "head.bias")
                    .doesNotContain("down.0.conv1.bias", "up.2.conv1.weight", "down.3.conv1.weight");
            // up.l takes the upsampled level l+1 and the skip of level l: 8 + 4 channels into up.0
            assertThat(s.stateDict().get("up.0.conv1.weight").shape()).containsExactly(4, 12, 3, 3);
            assertThat(s.stateDict().get("up.1.conv1.weight").shape()).containsExactly(8, 16, 3, 3);
            assertThat(s.stateDict().get("head.weight").shape()).containsExactly(3, 4, 1, 1);
        }
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> new Segmenter.Settings(3, false, 18, List.of(4, 8, 8)))
                .isInstanceOf(Gan4jException.class).hasMessageContaining("multiple of 4");
        assertThatThrownBy(() -> new Segmenter.Settings(0, false, 16, List.of(4, 8)))
                .isInstanceOf(Gan4jException.class).hasMessageContaining("at least 1 class");
        assertThatThrownBy(() -> new Segmenter.Settings(3, false, 16, List.of(4)))
                .isInstanceOf(Gan4jException.class).hasMessageContaining("2 to 6 levels");
        try (Scope s = new Scope(); Segmenter seg = new Segmenter(TINY)) {
            assertThatThrownBy(() -> seg.forward(randn(1, 3, 10, 16))).hasMessageContaining("multiple of 4");
        }
    }

    @Test
    void predictGivesOneMapPerImageAtItsOwnSizeEvenWhenResizing() {
        try (Scope s = new Scope(); Segmenter seg = Segmenter.seeded(TINY, 5)) {
            seg.eval();
            Tensor x = randn(2, 3, 16, 16).tanh();
            List<LabelMap> own = seg.predict(x);
            assertThat(own).hasSize(2);
            assertThat(own.get(0).width()).isEqualTo(16);
            // the arg-max of forward's logits, image by image
            float[] ids = Tensors.floats(torch.argmax(seg.forward(x), new LongOptional(1), false).to(torch.ScalarType.Float));
            for (int k = 0; k < 2; k++) {
                for (int i = 0; i < 256; i++) {
                    assertThat(own.get(k).ids()[i]).isEqualTo((int) ids[256 * k + i]);
                }
            }
            // another size: resized to 16x16 and back, one map of the image's own size with valid ids
            List<LabelMap> other = seg.predict(randn(1, 3, 20, 28).tanh());
            assertThat(other.get(0).width()).isEqualTo(28);
            assertThat(other.get(0).height()).isEqualTo(20);
            assertThat(java.util.Arrays.stream(other.get(0).ids()).allMatch(v -> v >= 0 && v <= 2)).isTrue();
        }
    }

    @Test
    void savedAndLoadedPredictsTheSame() throws Exception {
        Path pt = tmp.resolve("sub").resolve("seg.pt");
        try (Scope s = new Scope(); Segmenter seg = Segmenter.seeded(TINY, 9)) {
            seg.eval();
            Tensor x = randn(2, 3, 16, 16).tanh();
            seg.save(pt, java.util.Map.of("note", "test"));
            assertThat(Files.readString(tmp.resolve("sub").resolve("seg.json"))).contains("\"labelNc\" : 3")
                    .contains("\"widths\" : [ 4, 8, 8 ]").contains("\"note\" : \"test\"");
            try (Segmenter back = Segmenter.load(pt)) {
                assertThat(back.settings()).isEqualTo(TINY);
                assertThat(back.isTraining()).isFalse();
                assertThat(Tensors.floats(back.forward(x))).containsExactly(Tensors.floats(seg.forward(x)));
            }
        }
        Files.delete(tmp.resolve("sub").resolve("seg.json"));
        assertThatThrownBy(() -> Segmenter.load(pt)).isInstanceOf(Gan4jException.class)
                .hasMessageContaining("seg.json").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> Segmenter.load(tmp.resolve("none.pt"))).isInstanceOf(Gan4jException.class)
                .hasMessageContaining("none.pt");
        // settings that do not fit the weights: the mismatched keys are named
        Files.writeString(tmp.resolve("sub").resolve("seg.json"), "{\"labelNc\":4,\"dontCare\":false,\"size\":16,\"widths\":[4,8,8]}");
        assertThatThrownBy(() -> Segmenter.load(pt)).isInstanceOf(Gan4jException.class).hasMessageContaining("head.weight");
        Files.writeString(tmp.resolve("sub").resolve("seg.json"), "{\"labelNc\":3,\"dontCare\":false,\"size\":15,\"widths\":[4,8,8]}");
        assertThatThrownBy(() -> Segmenter.load(pt)).isInstanceOf(Gan4jException.class).hasMessageContaining("seg.json")
                .hasMessageContaining("multiple of 4");
    }
}
