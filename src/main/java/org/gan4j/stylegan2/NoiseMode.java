package org.gan4j.stylegan2;

import org.gan4j.Gan4jException;

/** Where the synthesis network's per-layer noise comes from. */
public enum NoiseMode {
    /** The generator's stored buffers {@code noises.noise_i} (rosinality's {@code randomize_noise=False}). */
    CONST,
    /** Fresh N(0,1) noise per sample and layer from the global generator (rosinality's default). */
    RANDOM,
    /** Zeros: no stochastic variation. */
    NONE;

    /** Parses const/random/none, case-insensitively, with a one-line error. */
    public static NoiseMode parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "const" -> CONST;
            case "random" -> RANDOM;
            case "none" -> NONE;
            default -> throw new Gan4jException("--noise-mode must be const, random or none, got '" + s + "'");
        };
    }
}
