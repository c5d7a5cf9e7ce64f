package org.gan4j.nn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Scope;
import org.gan4j.torch.StateDict;

/** Reading a torchvision model's state dict ({@code torch.save(model.state_dict())} or a downloaded .pth). */
final class TorchvisionWeights {

    private TorchvisionWeights() {}

    /** The file's tensors by key; one line when it is missing or holds no dict of tensors. */
    static Map<String, Tensor> read(Path file, String net, String example) {
        if (!Files.isRegularFile(file)) {
            throw new Gan4jException(net + " weights not found: " + file + " (a torchvision " + net.toLowerCase()
                    + " state dict, e.g. " + example + ")");
        }
        Object o = PtFile.load(file);
        if (!(o instanceof Map<?, ?> m)) {
            throw new Gan4jException(file + " is not a torchvision " + net + " state dict (it holds no dict of tensors)");
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (e.getValue() instanceof Tensor t) {
                tensors.put(String.valueOf(e.getKey()), t);
            }
        }
        if (tensors.isEmpty()) {
            throw new Gan4jException(file + " is not a torchvision " + net + " state dict (its keys are "
                    + abbreviate(m.keySet().stream().map(String::valueOf).toList()) + ")");
        }
        return StateDict.tensors(tensors, file.toString());
    }

    /**
     * The tensors of {@code keys} with their expected shapes, as float32; one line naming every missing key and
     * wrong shape.
     */
    static List<Tensor> take(Map<String, Tensor> state, List<String> keys, List<long[]> shapes, String what, String net) {
        List<String> missing = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Tensor t = state.get(keys.get(i));
            if (t == null) {
                missing.add(keys.get(i));
            } else if (!Arrays.equals(t.shape(), shapes.get(i))) {
                wrong.add(keys.get(i) + " " + Arrays.toString(t.shape()) + " (expected " + Arrays.toString(shapes.get(i))
                        + ")");
            } else {
                out.add(Scope.keepAlive(t.detach().to(torch.ScalarType.Float).contiguous()));
            }
        }
        if (missing.size() == keys.size()) {
            throw new Gan4jException(what + " is not a torchvision " + net + " state dict: it has none of the keys "
                    + abbreviate(keys) + " (its keys are " + abbreviate(new ArrayList<>(state.keySet())) + ")");
        }
        if (!missing.isEmpty() || !wrong.isEmpty()) {
            throw new Gan4jException(what + " does not fit torchvision's " + net + ":" + (missing.isEmpty() ? ""
                    : " missing " + abbreviate(missing)) + (wrong.isEmpty() ? "" : " wrong shapes " + abbreviate(wrong)));
        }
        return out;
    }

    static String abbreviate(List<String> keys) {
        return keys.size() > 6 ? keys.subList(0, 6) + " ..." : keys.toString();
    }
}
