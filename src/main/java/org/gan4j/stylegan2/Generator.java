package org.gan4j.stylegan2;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.nn.ConstantInput;
import org.gan4j.nn.Module;
import org.gan4j.nn.ModuleList;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Shapes;
import org.gan4j.torch.Tensors;

/**
 * StyleGAN2's generator (config E/F, skip outputs), rosinality's {@code Generator} key for key: {@code style.*}
 * (mapping), {@code input.input}, {@code conv1.*}, {@code to_rgb1.*}, {@code convs.N.*}, {@code to_rgbs.N.*} and
 * the fixed noise buffers {@code noises.noise_N}.
 *
 * <p>Synthesis takes a W+ code {@code [N,L,S]}: row 0 styles conv1, row 1 to_rgb1, and each level r uses rows
 * i, i+1 for its two convs and i+2 for its ToRGB (i = 1, 3, 5, ...), so rows [0, k) of a mix come from the
 * first code.
 */
public final class Generator extends Module {

    /** StyleGAN2's FIR filter. */
    public static final List<Integer> BLUR_KERNEL = List.of(1, 3, 3, 1);

    private final Stylegan2Config config;
    public final MappingNetwork style;
    public final ConstantInput input;
    public final StyledConv conv1;
    public final ToRGB toRgb1;
    public final ModuleList<StyledConv> convs;
    public final ModuleList<ToRGB> toRgbs;
    private final List<Tensor> noiseBuffers = new ArrayList<>();

    public Generator(Stylegan2Config config) {
        this.config = config;
        int s = config.styleDim();
        int c4 = config.channels(4);
        this.style = registerModule("style", new MappingNetwork(s, config.nMlp(), config.lrMlp()));
        this.input = registerModule("input", new ConstantInput(c4, 4));
        this.conv1 = registerModule("conv1", new StyledConv(c4, c4, s, false, BLUR_KERNEL));
        this.toRgb1 = registerModule("to_rgb1", new ToRGB(c4, s, false, BLUR_KERNEL));
        this.convs = registerModule("convs", new ModuleList<>());
        registerModule("upsamples", new ModuleList<>()); // empty, as in the official code
        this.toRgbs = registerModule("to_rgbs", new ModuleList<>());
        NoiseBuffers noises = registerModule("noises", new NoiseBuffers());
        for (int i = 0; i < config.numLayers(); i++) {
            int res = 1 << ((i + 5) / 2);
            noiseBuffers.add(noises.add("noise_" + i, Tensors.randn(1, 1, res, res)));
        }
        int in = c4;
        for (int l = 3; l <= config.logSize(); l++) {
            int out = config.channels(1 << l);
            convs.add(new StyledConv(in, out, s, true, BLUR_KERNEL));
            convs.add(new StyledConv(out, out, s, false, BLUR_KERNEL));
            toRgbs.add(new ToRGB(out, s, true, BLUR_KERNEL));
            in = out;
        }
    }

    /** The {@code noises} sub-module: named buffers only. */
    private static final class NoiseBuffers extends Module {
        Tensor add(String name, Tensor t) {
            return registerBuffer(name, t);
        }
    }

    /** Fused (grouped, the official default) or non-fused (gan4j's default, faster on CPU) modulated convolutions in every layer; same results. */
    public Generator setFused(boolean on) {
        conv1.conv.fused(on);
        toRgb1.conv.fused(on);
        convs.items().forEach(c -> c.conv.fused(on));
        toRgbs.items().forEach(t -> t.conv.fused(on));
        return this;
    }

    /**
     * The output clamps of StyleGAN2-ADA's {@code conv_clamp} by layer name ({@code conv1}, {@code to_rgb1},
     * {@code convs.N}, {@code to_rgbs.N}); layers without a clamp are absent. Empty for rosinality's models.
     */
    public java.util.Map<String, Double> convClamp() {
        java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
        layers().forEach((name, layer) -> {
            double c = layer instanceof StyledConv sc ? sc.clamp() : ((ToRGB) layer).clamp();
            if (!Double.isNaN(c)) {
                out.put(name, c);
            }
        });
        return out;
    }

    /** Sets the clamps of {@link #convClamp()}: the named layers are clamped, all others not. */
    public Generator setConvClamp(java.util.Map<String, Double> clamps) {
        java.util.Map<String, Module> layers = layers();
        for (String name : clamps.keySet()) {
            if (!layers.containsKey(name)) {
                throw new IllegalArgumentException("no layer '" + name + "' to clamp; layers are " + layers.keySet());
            }
        }
        layers.forEach((name, layer) -> {
            double c = clamps.getOrDefault(name, Double.NaN);
            if (layer instanceof StyledConv sc) {
                sc.clamp(c);
            } else {
                ((ToRGB) layer).clamp(c);
            }
        });
        return this;
    }

    /** The styled convolutions and ToRGB layers by state-dict name. */
    private java.util.Map<String, Module> layers() {
        java.util.Map<String, Module> out = new java.util.LinkedHashMap<>();
        out.put("conv1", conv1);
        out.put("to_rgb1", toRgb1);
        for (int i = 0; i < convs.size(); i++) {
            out.put("convs." + i, convs.get(i));
        }
        for (int i = 0; i < toRgbs.size(); i++) {
            out.put("to_rgbs." + i, toRgbs.get(i));
        }
        return out;
    }

    public Stylegan2Config config() {
        return config;
    }

    /** Number of W+ rows, {@code n_latent}. */
    public int nLatent() {
        return config.nLatent();
    }

    /** Number of noise inputs, {@code num_layers}. */
    public int numLayers() {
        return config.numLayers();
    }

