package org.gan4j.nn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Rng;
import org.gan4j.torch.Scope;
import org.gan4j.torch.StateDict;
import org.gan4j.torch.Tensors;

/**
 * The convolutional part of VGG19 (Simonyan and Zisserman 2015) up to relu5_1, with torchvision's {@code vgg19}
 * keys ({@code features.N.weight/bias}, N = 0, 2, 5, 7, 10, 12, 14, 16, 19, 21, 23, 25, 28; the convs 30, 32
 * and 34 after relu5_1 are not used), returning the outputs of SPADE's five slices (its {@code VGG19} class,
 * {@code models/networks/architecture.py}), the first ReLU of each block:
 * <pre>
 *   slice1 = features[0:2]   conv1_1 relu                                 → relu1_1  [N, 64, H,    W   ]
 *   slice2 = features[2:7]   conv1_2 relu pool conv2_1 relu               → relu2_1  [N,128, H/2,  W/2 ]
 *   slice3 = features[7:12]  conv2_2 relu pool conv3_1 relu               → relu3_1  [N,256, H/4,  W/4 ]
 *   slice4 = features[12:21] conv3_2..conv3_4 (relu) pool conv4_1 relu    → relu4_1  [N,512, H/8,  W/8 ]
 *   slice5 = features[21:30] conv4_2..conv4_4 (relu) pool conv5_1 relu    → relu5_1  [N,512, H/16, W/16]
 * </pre>
 * (3×3 convs with padding 1, 2×2 max-pools with stride 2.) An instance may compute only the first 1-5 slices
 * ({@link #slices()}). Frozen: gradients flow to the input only.
 *
 * <p>Weights come from a torchvision state dict ({@link #load}, {@link #of}) or, when the user has none, from a
 * seed ({@link #random}): torchvision's own initialisation of VGG's convolutions, Kaiming-normal with fan_out
 * and ReLU gain (std = sqrt(2 / (9·C_out))), bias 0. Random convolutional features still describe local
 * colour and texture statistics: He, Wang and Hopcroft (2016, "A Powerful Generative Model Using Random Weights
 * for the Deep Image Representation") reconstruct images and synthesise textures from an untrained VGG's
 * features. A perceptual loss on them is a "random-feature perceptual loss": it needs no download, and its
 * features carry nothing learnt about objects, so it is no stand-in for ImageNet weights where semantics
 * matter; its magnitude also differs, so λ_vgg tuned for ImageNet weights need not suit it.
 */
public final class Vgg19Features implements AutoCloseable {

    /** Output channels of the 14 convolutions up to conv5_2 (conv5_2 only for CoCosNet's taps). */
    private static final int[] CHANNELS = {64, 64, 128, 128, 256, 256, 256, 256, 512, 512, 512, 512, 512, 512};
    /** torchvision's index in {@code features} of each convolution. */
    private static final int[] INDEX = {0, 2, 5, 7, 10, 12, 14, 16, 19, 21, 23, 25, 28, 30};
    /** The names of the same convolutions in CoCosNet's {@code vgg19_conv.pth} ({@code conv1_1.weight} ...). */
    private static final String[] NAME = {"conv1_1", "conv1_2", "conv2_1", "conv2_2", "conv3_1", "conv3_2", "conv3_3",
        "conv3_4", "conv4_1", "conv4_2", "conv4_3", "conv4_4", "conv5_1", "conv5_2"};
    /** The convolutions SPADE's five slices need (up to conv5_1). */
    private static final int SPADE_CONVS = 13;
    /** The convolution (0-based, in {@link #CHANNELS}) whose ReLU ends each slice. */
    private static final int[] SLICE_END = {0, 2, 4, 8, 12};
    /** The convolutions followed by a 2×2 max-pool. */
    private static final List<Integer> POOL_AFTER = List.of(1, 3, 7, 11);
    /** The number of SPADE's slices. */
    public static final int SLICES = 5;

    private final List<Tensor> weights = new ArrayList<>();
    private final List<Tensor> biases = new ArrayList<>();
    private final int slices;
    private boolean closed;

