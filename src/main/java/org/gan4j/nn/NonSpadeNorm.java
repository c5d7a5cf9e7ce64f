package org.gan4j.nn;

import java.util.Locale;
import org.gan4j.Gan4jException;

/**
 * The official {@code norm_D} / {@code norm_E} option ({@code get_nonspade_norm_layer}): a convolution, optionally
 * spectrally normalised, optionally followed by a parameter-free instance norm, in which case its bias is dropped
 * ("meaningless" before a normalisation). The default everywhere is {@code spectralinstance}.
 *
 * @param spectral spectral normalisation of the convolution
 * @param instance {@code InstanceNorm2d(affine=False)} after it
 */
public record NonSpadeNorm(boolean spectral, boolean instance) {

    /** The official default for the discriminator and the encoder. */
    public static final NonSpadeNorm SPECTRAL_INSTANCE = new NonSpadeNorm(true, true);

    /** {@code spectralinstance}, {@code spectralnone}, {@code instance} or {@code none}. */
    public static NonSpadeNorm parse(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        boolean spectral = t.startsWith("spectral");
        String sub = spectral ? t.substring("spectral".length()) : t;
        return switch (sub) {
            case "instance" -> new NonSpadeNorm(spectral, true);
            case "none", "" -> new NonSpadeNorm(spectral, false);
            default -> throw new Gan4jException("norm " + text + " is not supported; use spectralinstance (the official "
                    + "default), spectralnone, instance or none");
        };
    }

    /**
     * A k×k convolution under this norm. With the instance norm the convolution sits at index 0 of a
     * sequential ({@code name.0.weight_orig}), as {@code nn.Sequential(conv, InstanceNorm2d)}; without, it is the
     * module itself ({@code name.weight_orig}).
     */
    public Normed conv(int in, int out, int kernel, int stride, int padding) {
        boolean bias = !instance;
        Module conv = spectral ? new SpectralNormConv2d(in, out, kernel, stride, padding, bias)
                : new Conv2d(in, out, kernel, stride, padding, bias);
        Layer c = (Layer) conv;
        if (!instance) {
            return new Normed(conv, c);
        }
        ModuleList<Module> seq = new ModuleList<>();
        seq.add(conv);
        return new Normed(seq, x -> InstanceNorm.apply(c.forward(x)));
    }

    /** The module to register (for its keys) and the function it computes. */
    public record Normed(Module module, Layer layer) {}

    @Override
    public String toString() {
        return (spectral ? "spectral" : "") + (instance ? "instance" : spectral ? "none" : "none");
    }
}