    public int styleDim() {
        return config.styleDim();
    }

    /** The stored noise buffers {@code noises.noise_i} ({@code [1,1,r,r]}, live: optimising them in place changes the generator). */
    public List<Tensor> noiseBuffers() {
        return Collections.unmodifiableList(noiseBuffers);
    }

    /** Fresh noise maps of the buffers' shapes, {@code make_noise} (e.g. as variables for projection). */
    public List<Tensor> makeNoise() {
        List<Tensor> out = new ArrayList<>();
        for (Tensor b : noiseBuffers) {
            out.add(Tensors.randn(b.shape()));
        }
        return out;
    }

    /** w = f(z), {@code get_latent}. */
    public Tensor getLatent(Tensor z) { // [N,S] -> [N,S]
        return style.forward(z);
    }

    /** The mean of f(z) over {@code n} random z, {@code mean_latent}: the truncation centre w̄, {@code [1,S]}. */
    public Tensor meanLatent(int n) {
        try (NoGrad ng = new NoGrad()) {
            return style.forward(Tensors.randn(n, config.styleDim())).mean(new long[] {0}, true,
                    new org.bytedeco.pytorch.ScalarTypeOptional());
        }
    }

    /** Renders {@code styles} with the given noise: {@code forward(styles)[0]} of the official code. */
    public Tensor forward(Styles styles, NoiseMode noise) { // -> [N,3,size,size]
        return synthesize(latents(styles), noise);
    }

    /** The W+ code the synthesis network sees for {@code styles}: mapping, truncation, mixing ({@code return_latents}). */
    public Tensor latents(Styles styles) { // -> [N,L,S]
        int nl = nLatent();
        List<Tensor> ws = new ArrayList<>();
        for (Tensor c : styles.codes()) {
            ws.add(styles.inputIsLatent() ? c : getLatent(c));
        }
        if (styles.psi() < 1) {
            if (styles.latentAvg() == null) {
                throw new IllegalArgumentException("truncation needs the average latent");
            }
            Tensor avg = styles.latentAvg().reshape(config.styleDim()); // [S], broadcasts over [N,S] and [N,L,S]
            ws.replaceAll(w -> avg.add(w.sub(avg).mul(Tensors.s(styles.psi())))); // Eq.: w' = w̄ + ψ(w − w̄)
        }
        if (ws.size() == 1) {
            Tensor w = ws.get(0);
            if (w.dim() == 3) {
                return Shapes.check(w, "W+ code", -1, nl, config.styleDim());
            }
            Shapes.check(w, "W code", -1, config.styleDim());
            return w.unsqueeze(1).repeat(1, nl, 1);
        }
        // DEVIATION: a random crossover comes from libtorch's seeded generator (rosinality: Python's random), so
        // --seed fixes it too.
        int k = styles.injectIndex() != null ? styles.injectIndex() : 1 + (int) (Tensors.rand(1).item_double() * (nl - 1));
        if (k < 0 || k > nl) {
            throw new IllegalArgumentException("inject index must be in [0, " + nl + "], got " + k);
        }
        Tensor a = ws.get(0).unsqueeze(1).repeat(1, k, 1); // [N,k,S]
        Tensor b = ws.get(1).unsqueeze(1).repeat(1, nl - k, 1); // [N,L-k,S]
        return torch.cat(new TensorVector(a, b), 1); // [N,L,S]
    }

    /** The synthesis network on a W+ code with the noise of {@code mode}. */
    public Tensor synthesize(Tensor wPlus, NoiseMode mode) { // [N,L,S] -> [N,3,size,size]
        List<Tensor> noise = new ArrayList<>();
        for (Tensor b : noiseBuffers) {
            noise.add(switch (mode) {
                case CONST -> b;
                case RANDOM -> null;
                case NONE -> torch.zeros_like(b);
            });
        }
        return synthesize(wPlus, noise);
    }

    /**
     * The synthesis network on a W+ code with explicit noise maps (e.g. optimised ones during projection).
     *
     * @param noise {@link #numLayers()} maps {@code [N or 1,1,r,r]}; a null entry draws fresh noise
     */
    public Tensor synthesize(Tensor wPlus, List<Tensor> noise) { // [N,L,S] -> [N,3,size,size]
        Shapes.check(wPlus, "W+ code", -1, nLatent(), config.styleDim());
        if (noise.size() != numLayers()) {
            throw new IllegalArgumentException("need " + numLayers() + " noise maps, got " + noise.size());
        }
        Tensor out;
        Tensor skip;
        try (Scope s = new Scope()) { // frees each level's intermediates; the autograd graph keeps what it needs
            Tensor x = conv1.forward(input.forward(wPlus.size(0)), wPlus.select(1, 0), noise.get(0));
            skip = Scope.keepAlive(toRgb1.forward(x, wPlus.select(1, 1), null));
            out = Scope.keepAlive(x);
        }
        out = Scope.adopt(out);
        skip = Scope.adopt(skip);
        for (int j = 0, i = 1; j < toRgbs.size(); j++, i += 2) {
            Tensor nextOut;
            Tensor nextSkip;
            try (Scope s = new Scope()) {
                Tensor x = convs.get(2 * j).forward(out, wPlus.select(1, i), noise.get(2 * j + 1));
                x = convs.get(2 * j + 1).forward(x, wPlus.select(1, i + 1), noise.get(2 * j + 2));
                nextSkip = Scope.keepAlive(toRgbs.get(j).forward(x, wPlus.select(1, i + 2), skip));
                nextOut = Scope.keepAlive(x);
            }
            out = Scope.adopt(nextOut);
            skip = Scope.adopt(nextSkip);
        }
        return skip;
    }
}
