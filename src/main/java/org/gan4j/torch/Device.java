package org.gan4j.torch;

import java.util.Locale;
import org.gan4j.Gan4jException;

/**
 * A device tensors live on: the CPU, one CUDA GPU, or {@code meta} (tensors with shapes and no data: how the tests
 * check that a network puts every tensor where {@link Placement} says, on a machine without a GPU).
 *
 * <p>Written as PyTorch writes it: {@code cpu}, {@code cuda} (= {@code cuda:0}), {@code cuda:1}, {@code meta}.
 */
public record Device(Kind kind, int index) {

    /** The kinds gan4j knows. */
    public enum Kind { CPU, CUDA, META }

    public static final Device CPU = new Device(Kind.CPU, 0);
    public static final Device META = new Device(Kind.META, 0);

    public Device {
        if (index < 0 || (kind != Kind.CUDA && index != 0)) {
            throw new IllegalArgumentException("device index " + index + " for " + kind);
        }
    }

    /** CUDA GPU number {@code i}. */
    public static Device cuda(int i) {
        return new Device(Kind.CUDA, i);
    }

    /** {@code cpu}, {@code cuda}, {@code cuda:N} or {@code meta}; anything else fails with one line. */
    public static Device parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "cpu":
                return CPU;
            case "meta":
                return META;
            case "cuda":
                return cuda(0);
            default:
                if (t.startsWith("cuda:")) {
                    try {
                        int i = Integer.parseInt(t.substring(5));
                        if (i >= 0) {
                            return cuda(i);
                        }
                    } catch (NumberFormatException e) {
                        // falls through to the one-line error
                    }
                }
                throw new Gan4jException("--device must be cpu, cuda or cuda:N (N = 0, 1, ...), got '" + text + "'");
        }
    }

    /** libtorch's device. */
    org.bytedeco.pytorch.Device toNative() {
        return new org.bytedeco.pytorch.Device(toString());
    }

    @Override
    public String toString() {
        return switch (kind) {
            case CPU -> "cpu";
            case META -> "meta";
            case CUDA -> "cuda:" + index;
        };
    }
}
