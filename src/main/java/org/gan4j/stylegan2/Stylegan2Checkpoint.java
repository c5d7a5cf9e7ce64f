package org.gan4j.stylegan2;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.torch.AtomicFile;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.PtNamespace;
import org.gan4j.torch.Scope;
import org.gan4j.torch.StateDict;

/**
 * A StyleGAN2 checkpoint in rosinality's dict layout, readable by {@code torch.load}:
 * <pre>
 * {'g': {...}, 'd': {...}, 'g_ema': {style.1.weight, ..., noises.noise_N}, 'g_optim': Adam state,
 *  'd_optim': Adam state, 'args': {size, latent, n_mlp, channel_multiplier, ...}, 'latent_avg': [S]}
 * </pre>
 * Only {@code g_ema} is required (published checkpoints often carry nothing else, in PyTorch's legacy format);
 * the architecture is inferred from its shapes, training settings from {@code args} when present. A bare
 * generator state dict (as {@code torch.save(g_ema.state_dict())}) is read as {@code g_ema}. Other top-level
 * entries (e.g. {@code ada_aug_p}) are kept in {@link #extras()} and written back.
 *
 * <p>NVlabs' StyleGAN2-ADA pickles ({@code .pkl}) are read too, wherever a checkpoint is: their {@code G_ema} as
 * {@code g_ema} and {@code w_avg} as {@code latent_avg} ({@link AdaPickle}). Such a generator may clamp its layers'
 * outputs (ADA's {@code conv_clamp}); saved, the clamps go into a top-level {@code conv_clamp} dict
 * ({layer name: bound}), which gan4j reads back and rosinality's code ignores.
 *
 * @param config    the architecture and training settings
 * @param g         the trained generator, or null
 * @param d         the discriminator, or null
 * @param gEma      the EMA generator, used for sampling
 * @param latentAvg the average w, {@code [S]}, or null
 * @param gOptim    the generator's Adam state ({@code torch.optim.Adam.state_dict()} layout), or null
 * @param dOptim    the discriminator's Adam state, or null
 * @param extras    other top-level entries, in file order
 */
