package org.gan4j.stylegan2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.Scope;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The official full-size state dicts (keys, order and shapes) of generator and discriminator, from official_keys.json. */
class OfficialLayoutTest {

    @Test
    @Tag("slow")
    void fullSizeOfficialTablesLineUpKeyForKey() throws Exception {
        JsonNode models = new ObjectMapper().readTree(Fixtures.path("official_keys.json").toFile()).get("models");
        int checked = 0;
        for (var it = models.fields(); it.hasNext(); ) {
            var e = it.next();
            String[] p = e.getKey().split("_");
            Stylegan2Config c = Stylegan2Config.paper(Integer.parseInt(p[0])).withChannels(Integer.parseInt(p[1]), 512, 16384);
            try (Scope s = new Scope()) {
                assertThat(layout(new Generator(c).stateDict())).as("G " + e.getKey()).isEqualTo(expected(e.getValue().get("g")));
                assertThat(layout(new Discriminator(c).stateDict())).as("D " + e.getKey()).isEqualTo(expected(e.getValue().get("d")));
            }
            checked++;
            System.gc(); // the 1024 px models hold ~100 MB of weights each
        }
        assertThat(checked).isEqualTo(4);
    }

    private static List<String> layout(Map<String, Tensor> sd) {
        List<String> out = new ArrayList<>();
        sd.forEach((k, v) -> out.add(k + " " + Arrays.toString(v.shape())));
        return out;
    }

    private static List<String> expected(JsonNode entries) {
        List<String> out = new ArrayList<>();
        for (JsonNode kv : entries) {
            long[] shape = new long[kv.get(1).size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = kv.get(1).get(i).asLong();
            }
            out.add(kv.get(0).asText() + " " + Arrays.toString(shape));
        }
        return out;
    }
}
