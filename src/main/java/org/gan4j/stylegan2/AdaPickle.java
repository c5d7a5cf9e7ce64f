package org.gan4j.stylegan2;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.gan4j.Gan4jException;
import org.gan4j.nn.Upfirdn2d;
import org.gan4j.torch.NetworkPickle;
import org.gan4j.torch.PtObject;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;

/**
 * Reads {@code G_ema} of an NVlabs StyleGAN2-ADA PyTorch pickle ({@code network-snapshot-*.pkl}, {@code ffhq.pkl})
 * into gan4j's {@link Generator}, without running any of the pickle's code (see {@link NetworkPickle}).
 *
 * <p>The official {@code training/networks.py} and rosinality's layout compute the same function; the keys map
 * one to one, with these shape changes and checks:
 * <pre>
 *   mapping.fc{i}.weight [S,S], .bias [S]          style.{i+1}.weight, .bias     (same gains: lr/sqrt(in), lr)
 *   mapping.w_avg [S]                                latent_avg (the truncation centre)
 *   synthesis.b4.const [C,4,4]                       input.input [1,C,4,4]
 *   synthesis.bR.conv{0,1}.affine.weight/.bias       {conv1 | convs.N}.conv.modulation.weight/.bias
 *   synthesis.bR.conv{0,1}.weight [O,I,3,3]          ….conv.weight [1,O,I,3,3]  (ADA leaves out 1/sqrt(I·9);
 *                                                    demodulation cancels it, up to its 1e-8 epsilon)
 *   synthesis.bR.conv{0,1}.bias [O]                  ….activate.bias
 *   synthesis.bR.conv{0,1}.noise_strength []         ….noise.weight [1]
 *   synthesis.bR.conv{0,1}.noise_const [R,R]         noises.noise_k [1,1,R,R]
 *   synthesis.bR.torgb.affine.*, .weight [3,C,1,1]   {to_rgb1 | to_rgbs.N}.conv.modulation.*, .conv.weight [1,3,C,1,1]
 *   synthesis.bR.torgb.bias [3]                      ….bias [1,3,1,1]
 *   conv_clamp of each layer                         Generator#setConvClamp
 * </pre>
 * Only the unconditional 'skip' generator with 3 colour channels and z_dim = w_dim (every published
 * StyleGAN2-ADA model but the conditional CIFAR-10 one) maps onto gan4j's StyleGAN2; anything else fails with
 * one line naming what was found. Layers ADA runs in float16 ({@code num_fp16_res}) run in float32 here, as the
 * official code does with {@code force_fp32=True}.
 */
public final class AdaPickle {

    private static final double SQRT2 = Math.sqrt(2);

    private final Path file;
    private final Map<String, Tensor> state = new LinkedHashMap<>();
    private final Map<String, Double> clamps = new LinkedHashMap<>();

    private AdaPickle(Path file) {
        this.file = file;
    }

    /** Whether {@code file} is a plain (network) pickle rather than a {@code torch.save} checkpoint. */
    public static boolean looksLike(Path file) {
        return NetworkPickle.looksLike(file);
    }

    /** Reads the pickle's {@code G_ema} (and its {@code w_avg} as {@code latent_avg}); every problem is one line naming the file. */
    public static Stylegan2Checkpoint load(Path file) {
        Object root = NetworkPickle.load(file);
        if (!(root instanceof Map<?, ?> m) || !(m.get("G_ema") instanceof PtObject g)) {
            throw new Gan4jException(file + " is not a StyleGAN2-ADA network pickle (" + describe(root)
                    + "); expected NVlabs' dict with 'G_ema'");
        }
        return new AdaPickle(file).read(g);
    }

