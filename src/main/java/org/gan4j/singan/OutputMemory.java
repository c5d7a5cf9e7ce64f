package org.gan4j.singan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.DoubleToLongFunction;
import org.gan4j.Gan4jException;
import org.gan4j.torch.Resize;

/**
 * Whether a large output (super-resolution, arbitrary-size samples) fits in memory, checked before running.
 * The estimate covers the finest scale, which dominates: about {@link #IMAGE_COPIES} image-sized tensors (noise,
 * upsampled input and its 8-bit copies, the noisy input, the output, the previous scale's output) and the
 * generator's activations, which {@link Bands} bounds to one band. The measured peak of a 1024-px
 * super-resolution is in docs/benchmarks.md.
 */
public final class OutputMemory {

    /** Image-sized float tensors alive at the finest scale, per sample. */
    static final int IMAGE_COPIES = 12;
    /** Slack for the allocator and everything else, in bytes. */
    static final long SLACK = 256L << 20;

    private OutputMemory() {}

    /**
     * Bytes one generator scale needs to produce {@code count} outputs of h x w.
     *
     * @param channels the scale's channel count
     */
    public static long bytes(SinGANConfig c, int channels, int count, long h, long w) {
        long hp = h + 2L * c.pad();
        long wp = w + 2L * c.pad();
        long images = (long) IMAGE_COPIES * count * 3 * hp * wp * Float.BYTES;
        return images + Bands.activationBytes(channels, c.numLayer(), count, hp, wp) + SLACK;
    }

    /** MemAvailable from /proc/meminfo, if this system has it. */
    public static OptionalLong available() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    String[] parts = line.trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[1]) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or unreadable: no check
        }
        return OptionalLong.empty();
    }

    /**
     * Fails with one line when an output of h x w (that is, {@code t = 1} of {@code bytesAt}) cannot be made:
     * its imresize weight matrices would pass {@link Resize#MAX_MATRIX_ENTRIES}, or it clearly needs more than
     * the available memory. The message names the largest size that works.
     *
     * @param what      e.g. "a 4x super-resolution"
     * @param h         output height at t = 1
     * @param w         output width at t = 1
     * @param upscale   the last upsampling factor (input of the finest resize is out / upscale)
     * @param bytesAt   bytes needed for an output of (t·h) x (t·w)
     * @param hint      what to change, given the largest t that works (e.g. a --factor)
     */
    public static void check(String what, long h, long w, double upscale, DoubleToLongFunction bytesAt,
            java.util.function.DoubleFunction<String> hint) {
        OptionalLong avail = available();
        double largestResize = Math.sqrt(Resize.MAX_MATRIX_ENTRIES * upscale) / Math.max(h, w);
        boolean resizeOk = largestResize >= 1;
        boolean memOk = avail.isEmpty() || bytesAt.applyAsLong(1) <= avail.getAsLong();
        if (resizeOk && memOk) {
            return;
        }
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < 40; i++) {
            double t = (lo + hi) / 2;
            boolean fits = t <= largestResize && (avail.isEmpty() || bytesAt.applyAsLong(t) <= avail.getAsLong());
            if (fits) {
                lo = t;
            } else {
                hi = t;
            }
        }
        String size = (long) Math.floor(lo * w) + "x" + (long) Math.floor(lo * h);
        String reason = !memOk
                ? "needs about " + gb(bytesAt.applyAsLong(1)) + " of memory and " + gb(avail.getAsLong())
                        + " is available"
                : "is past gan4j's resize limit (" + Resize.MAX_MATRIX_ENTRIES + "-entry weight matrices)";
        throw new Gan4jException(what + " of " + w + "x" + h + " px " + reason + "; the largest that fits is about "
                + size + " px" + hint.apply(lo));
    }

    static String gb(long bytes) {
        return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }
}
