package org.gan4j.stylegan2;

import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;

/**
 * Infers a generator's architecture (size, style dim, mapping depth, channel table) from its state dict's
 * shapes, for checkpoints without usable {@code args} (published ones often hold only {@code g_ema} and
 * {@code latent_avg}). Training fields and {@code lr_mlp}, which shapes do not show, come from {@code args}
 * when present, else from the paper preset.
 */
final class Architecture {

    private Architecture() {}

    static Stylegan2Config infer(Map<String, Tensor> g, Map<?, ?> args, Path file) {
        Tensor input = g.get("input.input");
        if (input == null || input.dim() != 4) {
            throw new Gan4jException(file + ": 'g_ema' is not a StyleGAN2 generator state dict (no input.input of shape"
                    + " [1,C,4,4])");
        }
        int levels = 0;
        while (g.containsKey("to_rgbs." + levels + ".conv.weight")) {
            levels++;
        }
        int size = 4 << levels;
        if (size < 8 || size > 1024) {
            throw new Gan4jException(file + ": 'g_ema' has " + levels + " ToRGB levels (size " + size
                    + "); gan4j's StyleGAN2 supports sizes 8 to 1024");
        }
        int nMlp = 0;
        while (g.containsKey("style." + (nMlp + 1) + ".weight")) {
            nMlp++;
        }
        Tensor mod = g.get("conv1.conv.modulation.weight");
        int styleDim = (int) (nMlp > 0 ? g.get("style.1.weight").size(1) : mod != null ? mod.size(1) : -1);
        if (nMlp == 0 || styleDim < 1) {
            throw new Gan4jException(file + ": 'g_ema' has no mapping network (style.1.weight)");
        }
        int[] channels = new int[levels + 1]; // index 0 = 4 px, j = 4·2^j px
        channels[0] = (int) input.size(1);
        for (int j = 1; j <= levels; j++) {
            Tensor w = g.get("convs." + (2 * (j - 1)) + ".conv.weight");
            if (w == null || w.dim() != 5) {
                throw new Gan4jException(file + ": 'g_ema' lacks convs." + (2 * (j - 1)) + ".conv.weight");
            }
            channels[j] = (int) w.size(1);
        }
        Stylegan2Config base = Stylegan2Config.paper(size).withStyleDim(styleDim).withNMlp(nMlp);
        int argMult = intArg(args, "channel_multiplier", -1);
        int[] table = channelTable(channels, size, argMult);
        Stylegan2Config c = base.withChannels(table[0], table[1], table[2]);
        for (int j = 0; j <= levels; j++) {
            if (c.channels(4 << j) != channels[j]) {
                throw new Gan4jException(file + ": unsupported channel layout " + java.util.Arrays.toString(channels)
                        + " (4 px up to " + size + " px): not of the form min(max, base·multiplier/res)");
            }
        }
        if (args != null) {
            c = applyTraining(c, args);
        }
        return c;
    }

    /** {multiplier, max, base} reproducing the observed channels. */
    private static int[] channelTable(int[] channels, int size, int argMult) {
        int max = channels[0];
        for (int j = 1; j < channels.length; j++) {
            if (channels[j] < max) {
                long product = (long) channels[j] * (4L << j); // base · multiplier
                if (argMult > 0 && product % argMult == 0) {
                    return new int[] {argMult, max, (int) (product / argMult)};
                }
                if (product % Stylegan2Config.OFFICIAL_CHANNEL_BASE == 0) {
                    return new int[] {(int) (product / Stylegan2Config.OFFICIAL_CHANNEL_BASE), max,
                            Stylegan2Config.OFFICIAL_CHANNEL_BASE};
                }
                return new int[] {1, max, (int) product};
            }
        }
        // The table never falls below its max up to this size: the multiplier cannot be seen; keep args' or 2.
        int mult = argMult > 0 ? argMult : 2;
        int base = Math.max(Stylegan2Config.OFFICIAL_CHANNEL_BASE, (max * size + mult - 1) / mult);
        return new int[] {mult, max, base};
    }

    private static Stylegan2Config applyTraining(Stylegan2Config c, Map<?, ?> a) {
        return new Stylegan2Config(c.preset(), c.size(), c.styleDim(), c.nMlp(), c.channelMultiplier(), c.channelMax(),
                c.channelBase(), doubleArg(a, "lr_mlp", c.lrMlp()), intArg(a, "batch", c.batch()),
                intArg(a, "iter", (int) Math.min(Integer.MAX_VALUE, c.iters())), doubleArg(a, "lr", c.lr()),
                doubleArg(a, "r1", c.r1()), doubleArg(a, "path_regularize", c.pathRegularize()),
                intArg(a, "path_batch_shrink", c.pathBatchShrink()), intArg(a, "d_reg_every", c.dRegEvery()),
                intArg(a, "g_reg_every", c.gRegEvery()), doubleArg(a, "mixing", c.mixing()),
                doubleArg(a, "ema_half_life_kimg", c.emaHalfLifeKimg()), intArg(a, "seed", (int) c.seed()));
    }

    static int intArg(Map<?, ?> a, String key, int fallback) {
        return a != null && a.get(key) instanceof Number n ? n.intValue() : fallback;
    }

    static double doubleArg(Map<?, ?> a, String key, double fallback) {
        return a != null && a.get(key) instanceof Number n ? n.doubleValue() : fallback;
    }
}