    private Stylegan2Checkpoint read(PtObject g) {
        PtObject mapping = g.module("mapping");
        PtObject synthesis = g.module("synthesis");
        if (synthesis != null && (synthesis.module("input") != null || synthesis.section("_modules").keySet().stream()
                .anyMatch(k -> String.valueOf(k).startsWith("L0_")))) {
            throw fail("holds a StyleGAN3 generator (synthesis.input, L0_…); gan4j loads StyleGAN2(-ADA) generators only");
        }
        if (!"Generator".equals(g.className()) || mapping == null || synthesis == null) {
            throw fail("'G_ema' is a " + g.className() + " with modules " + g.section("_modules").keySet()
                    + ", not StyleGAN2-ADA's Generator (mapping, synthesis)");
        }
        long cDim = integer(g, "c_dim", "G_ema");
        if (cDim != 0) {
            throw fail("holds a conditional generator (c_dim = " + cDim + "); gan4j's StyleGAN2 is unconditional");
        }
        long zDim = integer(g, "z_dim", "G_ema");
        long wDim = integer(g, "w_dim", "G_ema");
        if (zDim != wDim) {
            throw fail("has z_dim " + zDim + " and w_dim " + wDim + "; gan4j's StyleGAN2 needs them equal");
        }
        long channels = integer(g, "img_channels", "G_ema");
        if (channels != 3) {
            throw fail("makes " + channels + "-channel images; gan4j's StyleGAN2 makes RGB (3 channels)");
        }
        int s = (int) wDim;
        double lrMlp = readMapping(mapping, s);
        long size = integer(g, "img_resolution", "G_ema");
        if (size < 8 || size > 1024 || Long.bitCount(size) != 1) {
            throw fail("has img_resolution " + size + "; gan4j's StyleGAN2 supports powers of two from 8 to 1024");
        }
        readSynthesis(synthesis, s, (int) size);

        Stylegan2Config config = Architecture.infer(state, Map.of("lr_mlp", lrMlp), file);
        Generator gEma = new Generator(config);
        // The FIR filters of gan4j's resampling are fixed buffers; ADA's were checked to be the same filter.
        gEma.stateDict().forEach((k, v) -> {
            if (!state.containsKey(k) && (k.endsWith("blur.kernel") || k.endsWith("upsample.kernel"))) {
                state.put(k, v);
            }
        });
        gEma.loadStateDict(state, file + " G_ema");
        gEma.setConvClamp(clamps);
        Tensor avg = null;
        Tensor wAvg = (Tensor) mapping.section("_buffers").get("w_avg");
        if (wAvg != null) {
            avg = Scope.keepAlive(check(wAvg, "mapping.w_avg", s).to(ScalarType.Float).clone());
        }
        return Stylegan2Checkpoint.of(gEma, avg);
    }

    /** fc0 … fc{n-1} as style.1 … style.n; returns the learning-rate multiplier (bias_gain). */
    private double readMapping(PtObject mapping, int s) {
        if (mapping.module("embed") != null) {
            throw fail("has a label embedding (mapping.embed); gan4j's StyleGAN2 is unconditional");
        }
        long n = integer(mapping, "num_layers", "mapping");
        double lr = Double.NaN;
        for (int i = 0; i < n; i++) {
            String name = "mapping.fc" + i;
            PtObject fc = module(mapping, "fc" + i, name);
            double gain = fullyConnected(fc, name, "lrelu", s, s);
            if (!Double.isNaN(lr) && gain != lr) {
                throw fail(name + " has lr_multiplier " + gain + " where fc0 has " + lr
                        + "; gan4j's mapping network uses one");
            }
            lr = gain;
            state.put("style." + (i + 1) + ".weight", param(fc, "weight", name, s, s));
            state.put("style." + (i + 1) + ".bias", param(fc, "bias", name, s));
        }
        return lr;
    }

