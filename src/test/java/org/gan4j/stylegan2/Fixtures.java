package org.gan4j.stylegan2;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Scope;

/** The parity fixtures made by the official code (src/test/resources/parity/stylegan2, see its README). */
final class Fixtures {

    private Fixtures() {}

    static Path path(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/parity/stylegan2/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing fixture " + name, e);
        }
    }

    private static final Map<String, Map<String, Object>> IO = new java.util.concurrent.ConcurrentHashMap<>();

    /** The inputs and official outputs of a model (loaded once; the tensors live for the whole run). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> io(String model) {
        return IO.computeIfAbsent(model, m -> (Map<String, Object>) PtFile.load(path(m + "_io.pt")));
    }

    static Tensor t(Map<String, Object> io, String key) {
        return (Tensor) io.get(key);
    }

    @SuppressWarnings("unchecked")
    static List<Tensor> tensors(Map<String, Object> io, String key) {
        return (List<Tensor>) io.get(key);
    }

    /** max |a − b| over all elements (shapes must agree). */
    static double maxAbs(Tensor a, Tensor b) {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            if (!java.util.Arrays.equals(a.shape(), b.shape())) {
                throw new AssertionError("shape " + java.util.Arrays.toString(a.shape()) + " vs "
                        + java.util.Arrays.toString(b.shape()));
            }
            return a.sub(b).abs().max().item_double();
        }
    }
}
