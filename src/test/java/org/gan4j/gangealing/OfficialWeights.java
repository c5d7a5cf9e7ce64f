package org.gan4j.gangealing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.nn.Module;
import org.gan4j.torch.Tensors;

/**
 * The formula weights of the GANgealing parity fixtures (parity/gangealing/README.md): entry k of the official state
 * dict, value i flattened, float32(scale · sin(0.7i + 1.3k + 0.1 + (i² mod 10007)·2π/10007)); entries with no
 * scale (fixed filters) keep what the module made.
 */
final class OfficialWeights {

    static final Path DIR = Path.of("src/test/resources/parity/gangealing");

    private OfficialWeights() {}

    /** Loads network {@code name}'s formula weights into {@code m}, checking that every official key is there. */
    static void fill(Module m, String name) throws Exception {
        JsonNode keys = new ObjectMapper().readTree(DIR.resolve("weights.json").toFile()).get("networks").get(name)
                .get("keys");
        Map<String, Tensor> own = m.stateDict();
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (JsonNode k : keys) {
            String key = k.get(0).asText();
            Tensor mine = own.get(key);
            if (mine == null) {
                throw new AssertionError("gan4j's module has no official key " + key);
            }
            if (k.get(2).isNull()) {
                state.put(key, mine);
                continue;
            }
            double scale = k.get(2).asDouble();
            int index = k.get(3).asInt();
            long[] shape = new long[k.get(1).size()];
            long n = 1;
            for (int d = 0; d < shape.length; d++) {
                shape[d] = k.get(1).get(d).asLong();
                n *= shape[d];
            }
            float[] v = new float[(int) n];
            for (int i = 0; i < n; i++) {
                long sq = ((long) i * i) % 10007;
                v[i] = (float) (scale * Math.sin(0.7 * i + 1.3 * index + 0.1 + sq * (2 * Math.PI / 10007)));
            }
            state.put(key, Tensors.of(v, shape));
        }
        if (state.size() != own.size()) {
            throw new AssertionError("gan4j's module has keys the official one lacks: "
                    + own.keySet().stream().filter(x -> !state.containsKey(x)).toList());
        }
        m.loadStateDict(state, "parity " + name);
    }
}