    private Vgg19Features(List<Tensor> weights, List<Tensor> biases, int slices) {
        this.weights.addAll(weights);
        this.biases.addAll(biases);
        this.slices = slices;
    }

    /** The number of convolutions that the first {@code slices} slices use. */
    private static int convs(int slices) {
        if (slices < 1 || slices > SLICES) {
            throw new IllegalArgumentException("VGG19 slices must be 1.." + SLICES + ", got " + slices);
        }
        return SLICE_END[slices - 1] + 1;
    }

    /**
     * From torchvision vgg19 weights already in memory (e.g. tests with random weights), or from CoCosNet's
     * {@code vgg19_conv.pth} layout ({@code conv1_1.weight} ...; see {@link #layoutOf}). conv1_1..conv5_1 are
     * required; conv5_2 is kept when present (CoCosNet's relu5_2); later convs and the classifier are ignored.
     *
     * @param what names the source in error messages
     */
    public static Vgg19Features of(Map<String, Tensor> state, String what) {
        Layout layout = layoutOf(state);
        List<String> missing = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        List<Tensor> w = new ArrayList<>();
        List<Tensor> b = new ArrayList<>();
        int in = 3;
        for (int i = 0; i < CHANNELS.length; i++) {
            boolean optional = i >= SPADE_CONVS;
            if (optional && !state.containsKey(layout.key(i, "weight"))) {
                break;
            }
            for (String kind : List.of("weight", "bias")) {
                String key = layout.key(i, kind);
                long[] shape = kind.equals("weight") ? new long[] {CHANNELS[i], in, 3, 3} : new long[] {CHANNELS[i]};
                Tensor t = state.get(key);
                if (t == null) {
                    missing.add(key);
                } else if (!Arrays.equals(t.shape(), shape)) {
                    wrong.add(key + " " + Arrays.toString(t.shape()) + " (expected " + Arrays.toString(shape) + ")");
                } else {
                    (kind.equals("weight") ? w : b).add(t);
                }
            }
            in = CHANNELS[i];
        }
        if (missing.size() == 2 * SPADE_CONVS) {
            throw new Gan4jException(what + " is not a VGG19 state dict: it has neither torchvision's features.N.weight"
                    + " nor CoCosNet's convI_J.weight keys (its keys are " + abbreviate(new ArrayList<>(state.keySet())) + ")");
        }
        if (!missing.isEmpty() || !wrong.isEmpty()) {
            // torchvision's vgg16 has convs at 17, 24 and 26, where vgg19 has ReLUs
            String hint = state.containsKey("features.17.weight") ? " (a vgg16 file? VGG19 is needed here)" : "";
            throw new Gan4jException(what + " does not fit " + layout.description + ":" + (missing.isEmpty() ? ""
                    : " missing " + abbreviate(missing)) + (wrong.isEmpty() ? "" : " wrong shapes " + abbreviate(wrong)) + hint);
        }
        return new Vgg19Features(kept(w), kept(b), SLICES);
    }

    /** Where a state dict keeps the convolutions. */
    public enum Layout {
        /** torchvision's {@code features.N.weight}: RGB input normalised by ImageNet's mean and std. */
        TORCHVISION("torchvision's vgg19"),
        /** CoCosNet's {@code vgg19_conv.pth} ({@code conv1_1.weight} ...): Caffe weights, BGR input in [0, 255] minus the mean. */
        CAFFE("CoCosNet's vgg19_conv.pth");

        final String description;

        Layout(String description) {
            this.description = description;
        }

        String key(int conv, String kind) {
            return (this == TORCHVISION ? "features." + INDEX[conv] : NAME[conv]) + "." + kind;
        }
    }

    /** The layout of a VGG19 state dict: CoCosNet's when it has {@code conv1_1.weight}, else torchvision's. */
    public static Layout layoutOf(Map<String, Tensor> state) {
        return state.containsKey("conv1_1.weight") ? Layout.CAFFE : Layout.TORCHVISION;
    }