    private void readSynthesis(PtObject synthesis, int s, int size) {
        int levels = Integer.numberOfTrailingZeros(size) - 2; // blocks above 4 px
        int noise = 0;
        for (int j = 0; j <= levels; j++) {
            int res = 4 << j;
            String name = "synthesis.b" + res;
            PtObject b = module(synthesis, "b" + res, name);
            Object arch = b.attr("architecture");
            if (!"skip".equals(arch)) {
                throw fail("has a generator of architecture '" + arch + "' (" + name + "); gan4j loads the 'skip'"
                        + " generator (StyleGAN2-ADA's default) only");
            }
            filter(b, name);
            if (j == 0) {
                Tensor c = param(b, "const", name, -1, 4, 4);
                state.put("input.input", c.unsqueeze(0));
                layer(module(b, "conv1", name + ".conv1"), name + ".conv1", "conv1", noise++, s, res, 1);
                toRgb(module(b, "torgb", name + ".torgb"), name + ".torgb", "to_rgb1", s);
            } else {
                layer(module(b, "conv0", name + ".conv0"), name + ".conv0", "convs." + (2 * j - 2), noise++, s, res, 2);
                layer(module(b, "conv1", name + ".conv1"), name + ".conv1", "convs." + (2 * j - 1), noise++, s, res, 1);
                toRgb(module(b, "torgb", name + ".torgb"), name + ".torgb", "to_rgbs." + (j - 1), s);
            }
        }
        if (synthesis.module("b" + (size * 2)) != null) {
            throw fail("has a block above img_resolution " + size);
        }
    }

    /** A SynthesisLayer as a StyledConv: modulated 3×3 conv, noise, bias, leaky ReLU × √2, clamp. */
    private void layer(PtObject l, String name, String to, int noiseIndex, int s, int res, int up) {
        expect(l, "activation", "lrelu", name);
        expectNumber(l, "up", up, name);
        expectNumber(l, "padding", 1, name);
        expectNumber(l, "act_gain", SQRT2, name);
        filter(l, name);
        fullyConnected(module(l, "affine", name + ".affine"), name + ".affine", "linear", s, -1);
        Tensor affineW = param(module(l, "affine", name), "weight", name + ".affine", -1, s);
        int in = (int) affineW.size(0);
        Tensor w = param(l, "weight", name, -1, in, 3, 3);
        int out = (int) w.size(0);
        state.put(to + ".conv.weight", w.unsqueeze(0));
        state.put(to + ".conv.modulation.weight", affineW);
        state.put(to + ".conv.modulation.bias", param(module(l, "affine", name), "bias", name + ".affine", in));
        state.put(to + ".activate.bias", param(l, "bias", name, out));
        Object useNoise = l.attr("use_noise");
        if (Boolean.TRUE.equals(useNoise)) {
            state.put(to + ".noise.weight", param(l, "noise_strength", name).reshape(1));
            state.put("noises.noise_" + noiseIndex, buffer(l, "noise_const", name, res, res).reshape(1, 1, res, res));
        } else { // use_noise=False: a zero strength adds nothing, whatever the noise
            state.put(to + ".noise.weight", Tensors.zeros(1));
            state.put("noises.noise_" + noiseIndex, Tensors.zeros(1, 1, res, res));
        }
        clamp(l, name, to);
    }

    /** A ToRGBLayer: modulated 1×1 conv without demodulation (style × 1/sqrt(C)), bias, clamp. */
    private void toRgb(PtObject t, String name, String to, int s) {
        PtObject affine = module(t, "affine", name + ".affine");
        fullyConnected(affine, name + ".affine", "linear", s, -1);
        Tensor affineW = param(affine, "weight", name + ".affine", -1, s);
        int in = (int) affineW.size(0);
        expectNumber(t, "weight_gain", 1 / Math.sqrt(in), name);
        state.put(to + ".conv.weight", param(t, "weight", name, 3, in, 1, 1).unsqueeze(0));
        state.put(to + ".conv.modulation.weight", affineW);
        state.put(to + ".conv.modulation.bias", param(affine, "bias", name + ".affine", in));
        state.put(to + ".bias", param(t, "bias", name, 3).view(1, 3, 1, 1));
        clamp(t, name, to);
    }

    /** Checks a FullyConnectedLayer's activation and gains (weight_gain = lr/sqrt(in), bias_gain = lr); returns lr. */
    private double fullyConnected(PtObject fc, String name, String activation, int in, int out) {
        expect(fc, "activation", activation, name);
        param(fc, "weight", name, out, in);
        double lr = number(fc, "bias_gain", name);
        expectNumber(fc, "weight_gain", lr / Math.sqrt(in), name);
        if (!"lrelu".equals(activation) && lr != 1) {
            throw fail(name + " has lr_multiplier " + lr + " (expected 1)");
        }
        return lr;
    }

