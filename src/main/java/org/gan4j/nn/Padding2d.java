package org.gan4j.nn;

import java.util.Locale;
import org.gan4j.Gan4jException;

/** How {@code grid_sample} fills samples outside the image: PyTorch's {@code padding_mode}. */
public enum Padding2d {
    ZEROS(0), BORDER(1), REFLECTION(2);

    /** The code ATen's {@code grid_sampler} takes. */
    public final int code;

    Padding2d(int code) {
        this.code = code;
    }

    /** border, reflection or zeros (also "zero"), with a one-line error. */
    public static Padding2d parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "border" -> BORDER;
            case "reflection" -> REFLECTION;
            case "zeros", "zero" -> ZEROS;
            default -> throw new Gan4jException("--padding must be border, reflection or zeros, got '" + s + "'");
        };
    }
}
