package org.gan4j.torch;

import java.util.Arrays;
import org.bytedeco.pytorch.Tensor;

/** Cheap shape checks at public module boundaries, failing with expected-vs-actual in the message. */
public final class Shapes {

    private Shapes() {}

    /** Checks that {@code x} has {@code expected.length} dims and matches every entry that is not -1. */
    public static Tensor check(Tensor x, String what, long... expected) {
        long[] actual = x.shape();
        boolean ok = actual.length == expected.length;
        for (int i = 0; ok && i < expected.length; i++) {
            ok = expected[i] < 0 || expected[i] == actual[i];
        }
        if (!ok) {
            throw new IllegalArgumentException(what + ": expected shape " + pattern(expected) + ", got "
                    + Arrays.toString(actual));
        }
        return x;
    }

    private static String pattern(long[] e) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < e.length; i++) {
            b.append(i > 0 ? ", " : "").append(e[i] < 0 ? "*" : Long.toString(e[i]));
        }
        return b.append(']').toString();
    }
}
