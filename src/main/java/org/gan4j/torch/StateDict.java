package org.gan4j.torch;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;

/** Named tensors ({@code state_dict()}s) between gan4j's modules and checkpoint object trees. */
public final class StateDict {

    private StateDict() {
    }

    /**
     * The tensors of a loaded state dict, in file order: {@code loaded} must be a map (an OrderedDict or a plain
     * dict) whose keys are strings and whose values are all tensors.
     *
     * @param what names the source for the error message, e.g. {@code "ckpt.pt['g_ema']"}
     */
    public static Map<String, Tensor> tensors(Object loaded, String what) {
        if (!(loaded instanceof Map<?, ?> map)) {
            throw new Gan4jException(what + ": expected a state dict (a dict of tensors), got " + describe(loaded));
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new Gan4jException(what + ": expected a state dict of tensors, but it has the key "
                        + e.getKey() + " (" + describe(e.getKey()) + ")");
            }
            if (!(e.getValue() instanceof Tensor t)) {
                throw new Gan4jException(what + ": expected a state dict of tensors, but '" + key + "' holds "
                        + describe(e.getValue()));
            }
            out.put(key, t);
        }
        return out;
    }

    /**
     * An {@link OrderedDict} of detached, contiguous tensors ready for {@link PtFile#save}, as PyTorch's
     * {@code state_dict()} gives. A tensor that is a view of a larger storage is copied, so that the file holds
     * only the tensor's own numbers.
     */
    public static OrderedDict of(Map<String, Tensor> tensors) {
        OrderedDict out = new OrderedDict();
        try (Scope scope = new Scope(); NoGrad ng = new NoGrad()) {
            for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
                Tensor t = e.getValue().detach().contiguous();
                boolean ownsStorage = t.storage_offset() == 0 && t.storage().nbytes() == t.nbytes();
                out.put(e.getKey(), Scope.keepAlive(ownsStorage ? t : t.clone()));
            }
        }
        return out;
    }

    /** A Python-side name for what a checkpoint holds, for messages. */
    private static String describe(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof PtNamespace) {
            return "an argparse Namespace";
        }
        if (o instanceof Map<?, ?>) {
            return "a dict";
        }
        if (o instanceof PtTuple) {
            return "a tuple";
        }
        if (o instanceof java.util.Set<?>) {
            return "a set";
        }
        if (o instanceof Iterable<?>) {
            return "a list";
        }
        if (o instanceof Long || o instanceof java.math.BigInteger) {
            return "an int";
        }
        if (o instanceof Double) {
            return "a float";
        }
        if (o instanceof Boolean) {
            return "a bool";
        }
        if (o instanceof String) {
            return "a string";
        }
        if (o instanceof byte[]) {
            return "bytes";
        }
        return "a " + o.getClass().getSimpleName();
    }
}
