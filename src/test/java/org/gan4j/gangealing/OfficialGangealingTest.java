package org.gan4j.gangealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.nn.Padding2d;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.PtNamespace;
import org.gan4j.torch.Scope;
import org.gan4j.torch.StateDict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The released checkpoints' layout: gan4j's STN at the official flow 128 / input 256, with 1 and 4 heads, has the
 * official state dict key for key and shape for shape (parity/gangealing/official_keys.json, listed by the official
 * code); an official-style file (argparse Namespace args) imports with the released model's test settings.
 */
class OfficialGangealingTest {

    @TempDir
    Path tmp;

    @Test
    void theOfficialStnHasTheReleasedKeysAndShapes() throws Exception {
        JsonNode all = new ObjectMapper().readTree(OfficialWeights.DIR.resolve("official_keys.json").toFile());
        for (int heads : new int[] {1, 4}) {
            JsonNode keys = all.get("ComposedSTN_flow128_super256_cm0.5_heads" + heads).get("keys");
            try (Scope s = new Scope(); ComposedStn t = new ComposedStn(StnShape.official(heads))) {
                Map<String, Tensor> mine = t.stateDict();
                List<String> want = new ArrayList<>();
                for (JsonNode k : keys) {
                    String key = k.get(0).asText();
                    want.add(key);
                    assertThat(mine).as("K=%d", heads).containsKey(key);
                    List<Long> shape = new ArrayList<>();
                    k.get(1).forEach(d -> shape.add(d.asLong()));
                    List<Long> got = new ArrayList<>();
                    for (long d : mine.get(key).sizes().vec().get()) {
                        got.add(d);
                    }
                    assertThat(got).as("%s (K=%d)", key, heads).isEqualTo(shape);
                }
                assertThat(mine.keySet()).as("K=%d", heads).containsExactlyElementsOf(want);
            }
        }
        for (int heads : new int[] {1, 4}) {
            JsonNode keys = all.get("DirectionInterpolator_ncomps1_heads" + heads).get("keys");
            try (Scope s = new Scope(); TargetLatent ll = new TargetLatent(512, 1, 5, 14, heads)) {
                Map<String, Tensor> mine = ll.stateDict();
                for (JsonNode k : keys) {
                    assertThat(mine).containsKey(k.get(0).asText());
                    assertThat(mine.get(k.get(0).asText()).size(0)).isEqualTo(k.get(1).get(0).asLong());
                }
            }
        }
    }

    @Test
    void anOfficialStyleCheckpointImportsWithTheReleasedSettings() throws Exception {
        // A small STN (the fast shape) in train.py's dict, args as an argparse Namespace, named after a released model.
        StnShape shape = StnShape.fast(64, 4);
        Path file = tmp.resolve("horse.pt");
        try (Scope s = new Scope(); ComposedStn t = new ComposedStn(shape)) {
            PtNamespace args = new PtNamespace();
            args.put("flow_size", 64L);
            args.put("real_size", 64L);
            args.put("stn_channel_multiplier", shape.channelMultiplier());
            args.put("gan4j_stn_channel_max", (long) shape.channelMax());
            args.put("gan4j_flow_downsample", (long) shape.flowDownsample());
            args.put("num_heads", 4L);
            args.put("padding_mode", "border");
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("t_ema", StateDict.of(t.stateDict()));
            root.put("args", args);
            PtFile.save(file, root);
        }
        OfficialGangealing.Settings got = OfficialGangealing.importTo(file, null, tmp.resolve("run"));
        assertThat(got).isEqualTo(new OfficialGangealing.Settings(Padding2d.REFLECTION, 3, 4));
        try (Scope s = new Scope(); GangealingModel m = GangealingModel.load(tmp.resolve("run"))) {
            assertThat(m.iters()).isEqualTo(3);
            assertThat(m.padding()).isEqualTo(Padding2d.REFLECTION);
            assertThat(m.stn().shape().heads()).isEqualTo(4);
            // K heads × 2 flips per image, one chosen: N outputs
            try (org.gan4j.torch.NoGrad ng = new org.gan4j.torch.NoGrad()) {
                Tensor x = SpatialTransformerTest.pictures(2, 64);
                GangealingModel.Congealed c = m.congeal(x, x, Warping.defaults(), true);
                assertThat(c.out().sizes().vec().get()).containsExactly(2, 3, 64, 64);
                assertThat(c.mirrored().size(0)).isEqualTo(2);
            }
            assertThatThrownBy(() -> m.requireOneHead("PCK")).isInstanceOf(Gan4jException.class)
                    .hasMessageContaining("K=4");
        }
        assertThatThrownBy(() -> OfficialGangealing.importTo(file, "zebra", tmp.resolve("x")))
                .isInstanceOf(Gan4jException.class).hasMessageContaining("not a released model");
        // a StyleGAN2 file is not a GANgealing checkpoint
        Path g = tmp.resolve("g.pt");
        PtFile.save(g, Map.of("g_ema", new LinkedHashMap<String, Object>()));
        assertThatThrownBy(() -> OfficialGangealing.importTo(g, null, tmp.resolve("y")))
                .isInstanceOf(Gan4jException.class).hasMessageContaining("t_ema");
    }
}
