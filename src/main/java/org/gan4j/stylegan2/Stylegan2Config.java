package org.gan4j.stylegan2;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.gan4j.Gan4jException;

/**
 * Everything that defines a StyleGAN2 model and its training; the defaults are rosinality's (config E/F:
 * {@code model.py} and {@code train.py}). Architecture fields come first; the training fields are read by the
 * trainer only.
 *
 * @param preset            name of the preset these values started from ("paper" or "fast")
 * @param size              output resolution, a power of two from 8 to 1024
 * @param styleDim          dimension of z and w (512)
 * @param nMlp              layers of the mapping network (8)
 * @param channelMultiplier channel multiplier of the high resolutions (2 = config F, 1 = config E)
 * @param channelMax        channels of every resolution up to where the table falls below it (512)
 * @param channelBase       channels(res) = min(channelMax, channelBase·channelMultiplier / res) (16384; with
 *                          channelMax 512 this is rosinality's table: 512 up to 32 px, 256·m at 64, 128·m at
 *                          128, ..., 16·m at 1024)
 * @param lrMlp             learning-rate multiplier of the mapping network (0.01)
 * @param batch             training batch size (16)
 * @param iters             training iterations (800000)
 * @param lr                Adam learning rate (0.002; betas (0, 0.99), both adjusted for lazy regularization)
 * @param r1                R1 regularization weight γ (10)
 * @param pathRegularize    path-length regularization weight (2)
 * @param pathBatchShrink   batch shrink factor of the path-length regularizer (2)
 * @param dRegEvery         lazy R1 interval (16)
 * @param gRegEvery         lazy path-length interval (4)
 * @param mixing            style-mixing probability during training (0.9)
 * @param emaHalfLifeKimg   half-life of the generator EMA in thousands of images at rosinality's nominal batch
 *                          of 32 (10): the per-iteration decay is rosinality's accum = 0.5^(32 / (1000·k))
 *                          whatever the batch, i.e. a half-life of 1000·k/32 iterations (312.5)
 * @param seed              random seed
 */