public record Stylegan2Checkpoint(Stylegan2Config config, Generator g, Discriminator d, Generator gEma, Tensor latentAvg,
        Object gOptim, Object dOptim, Map<String, Object> extras) implements AutoCloseable {

    /** Frees the networks it holds (each at most once: closing a module twice is a no-op). */
    @Override
    public void close() {
        for (org.gan4j.nn.Module m : new org.gan4j.nn.Module[] {g, d, gEma}) {
            if (m != null) {
                m.close();
            }
        }
    }

    /** A checkpoint holding only {@code g_ema} (and {@code latent_avg} when given). */
    public static Stylegan2Checkpoint of(Generator gEma, Tensor latentAvg) {
        return new Stylegan2Checkpoint(gEma.config(), null, null, gEma, latentAvg, null, null, Map.of());
    }

    /** Reads a checkpoint; every problem is a one-line {@link Gan4jException} naming the file. */
    public static Stylegan2Checkpoint load(Path file) {
        return load(file, true);
    }

    /** Reads only what sampling needs: {@code g_ema}, {@code latent_avg} and the config ({@code g}, {@code d} and optimizer states are skipped). */
    public static Stylegan2Checkpoint loadForSampling(Path file) {
        return load(file, false);
    }

    private static Stylegan2Checkpoint load(Path file, boolean everything) {
        if (!Files.exists(file)) {
            throw new Gan4jException("checkpoint not found: " + file);
        }
        if (AdaPickle.looksLike(file)) {
            return AdaPickle.load(file); // holds g_ema and latent_avg only, like most published checkpoints
        }
        Object o = PtFile.load(file);
        Map<?, ?> root = o instanceof Map<?, ?> m ? m : null;
        if (root != null && !root.containsKey("g_ema") && root.get("input.input") instanceof Tensor) {
            root = Map.of("g_ema", root); // a bare generator state dict
        }
        if (root == null || !root.containsKey("g_ema")) {
            throw new Gan4jException(file + " is not a StyleGAN2 checkpoint" + kindHint(o)
                    + "; expected rosinality's dict with 'g_ema' (and optionally 'g', 'd', 'latent_avg', 'args')");
        }
        Map<String, Tensor> gEmaState = StateDict.tensors(root.get("g_ema"), file + " ['g_ema']");
        Map<?, ?> args = root.get("args") instanceof Map<?, ?> a ? a : null;
        Stylegan2Config config = Architecture.infer(gEmaState, args, file);
        Generator gEma = loadGenerator(config, gEmaState, file + " g_ema");
        Map<String, Double> clamps = convClamp(root.get("conv_clamp"), file);
        try {
            gEma.setConvClamp(clamps);
        } catch (IllegalArgumentException e) {
            throw new Gan4jException(file + ": 'conv_clamp' does not fit the generator: " + e.getMessage());
        }
        Generator g = !everything || root.get("g") == null ? null
                : loadGenerator(config, StateDict.tensors(root.get("g"), file + " ['g']"), file + " g").setConvClamp(clamps);
        Discriminator d = null;
        if (everything && root.get("d") != null) {
            d = new Discriminator(config);
            d.loadStateDict(StateDict.tensors(root.get("d"), file + " ['d']"), file + " d");
        }
        Tensor avg = null;
        if (root.get("latent_avg") != null) {
            if (!(root.get("latent_avg") instanceof Tensor t) || t.numel() != config.styleDim()) {
                throw new Gan4jException(file + ": 'latent_avg' must be a tensor of " + config.styleDim() + " values");
            }
            avg = Scope.keepAlive(t.reshape(config.styleDim()).to(org.bytedeco.pytorch.global.torch.ScalarType.Float));
        }
        Map<String, Object> extras = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : root.entrySet()) {
            String k = String.valueOf(e.getKey());
            if (!java.util.Set.of("g", "d", "g_ema", "latent_avg", "g_optim", "d_optim", "args", "conv_clamp").contains(k)) {
                extras.put(k, e.getValue());
            }
        }
        return everything ? new Stylegan2Checkpoint(config, g, d, gEma, avg, root.get("g_optim"), root.get("d_optim"), extras)
                : new Stylegan2Checkpoint(config, null, null, gEma, avg, null, null, Map.of());
    }

    /** The {@code conv_clamp} entry: {layer name: bound}, or empty when absent. */
    private static Map<String, Double> convClamp(Object entry, Path file) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (entry == null) {
            return out;
        }
        if (entry instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (e.getKey() instanceof String k && e.getValue() instanceof Number n && n.doubleValue() > 0) {
                    out.put(k, n.doubleValue());
                    continue;
                }
                throw new Gan4jException(file + ": 'conv_clamp' must map layer names to positive bounds, got "
                        + e.getKey() + ": " + e.getValue());
            }
            return out;
        }
        throw new Gan4jException(file + ": 'conv_clamp' must be a dict of layer names to bounds");
    }

    private static Generator loadGenerator(Stylegan2Config config, Map<String, Tensor> state, String what) {
        Generator g = new Generator(config);
        g.loadStateDict(state, what);
        return g;
    }

    private static String kindHint(Object o) {
        if (!(o instanceof Map<?, ?> m)) {
            return " (it holds " + (o == null ? "None" : o instanceof Tensor ? "a single tensor" : "a "
                    + o.getClass().getSimpleName()) + ", not a dict)";
        }
        if (m.get("gan4j") instanceof String kind) {
            return " (it is a gan4j '" + kind + "' file)";
        }
        return m.isEmpty() ? " (it is an empty dict)" : " (its keys are " + abbreviate(m.keySet()) + ")";
    }

    private static String abbreviate(java.util.Set<?> keys) {
        java.util.List<String> l = keys.stream().map(String::valueOf).limit(6).toList();
        return keys.size() > 6 ? l + " ..." : l.toString();
    }

    /** Writes the checkpoint atomically (temp file + rename) in rosinality's layout. */
    public void save(Path file) throws IOException {
        Map<Object, Object> root = new LinkedHashMap<>();
        if (g != null) {
            root.put("g", StateDict.of(g.stateDict()));
        }
        if (d != null) {
            root.put("d", StateDict.of(d.stateDict()));
        }
        root.put("g_ema", StateDict.of(gEma.stateDict()));
        if (gOptim != null) {
            root.put("g_optim", gOptim);
        }
        if (dOptim != null) {
            root.put("d_optim", dOptim);
        }
        root.put("args", args(config));
        if (!gEma.convClamp().isEmpty()) {
            root.put("conv_clamp", new LinkedHashMap<Object, Object>(gEma.convClamp()));
        }
        if (latentAvg != null) {
            root.put("latent_avg", latentAvg);
        }
        extras.forEach(root::put);
        AtomicFile.write(file, tmp -> PtFile.save(tmp, root));
    }

    /**
     * rosinality's argparse names for the config, plus {@code channel_max}, {@code channel_base} and {@code lr_mlp}.
     * DEVIATION: written as a plain dict, not an argparse.Namespace, so that {@code torch.load(weights_only=True)}
     * reads it (see {@link PtNamespace}); rosinality's scripts never read {@code args} back.
     */
    static PtNamespace args(Stylegan2Config c) {
        PtNamespace a = new PtNamespace();
        a.put("size", (long) c.size());
        a.put("latent", (long) c.styleDim());
        a.put("n_mlp", (long) c.nMlp());
        a.put("channel_multiplier", (long) c.channelMultiplier());
        a.put("channel_max", (long) c.channelMax());
        a.put("channel_base", (long) c.channelBase());
        a.put("lr_mlp", c.lrMlp());
        a.put("batch", (long) c.batch());
        a.put("iter", c.iters());
        a.put("lr", c.lr());
        a.put("r1", c.r1());
        a.put("path_regularize", c.pathRegularize());
        a.put("path_batch_shrink", (long) c.pathBatchShrink());
        a.put("d_reg_every", (long) c.dRegEvery());
        a.put("g_reg_every", (long) c.gRegEvery());
        a.put("mixing", c.mixing());
        a.put("ema_half_life_kimg", c.emaHalfLifeKimg());
        a.put("seed", c.seed());
        a.put("gan4j_preset", c.preset());
        return a;
    }

    /** The truncation centre: {@code latent_avg} when the checkpoint has one, else {@code meanLatent(n)} of g_ema. */
    public Tensor truncationCenter(int n) {
        return latentAvg != null ? latentAvg : gEma.meanLatent(n).reshape(config.styleDim());
    }
}
