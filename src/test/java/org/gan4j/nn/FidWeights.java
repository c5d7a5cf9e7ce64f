package org.gan4j.nn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.Tensors;

/**
 * The deterministic weights of {@code parity/fid/make_fixture.py}, made here from pytorch-fid's own key list
 * ({@code keys.json}, written by that script from pytorch-fid's network) rather than from {@link FidInception}: tensor k
 * (0-based among the conv/bn tensors in state-dict order), element i: float32 of s = sin(0.37·i·i + k) (float64),
 * conv weights s·sqrt(4/fan_in), bn weight 1 + s/4, bn bias and running mean s/20, running var 1 + s/2.
 */
public final class FidWeights {

    private FidWeights() {}

    /** pytorch-fid's keys and shapes in state-dict order, all of them ({@code fc.*} and num_batches_tracked too). */
    public static Map<String, long[]> pytorchFidKeys() throws IOException {
        try (InputStream in = FidWeights.class.getResourceAsStream("/parity/fid/keys.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, long[]> out = new LinkedHashMap<>();
            for (JsonNode k : root.get("keys")) {
                JsonNode shape = k.get(1);
                long[] s = new long[shape.size()];
                for (int i = 0; i < s.length; i++) {
                    s[i] = shape.get(i).asLong();
                }
                out.put(k.get(0).asText(), s);
            }
            return out;
        }
    }

    /** Whether the fixture's formula gives {@code key} a value (the tensors FidInception reads). */
    public static boolean used(String key) {
        return !key.startsWith("fc.") && !key.endsWith("num_batches_tracked");
    }

    /** The used tensors with the fixture's values (float32). */
    public static Map<String, Tensor> stateDict() throws IOException {
        Map<String, Tensor> out = new LinkedHashMap<>();
        int k = 0;
        for (Map.Entry<String, long[]> e : pytorchFidKeys().entrySet()) {
            if (!used(e.getKey())) {
                continue;
            }
            long[] shape = e.getValue();
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            long fanIn = shape.length == 4 ? shape[1] * shape[2] * shape[3] : 1;
            out.put(e.getKey(), Tensors.of(values(e.getKey(), k, (int) n, fanIn), shape));
            k++;
        }
        return out;
    }

    static float[] values(String key, int k, int n, long fanIn) {
        float[] v = new float[n];
        double convScale = Math.sqrt(4.0 / fanIn);
        for (int i = 0; i < n; i++) {
            double s = StrictMath.sin(0.37 * (double) i * (double) i + k);
            double x;
            if (key.endsWith("conv.weight")) {
                x = s * convScale;
            } else if (key.endsWith("bn.weight")) {
                x = 1.0 + 0.25 * s;
            } else if (key.endsWith("bn.bias") || key.endsWith("bn.running_mean")) {
                x = 0.05 * s;
            } else if (key.endsWith("bn.running_var")) {
                x = 1.0 + 0.5 * s;
            } else {
                throw new IllegalArgumentException(key);
            }
            v[i] = (float) x;
        }
        return v;
    }
}