    /**
     * Reads torchvision's vgg19 state dict: the downloaded {@code vgg19-dcbb9e9d.pth}, or
     * {@code torch.save(torchvision.models.vgg19(weights="DEFAULT").state_dict(), "vgg19.pt")}.
     */
    public static Vgg19Features load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new Gan4jException("VGG19 weights not found: " + file + " (a torchvision vgg19 state dict, e.g."
                    + " vgg19-dcbb9e9d.pth)");
        }
        try (Scope s = new Scope()) {
            Object o = PtFile.load(file);
            if (!(o instanceof Map<?, ?> m)) {
                throw new Gan4jException(file + " is not a torchvision VGG19 state dict (it holds no dict of tensors)");
            }
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            Set<Tensor> adopted = Collections.newSetFromMap(new IdentityHashMap<>());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (e.getValue() instanceof Tensor t) {
                    // freed with this scope unless kept (the classifier alone is 123M floats)
                    if (adopted.add(t)) {
                        Scope.adopt(t);
                    }
                    tensors.put(String.valueOf(e.getKey()), t);
                }
            }
            if (tensors.isEmpty()) {
                throw new Gan4jException(file + " is not a torchvision VGG19 state dict (its keys are "
                        + abbreviate(m.keySet().stream().map(String::valueOf).toList()) + ")");
            }
            return of(StateDict.tensors(tensors, file.toString()), file.toString());
        }
    }

    /** {@link #random(long, int)} with all five slices. */
    public static Vgg19Features random(long seed) {
        return random(seed, SLICES);
    }

    /**
     * torchvision's vgg19 initialisation from a seed: every conv weight drawn in order from one libtorch
     * generator seeded with {@code seed} ({@link Rng#seeded}), N(0, 2 / (9·C_out)) (Kaiming-normal, fan_out,
     * ReLU) in float64 and rounded to float32, biases 0. The same seed gives the same weights on every CPU. These
     * are not the numbers of {@code torch.manual_seed(seed); vgg19()}, which first draws PyTorch's default
     * initialisation of every layer, the classifier's too. Only the first {@code slices} slices' convolutions are
     * made; their weights do not depend on {@code slices} (the draws are in order), so {@code random(s, 3)}
     * computes the first three outputs of {@code random(s)}.
     */
    public static Vgg19Features random(long seed, int slices) {
        return randomConvs(seed, convs(slices), slices);
    }

    /**
     * As {@link #random(long)} with the first {@code n} convolutions (14: through conv5_2, for CoCosNet's taps);
     * the draws are in order, so the shared convolutions equal {@code random(seed)}'s.
     */
    public static Vgg19Features randomConvs(long seed, int n) {
        return randomConvs(seed, n, SLICES);
    }

    private static Vgg19Features randomConvs(long seed, int n, int slices) {
        if (n < 1 || n > CHANNELS.length) {
            throw new IllegalArgumentException("VGG19 convolutions 1.." + CHANNELS.length + ", got " + n);
        }
        Rng rng = Rng.seeded(seed);
        List<Tensor> w = new ArrayList<>();
        List<Tensor> b = new ArrayList<>();
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            int in = 3;
            for (int i = 0; i < n; i++) {
                double std = Math.sqrt(2.0 / (9.0 * CHANNELS[i]));
                // drawn in float64, then rounded: libtorch's float32 normal_ has a vectorised path per CPU
                // (AVX2/AVX-512 vs the scalar kernels differ in the last bits), its float64 one does not, so the
                // same seed gives the same weights on every machine
                w.add(rng.normal64(0.0, std, CHANNELS[i], in, 3, 3).to(torch.ScalarType.Float));
                b.add(Tensors.zeros(CHANNELS[i]));
                in = CHANNELS[i];
            }
            return new Vgg19Features(kept(w), kept(b), slices);
        }
    }

    /** The same weights computing only the first {@code slices} slices (a copy; close both). */
    public Vgg19Features firstSlices(int slices) {
        int n = convs(slices);
        if (slices > this.slices) {
            throw new IllegalArgumentException("this VGG19 computes " + this.slices + " slices, not " + slices);
        }
        return new Vgg19Features(kept(weights.subList(0, n)), kept(biases.subList(0, n)), slices);
    }

    /** The weights with torchvision's keys (those of the convolutions this instance computes). */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < weights.size(); i++) {
            out.put("features." + INDEX[i] + ".weight", weights.get(i));
            out.put("features." + INDEX[i] + ".bias", biases.get(i));
        }
        return out;
    }

    /** How many of SPADE's slices {@link #forward} computes (1..5). */
    public int slices() {
        return slices;
    }

    /**
     * The slices' outputs for {@code x}, {@code [N,3,H,W]} with H and W at least 2^(pools) (16 for five
     * slices), relu1_1 first. SPADE feeds its images in [−1, 1] as they are (see {@code loss.VggLoss}).
     */
    public List<Tensor> forward(Tensor x) {
        return taps(x, Arrays.copyOf(SLICE_END, slices));
    }

    /** The convolutions (0-based) whose ReLUs are CoCosNet's relu1_2, relu2_2, relu3_2, relu4_2, relu5_2. */
    public static final int[] COCOS_TAPS = {1, 3, 5, 9, 13};

    /**
     * The ReLU outputs after the given convolutions (0-based, ascending; conv1_1 is 0, conv5_2 is 13), computing
     * no further than the last.
     */
    public List<Tensor> taps(Tensor x, int... convs) {
        if (closed) {
            throw new IllegalStateException("Vgg19Features is closed");
        }
        int n = convs[convs.length - 1] + 1;
        if (n > weights.size()) {
            throw new Gan4jException("this VGG19 has " + weights.size() + " convolutions; relu after conv " + n
                    + " needs more (CoCosNet's relu5_2 needs conv5_2, features.30 / conv5_2.weight)");
        }
        long pools = POOL_AFTER.stream().filter(i -> i < n - 1).count();
        if (x.dim() != 4 || x.size(1) != 3 || x.size(2) < (1L << pools) || x.size(3) < (1L << pools)) {
            throw new IllegalArgumentException("VGG19 up to conv " + n + " takes [N,3,H,W] with H, W >= "
                    + (1L << pools) + ", got " + Arrays.toString(x.shape()));
        }
        List<Tensor> out = new ArrayList<>();
        Tensor h = x;
        int from = 0;
        for (int tap : convs) {
            Tensor in = h;
            int first = from;
            // one segment per scope: its temporaries (pre-ReLU maps; for an input without a graph, every map but
            // the tap) are freed when it ends, as Python's reference counting would
            h = Scope.run(() -> segment(in, first, tap));
            out.add(h);
            from = tap + 1;
        }
        return out;
    }

    /** Convolutions {@code first..last} with their ReLUs and the 2×2 max-pools that follow any but the last. */
    private Tensor segment(Tensor h, int first, int last) {
        long[] one = {1, 1};
        if (first > 0 && POOL_AFTER.contains(first - 1)) {
            h = torch.max_pool2d(h, 2, 2);
        }
        for (int i = first; i <= last; i++) {
            h = torch.relu(torch.conv2d(h, weights.get(i), new TensorOptional(biases.get(i)), one, one, one, 1));
            if (i < last && POOL_AFTER.contains(i)) {
                h = torch.max_pool2d(h, 2, 2);
            }
        }
        return h;
    }

    /** Frees the weights. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        weights.forEach(Tensor::close);
        biases.forEach(Tensor::close);
    }

    /** Detached float32 contiguous copies that outlive every scope (freed by {@link #close}). */
    private static List<Tensor> kept(List<Tensor> ts) {
        List<Tensor> out = new ArrayList<>();
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            for (Tensor t : ts) {
                out.add(Scope.keepAlive(t.detach().to(torch.ScalarType.Float).contiguous()));
            }
        }
        return out;
    }

    private static String abbreviate(List<String> keys) {
        return keys.size() > 6 ? keys.subList(0, 6) + " ..." : keys.toString();
    }
}