public record Stylegan2Config(
        String preset,
        int size,
        int styleDim,
        int nMlp,
        int channelMultiplier,
        int channelMax,
        int channelBase,
        double lrMlp,
        int batch,
        long iters,
        double lr,
        double r1,
        double pathRegularize,
        int pathBatchShrink,
        int dRegEvery,
        int gRegEvery,
        double mixing,
        double emaHalfLifeKimg,
        long seed) {

    /** Rosinality's channel table: channels(res) = min(512, 16384·m / res). */
    public static final int OFFICIAL_CHANNEL_MAX = 512;
    public static final int OFFICIAL_CHANNEL_BASE = 16384;

    public Stylegan2Config {
        if (size < 8 || size > 1024 || Integer.bitCount(size) != 1) {
            throw new Gan4jException("StyleGAN2 size must be a power of two from 8 to 1024, got " + size);
        }
        if (styleDim < 1 || nMlp < 1 || channelMultiplier < 1 || channelMax < 1 || channelBase < 1) {
            throw new Gan4jException("StyleGAN2 style dim, mapping layers and channel settings must be positive, got"
                    + " styleDim=" + styleDim + " nMlp=" + nMlp + " channelMultiplier=" + channelMultiplier
                    + " channelMax=" + channelMax + " channelBase=" + channelBase);
        }
    }

    /** Rosinality's defaults at {@code size}: style dim 512, 8 mapping layers, channel multiplier 2 (config F). */
    public static Stylegan2Config paper(int size) {
        return new Stylegan2Config("paper", size, 512, 8, 2, OFFICIAL_CHANNEL_MAX, OFFICIAL_CHANNEL_BASE, 0.01,
                16, 800_000, 0.002, 10, 2, 2, 16, 4, 0.9, 10, 0);
    }

    /**
     * For a 2-core CPU: narrow networks (64 channels at every resolution up to 32 px, 32 at 64 px; style dim 128,
     * 4 mapping layers), batch 8, 3000 iterations (24 kimg), and StyleGAN2-ADA's rule for R1 at small sizes,
     * γ = 0.0002·size²/batch (0.0256 at 32 px) instead of rosinality's 10, which is meant for 256 px and up and
     * holds a small discriminator back. The rest (lr, mixing, lazy intervals, path length, EMA) is rosinality's.
     */
    public static Stylegan2Config fast(int size) {
        Stylegan2Config c = paper(size).withPreset("fast").withStyleDim(128).withNMlp(4).withChannels(1, 64, 2048)
                .withBatch(8).withIters(3000);
        return c.withR1(smallR1(size, c.batch()));
    }

    /** StyleGAN2-ADA's heuristic R1 weight for small models, γ = 0.0002·size²/batch. */
    public static double smallR1(int size, int batch) {
        return 0.0002 * size * size / batch;
    }

    public static Stylegan2Config preset(String name, int size) {
        return switch (name) {
            case "paper" -> paper(size);
            case "fast" -> fast(size);
            default -> throw new Gan4jException("--preset must be 'paper' or 'fast', got '" + name + "'");
        };
    }

    /**
     * Channels of the feature maps at resolution {@code res} (4 ≤ res ≤ size). DEVIATION: rosinality hard-codes
     * the table; gan4j parameterises it (channelMax, channelBase), with defaults that reproduce it exactly, so
     * that CPU-sized models exist.
     */
    public int channels(int res) {
        return (int) Math.min(channelMax, (long) channelBase * channelMultiplier / res);
    }

    /** log2(size). */
    @JsonIgnore
    public int logSize() {
        return Integer.numberOfTrailingZeros(size);
    }

    /** Number of w vectors the synthesis network takes (W+ rows): 2·log2(size) − 2. */
    @JsonIgnore
    public int nLatent() {
        return logSize() * 2 - 2;
    }

    /** Number of noise inputs (StyledConvs): 2·(log2(size) − 2) + 1. */
    @JsonIgnore
    public int numLayers() {
        return (logSize() - 2) * 2 + 1;
    }

    public Stylegan2Config withPreset(String v) {
        return new Stylegan2Config(v, size, styleDim, nMlp, channelMultiplier, channelMax, channelBase, lrMlp, batch,
                iters, lr, r1, pathRegularize, pathBatchShrink, dRegEvery, gRegEvery, mixing, emaHalfLifeKimg, seed);
    }

    public Stylegan2Config withSize(int v) {
        return new Stylegan2Config(preset, v, styleDim, nMlp, channelMultiplier, channelMax, channelBase, lrMlp, batch,
                iters, lr, r1, pathRegularize, pathBatchShrink, dRegEvery, gRegEvery, mixing, emaHalfLifeKimg, seed);
    }

    public Stylegan2Config withStyleDim(int v) {
        return new Stylegan2Config(preset, size, v, nMlp, channelMultiplier, channelMax, channelBase, lrMlp, batch,
                iters, lr, r1, pathRegularize, pathBatchShrink, dRegEvery, gRegEvery, mixing, emaHalfLifeKimg, seed);
    }

    public Stylegan2Config withNMlp(int v) {
        return new Stylegan2Config(preset, size, styleDim, v, channelMultiplier, channelMax, channelBase, lrMlp, batch,
                iters, lr, r1, pathRegularize, pathBatchShrink, dRegEvery, gRegEvery, mixing, emaHalfLifeKimg, seed);
    }

    /** The channel table: multiplier, max and base (see the record's parameters). */
    public Stylegan2Config withChannels(int multiplier, int max, int base) {
        return new Stylegan2Config(preset, size, styleDim, nMlp, multiplier, max, base, lrMlp, batch, iters, lr, r1,
                pathRegularize, pathBatchShrink, dRegEvery, gRegEvery, mixing, emaHalfLifeKimg, seed);
    }

    public Stylegan2Config withBatch(int v) {
        return new Stylegan2Config(preset, size, styleDim, nMlp, channelMultiplier, channelMax, channelBase, lrMlp, v,
                iters, lr, r1, pathRegularize, pathBatchShrink, dRegEvery, gRegEvery, mixing, emaHalfLifeKimg, seed);
    }

    public Stylegan2Config withIters(long v) {
        return new Stylegan2Config(preset, size, styleDim, nMlp, channelMultiplier, channelMax, channelBase, lrMlp,
                batch, v, lr, r1, pathRegularize, pathBatchShrink, dRegEvery, gRegEvery, mixing, emaHalfLifeKimg, seed);
    }

    public Stylegan2Config withR1(double v) {
        return new Stylegan2Config(preset, size, styleDim, nMlp, channelMultiplier, channelMax, channelBase, lrMlp,
                batch, iters, lr, v, pathRegularize, pathBatchShrink, dRegEvery, gRegEvery, mixing, emaHalfLifeKimg, seed);
    }

    public Stylegan2Config withLr(double v) {
        return new Stylegan2Config(preset, size, styleDim, nMlp, channelMultiplier, channelMax, channelBase, lrMlp,
                batch, iters, v, r1, pathRegularize, pathBatchShrink, dRegEvery, gRegEvery, mixing, emaHalfLifeKimg, seed);
    }

    /** The lazy R1 and path-length intervals ({@code d_reg_every}, {@code g_reg_every}). */
    public Stylegan2Config withLazyIntervals(int dEvery, int gEvery) {
        return new Stylegan2Config(preset, size, styleDim, nMlp, channelMultiplier, channelMax, channelBase, lrMlp,
                batch, iters, lr, r1, pathRegularize, pathBatchShrink, dEvery, gEvery, mixing, emaHalfLifeKimg, seed);
    }

    public Stylegan2Config withSeed(long v) {
        return new Stylegan2Config(preset, size, styleDim, nMlp, channelMultiplier, channelMax, channelBase, lrMlp,
                batch, iters, lr, r1, pathRegularize, pathBatchShrink, dRegEvery, gRegEvery, mixing, emaHalfLifeKimg, v);
    }
}