    private void clamp(PtObject l, String name, String to) {
        Object c = l.attr("conv_clamp");
        if (c != null) {
            double v = number(l, "conv_clamp", name);
            if (!(v > 0)) {
                throw fail(name + " has conv_clamp " + v + " (expected a positive number or None)");
            }
            clamps.put(to, v);
        }
    }

    /** ADA's resample filter must be StyleGAN2's [1,3,3,1] (normalised), the one gan4j's resampling uses. */
    private void filter(PtObject m, String name) {
        Tensor f = buffer(m, "resample_filter", name, 4, 4);
        Tensor expected = Upfirdn2d.makeKernel(Generator.BLUR_KERNEL);
        if (!f.to(ScalarType.Float).allclose(expected, 1e-6, 1e-7, false)) {
            throw fail(name + ".resample_filter is not StyleGAN2's [1,3,3,1] filter; gan4j's StyleGAN2 uses that one only");
        }
    }

    private PtObject module(PtObject parent, String child, String name) {
        PtObject m = parent.module(child);
        if (m == null) {
            throw fail("'G_ema' lacks the module " + name);
        }
        return m;
    }

    private Tensor param(PtObject m, String key, String name, long... shape) {
        return tensor(m, "_parameters", key, name, shape);
    }

    private Tensor buffer(PtObject m, String key, String name, long... shape) {
        return tensor(m, "_buffers", key, name, shape);
    }

    private Tensor tensor(PtObject m, String section, String key, String name, long... shape) {
        Object t = m.section(section).get(key);
        if (!(t instanceof Tensor tensor)) {
            throw fail("'G_ema' lacks " + name + "." + key + (t == null ? "" : " (it is a " + t.getClass().getSimpleName() + ")"));
        }
        return check(tensor, name + "." + key, shape);
    }

    private Tensor check(Tensor t, String name, long... shape) {
        long[] actual = t.shape();
        boolean ok = actual.length == shape.length;
        for (int i = 0; ok && i < shape.length; i++) {
            ok = shape[i] < 0 || shape[i] == actual[i];
        }
        if (!ok) {
            throw fail("G_ema " + name + " has shape " + Arrays.toString(actual) + " where "
                    + Arrays.toString(shape).replace("-1", "*") + " was expected");
        }
        if (!t.is_floating_point()) {
            throw fail("G_ema " + name + " is not a floating-point tensor");
        }
        return t.to(ScalarType.Float).detach(); // float16 copies (if any) run in float32
    }

    private void expect(PtObject m, String attr, String value, String name) {
        if (!value.equals(m.attr(attr))) {
            throw fail(name + " has " + attr + " '" + m.attr(attr) + "' (gan4j's StyleGAN2 needs '" + value + "')");
        }
    }

    private void expectNumber(PtObject m, String attr, double value, String name) {
        double v = number(m, attr, name);
        if (Math.abs(v - value) > 1e-6 * Math.abs(value)) {
            throw fail(name + " has " + attr + " " + v + " (gan4j's StyleGAN2 needs " + value + ")");
        }
    }

    private double number(PtObject m, String attr, String name) {
        if (m.attr(attr) instanceof Number n) {
            return n.doubleValue();
        }
        throw fail(name + " lacks the number '" + attr + "'");
    }

    private long integer(PtObject m, String attr, String name) {
        if (m.attr(attr) instanceof Long n) {
            return n;
        }
        throw fail(name + " lacks the integer '" + attr + "'");
    }

    private Gan4jException fail(String message) {
        return new Gan4jException(file + ": " + message);
    }

    private static String describe(Object root) {
        if (root instanceof Map<?, ?> m) {
            List<String> keys = m.keySet().stream().map(String::valueOf).limit(6).toList();
            return "its keys are " + keys + (m.size() > 6 ? " ..." : "");
        }
        if (root instanceof PtObject p) {
            return "it holds a single " + p.className();
        }
        return "it holds " + (root == null ? "None" : root instanceof Tensor ? "a tensor" : "a " + root.getClass().getSimpleName());
    }
}
