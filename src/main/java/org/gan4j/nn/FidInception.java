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
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Resize;
import org.gan4j.torch.Scope;
import org.gan4j.torch.StateDict;
import org.gan4j.torch.Tensors;

/**
 * The InceptionV3 of FID (Heusel et al. 2017) as pytorch-fid has it ({@code pytorch_fid/inception.py},
 * {@code InceptionV3(output_blocks=[3])} on {@code fid_inception_v3()}): TensorFlow's 2015-12-05 Inception
 * ported to PyTorch, weights {@code pt_inception-2015-12-05-6726825d.pth}, up to the 2048-d average-pooled features
 * ("pool3") that FID is computed on. Frozen, eval mode only.
 * <pre>
 *   x in [0,1] → bilinear to 299×299 (align_corners False) → 2x − 1
 *   block 0: Conv2d_1a_3x3 (s2) Conv2d_2a_3x3 Conv2d_2b_3x3 (p1) maxpool 3/2               → [N,  64, 73, 73]
 *   block 1: Conv2d_3b_1x1 Conv2d_4a_3x3 maxpool 3/2                                       → [N, 192, 35, 35]
 *   block 2: Mixed_5b..5d (FIDInceptionA) Mixed_6a (B) Mixed_6b..6e (FIDInceptionC)       → [N, 768, 17, 17]
 *   block 3: Mixed_7a (D) Mixed_7b (FIDInceptionE_1) Mixed_7c (FIDInceptionE_2) mean      → [N, 2048]
 * </pre>
 * Each {@code BasicConv2d} is a convolution without bias, BatchNorm with eps 0.001 on its running statistics, and
 * ReLU. The FID blocks differ from torchvision's {@code InceptionA/C/E} in their pooling branch only: average
 * pooling with {@code count_include_pad=False} (TensorFlow's), and in {@code Mixed_7c} max pooling instead.
 *
 * <p>The state dict keys are torchvision's ({@code Conv2d_1a_3x3.conv.weight}, {@code Conv2d_1a_3x3.bn.running_mean},
 * {@code Mixed_5b.branch1x1.conv.weight}, ...); {@code fc.*} and {@code num_batches_tracked} are not read.
 */
public final class FidInception implements AutoCloseable {

    /** The feature dimension. */
    public static final int FEATURES = 2048;
    /** The side the input is resized to. */
    public static final int SIZE = 299;
    /** BatchNorm's eps in every BasicConv2d (TensorFlow's 0.001, as torchvision's Inception). */
    public static final double BN_EPS = 0.001;

    /** One BasicConv2d: its name (key prefix), channels, kernel, stride and padding. */
    public record Conv(String name, int in, int out, int kh, int kw, int stride, int ph, int pw) {
        /** The conv weight's shape. */
        public long[] weightShape() {
            return new long[] {out, in, kh, kw};
        }
    }

    /** The five tensors of a BasicConv2d a state dict holds, in torchvision's order. */
    public static final List<String> PARTS = List.of("conv.weight", "bn.weight", "bn.bias", "bn.running_mean",
            "bn.running_var");

    private static final List<Conv> LAYOUT = layout();

    private final Map<String, Tensor[]> convs = new LinkedHashMap<>(); // name → weight, gamma, beta, mean, var
    private boolean closed;

    /** Every BasicConv2d in torchvision's state-dict order (the order of the modules' {@code __init__}). */
    public static List<Conv> convs() {
        return LAYOUT;
    }

    /** The keys read and their shapes, in state-dict order. */
    public static Map<String, long[]> expectedKeys() {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (Conv c : LAYOUT) {
            for (String p : PARTS) {
                out.put(c.name() + "." + p, p.equals("conv.weight") ? c.weightShape() : new long[] {c.out()});
            }
        }
        return out;
    }

    private static List<Conv> layout() {
        List<Conv> l = new ArrayList<>();
        l.add(new Conv("Conv2d_1a_3x3", 3, 32, 3, 3, 2, 0, 0));
        l.add(new Conv("Conv2d_2a_3x3", 32, 32, 3, 3, 1, 0, 0));
        l.add(new Conv("Conv2d_2b_3x3", 32, 64, 3, 3, 1, 1, 1));
        l.add(new Conv("Conv2d_3b_1x1", 64, 80, 1, 1, 1, 0, 0));
        l.add(new Conv("Conv2d_4a_3x3", 80, 192, 3, 3, 1, 0, 0));
        inceptionA(l, "Mixed_5b", 192, 32);
        inceptionA(l, "Mixed_5c", 256, 64);
        inceptionA(l, "Mixed_5d", 288, 64);
        // InceptionB
        l.add(new Conv("Mixed_6a.branch3x3", 288, 384, 3, 3, 2, 0, 0));
        l.add(new Conv("Mixed_6a.branch3x3dbl_1", 288, 64, 1, 1, 1, 0, 0));
        l.add(new Conv("Mixed_6a.branch3x3dbl_2", 64, 96, 3, 3, 1, 1, 1));
        l.add(new Conv("Mixed_6a.branch3x3dbl_3", 96, 96, 3, 3, 2, 0, 0));
        inceptionC(l, "Mixed_6b", 128);
        inceptionC(l, "Mixed_6c", 160);
        inceptionC(l, "Mixed_6d", 160);
        inceptionC(l, "Mixed_6e", 192);
        // InceptionD
        l.add(new Conv("Mixed_7a.branch3x3_1", 768, 192, 1, 1, 1, 0, 0));
        l.add(new Conv("Mixed_7a.branch3x3_2", 192, 320, 3, 3, 2, 0, 0));
        l.add(new Conv("Mixed_7a.branch7x7x3_1", 768, 192, 1, 1, 1, 0, 0));
        l.add(new Conv("Mixed_7a.branch7x7x3_2", 192, 192, 1, 7, 1, 0, 3));
        l.add(new Conv("Mixed_7a.branch7x7x3_3", 192, 192, 7, 1, 1, 3, 0));
        l.add(new Conv("Mixed_7a.branch7x7x3_4", 192, 192, 3, 3, 2, 0, 0));
        inceptionE(l, "Mixed_7b", 1280);
        inceptionE(l, "Mixed_7c", 2048);
        return List.copyOf(l);
    }

    private static void inceptionA(List<Conv> l, String p, int in, int poolFeatures) {
        l.add(new Conv(p + ".branch1x1", in, 64, 1, 1, 1, 0, 0));
        l.add(new Conv(p + ".branch5x5_1", in, 48, 1, 1, 1, 0, 0));
        l.add(new Conv(p + ".branch5x5_2", 48, 64, 5, 5, 1, 2, 2));
        l.add(new Conv(p + ".branch3x3dbl_1", in, 64, 1, 1, 1, 0, 0));
        l.add(new Conv(p + ".branch3x3dbl_2", 64, 96, 3, 3, 1, 1, 1));
        l.add(new Conv(p + ".branch3x3dbl_3", 96, 96, 3, 3, 1, 1, 1));
        l.add(new Conv(p + ".branch_pool", in, poolFeatures, 1, 1, 1, 0, 0));
    }

    private static void inceptionC(List<Conv> l, String p, int c7) {
        l.add(new Conv(p + ".branch1x1", 768, 192, 1, 1, 1, 0, 0));
        l.add(new Conv(p + ".branch7x7_1", 768, c7, 1, 1, 1, 0, 0));
        l.add(new Conv(p + ".branch7x7_2", c7, c7, 1, 7, 1, 0, 3));
        l.add(new Conv(p + ".branch7x7_3", c7, 192, 7, 1, 1, 3, 0));
        l.add(new Conv(p + ".branch7x7dbl_1", 768, c7, 1, 1, 1, 0, 0));
        l.add(new Conv(p + ".branch7x7dbl_2", c7, c7, 7, 1, 1, 3, 0));
        l.add(new Conv(p + ".branch7x7dbl_3", c7, c7, 1, 7, 1, 0, 3));
        l.add(new Conv(p + ".branch7x7dbl_4", c7, c7, 7, 1, 1, 3, 0));
        l.add(new Conv(p + ".branch7x7dbl_5", c7, 192, 1, 7, 1, 0, 3));
        l.add(new Conv(p + ".branch_pool", 768, 192, 1, 1, 1, 0, 0));
    }

    private static void inceptionE(List<Conv> l, String p, int in) {
        l.add(new Conv(p + ".branch1x1", in, 320, 1, 1, 1, 0, 0));
        l.add(new Conv(p + ".branch3x3_1", in, 384, 1, 1, 1, 0, 0));
        l.add(new Conv(p + ".branch3x3_2a", 384, 384, 1, 3, 1, 0, 1));
        l.add(new Conv(p + ".branch3x3_2b", 384, 384, 3, 1, 1, 1, 0));
        l.add(new Conv(p + ".branch3x3dbl_1", in, 448, 1, 1, 1, 0, 0));
        l.add(new Conv(p + ".branch3x3dbl_2", 448, 384, 3, 3, 1, 1, 1));
        l.add(new Conv(p + ".branch3x3dbl_3a", 384, 384, 1, 3, 1, 0, 1));
        l.add(new Conv(p + ".branch3x3dbl_3b", 384, 384, 3, 1, 1, 1, 0));
        l.add(new Conv(p + ".branch_pool", in, 192, 1, 1, 1, 0, 0));
    }

    private FidInception() {}

    /**
     * From a state dict already in memory (e.g. tests with generated weights); keys other than the BasicConv2d
     * tensors ({@code fc.*}, {@code num_batches_tracked}) are ignored.
     *
     * @param what names the source in error messages
     */
    public static FidInception of(Map<String, Tensor> state, String what) {
        Map<String, long[]> want = expectedKeys();
        List<String> missing = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, long[]> e : want.entrySet()) {
            Tensor t = state.get(e.getKey());
            if (t == null) {
                missing.add(e.getKey());
            } else if (!Arrays.equals(t.shape(), e.getValue())) {
                wrong.add(e.getKey() + " " + Arrays.toString(t.shape()) + " (expected " + Arrays.toString(e.getValue())
                        + ")");
            } else if (!t.is_floating_point()) {
                wrong.add(e.getKey() + " (" + t.scalar_type() + ", expected floating point)");
            }
        }
        if (missing.size() == want.size()) {
            String hint = state.containsKey("features.0.weight") ? " (a VGG file?)" : "";
            throw new Gan4jException(what + " is not the FID Inception state dict"
                    + " (pt_inception-2015-12-05-6726825d.pth): it has none of its keys such as"
                    + " Conv2d_1a_3x3.conv.weight; its keys are "
                    + abbreviate(new ArrayList<>(state.keySet())) + hint);
        }
        if (!missing.isEmpty() || !wrong.isEmpty()) {
            // torchvision's own inception_v3 has the same keys but 1000 classes; only shapes can tell, and they match
            throw new Gan4jException(what + " does not fit the FID InceptionV3:" + (missing.isEmpty() ? ""
                    : " missing " + missing.size() + " keys " + abbreviate(missing)) + (wrong.isEmpty() ? ""
                    : " wrong shapes " + abbreviate(wrong)));
        }
        FidInception net = new FidInception();
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            for (Conv c : LAYOUT) {
                Tensor[] ts = new Tensor[PARTS.size()];
                for (int i = 0; i < ts.length; i++) {
                    ts[i] = Scope.keepAlive(state.get(c.name() + "." + PARTS.get(i)).detach().to(torch.ScalarType.Float)
                            .contiguous().clone());
                }
                net.convs.put(c.name(), ts);
            }
        }
        return net;
    }

    /**
     * Reads pytorch-fid's {@code pt_inception-2015-12-05-6726825d.pth} (from its releases page), or any state dict
     * with its keys.
     */
    public static FidInception load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new Gan4jException("FID Inception weights not found: " + file + " (pytorch-fid's"
                    + " pt_inception-2015-12-05-6726825d.pth)");
        }
        try (Scope s = new Scope()) {
            Object o = PtFile.load(file);
            if (!(o instanceof Map<?, ?> m)) {
                throw new Gan4jException(file + " is not the FID Inception state dict (it holds no dict of tensors)");
            }
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            Set<Tensor> adopted = Collections.newSetFromMap(new IdentityHashMap<>());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (e.getValue() instanceof Tensor t) {
                    if (adopted.add(t)) {
                        Scope.adopt(t); // freed with this scope; of() keeps copies
                    }
                    tensors.put(String.valueOf(e.getKey()), t);
                }
            }
            if (tensors.isEmpty()) {
                throw new Gan4jException(file + " is not the FID Inception state dict (its keys are "
                        + abbreviate(m.keySet().stream().map(String::valueOf).toList()) + ")");
            }
            return of(StateDict.tensors(tensors, file.toString()), file.toString());
        }
    }

    /** The 2048-d pool3 features of {@code images}, {@code [N,3,H,W]} in [0, 1]: {@code [N, 2048]} float32. */
    public Tensor features(Tensor images) {
        return blocks(images, 3).get(3);
    }

    /**
     * The outputs of blocks 0..{@code last} (pytorch-fid's {@code output_blocks}), block 3 flattened to
     * {@code [N, 2048]}. Runs without gradients.
     */
    public List<Tensor> blocks(Tensor images, int last) {
        if (closed) {
            throw new IllegalStateException("FidInception is closed");
        }
        if (images.dim() != 4 || images.size(1) != 3) {
            throw new IllegalArgumentException("FID Inception takes [N,3,H,W] images in [0,1], got "
                    + Arrays.toString(images.shape()));
        }
        if (last < 0 || last > 3) {
            throw new IllegalArgumentException("FID Inception blocks are 0..3, got " + last);
        }
        List<Tensor> out = new ArrayList<>();
        try (NoGrad ng = new NoGrad()) {
            Tensor x = step(() -> {
                Tensor r = Resize.bilinear(images.to(torch.ScalarType.Float), SIZE, SIZE, false);
                return block0(r.mul(Tensors.s(2.0)).sub(Tensors.s(1.0))); // pytorch-fid: 2 * x - 1
            }, out);
            if (last >= 1) {
                Tensor b0 = x;
                x = step(() -> block1(b0), out);
            }
            if (last >= 2) {
                Tensor b1 = x;
                x = step(() -> block2(b1), out);
            }
            if (last >= 3) {
                Tensor b2 = x;
                step(() -> torch.flatten(torch.adaptive_avg_pool2d(block3(b2), 1, 1), 1, -1), out);
            }
        }
        return out;
    }

    /** Runs one block in its own scope (its intermediates freed at once) and hands its output to the caller's. */
    private static Tensor step(java.util.function.Supplier<Tensor> block, List<Tensor> out) {
        Tensor r;
        try (Scope s = new Scope()) {
            r = Scope.keepAlive(block.get());
        }
        Scope.adopt(r);
        out.add(r);
        return r;
    }

    private Tensor block0(Tensor x) {
        Tensor h = conv("Conv2d_2b_3x3", conv("Conv2d_2a_3x3", conv("Conv2d_1a_3x3", x)));
        return maxPool(h, 3, 2, 0);
    }

    private Tensor block1(Tensor x) {
        return maxPool(conv("Conv2d_4a_3x3", conv("Conv2d_3b_1x1", x)), 3, 2, 0);
    }

    private Tensor block2(Tensor x) {
        Tensor h = x;
        for (String p : List.of("Mixed_5b", "Mixed_5c", "Mixed_5d")) {
            h = fidInceptionA(p, h);
        }
        h = inceptionB("Mixed_6a", h);
        for (String p : List.of("Mixed_6b", "Mixed_6c", "Mixed_6d", "Mixed_6e")) {
            h = fidInceptionC(p, h);
        }
        return h;
    }

    private Tensor block3(Tensor x) {
        Tensor h = inceptionD("Mixed_7a", x);
        h = fidInceptionE("Mixed_7b", h, false);
        return fidInceptionE("Mixed_7c", h, true);
    }

    private Tensor fidInceptionA(String p, Tensor x) {
        Tensor b1 = conv(p + ".branch1x1", x);
        Tensor b5 = conv(p + ".branch5x5_2", conv(p + ".branch5x5_1", x));
        Tensor b3 = conv(p + ".branch3x3dbl_3", conv(p + ".branch3x3dbl_2", conv(p + ".branch3x3dbl_1", x)));
        Tensor bp = conv(p + ".branch_pool", avgPoolExcludingPad(x));
        return cat(b1, b5, b3, bp);
    }

    private Tensor inceptionB(String p, Tensor x) {
        Tensor b3 = conv(p + ".branch3x3", x);
        Tensor bd = conv(p + ".branch3x3dbl_3", conv(p + ".branch3x3dbl_2", conv(p + ".branch3x3dbl_1", x)));
        return cat(b3, bd, maxPool(x, 3, 2, 0));
    }

    private Tensor fidInceptionC(String p, Tensor x) {
        Tensor b1 = conv(p + ".branch1x1", x);
        Tensor b7 = conv(p + ".branch7x7_3", conv(p + ".branch7x7_2", conv(p + ".branch7x7_1", x)));
        Tensor bd = x;
        for (int i = 1; i <= 5; i++) {
            bd = conv(p + ".branch7x7dbl_" + i, bd);
        }
        Tensor bp = conv(p + ".branch_pool", avgPoolExcludingPad(x));
        return cat(b1, b7, bd, bp);
    }

    private Tensor inceptionD(String p, Tensor x) {
        Tensor b3 = conv(p + ".branch3x3_2", conv(p + ".branch3x3_1", x));
        Tensor b7 = x;
        for (int i = 1; i <= 4; i++) {
            b7 = conv(p + ".branch7x7x3_" + i, b7);
        }
        return cat(b3, b7, maxPool(x, 3, 2, 0));
    }

    /** FIDInceptionE_1 ({@code maxPool} false: average pool without the padding) or FIDInceptionE_2 (max pool). */
    private Tensor fidInceptionE(String p, Tensor x, boolean maxPool) {
        Tensor b1 = conv(p + ".branch1x1", x);
        Tensor b3 = conv(p + ".branch3x3_1", x);
        Tensor b3cat = cat(conv(p + ".branch3x3_2a", b3), conv(p + ".branch3x3_2b", b3));
        Tensor bd = conv(p + ".branch3x3dbl_2", conv(p + ".branch3x3dbl_1", x));
        Tensor bdcat = cat(conv(p + ".branch3x3dbl_3a", bd), conv(p + ".branch3x3dbl_3b", bd));
        Tensor pooled = maxPool ? maxPool(x, 3, 1, 1) : avgPoolExcludingPad(x);
        Tensor bp = conv(p + ".branch_pool", pooled);
        return cat(b1, b3cat, bdcat, bp);
    }

    /** BasicConv2d: conv (no bias), BatchNorm in eval mode with eps 0.001, ReLU. */
    private Tensor conv(String name, Tensor x) {
        Tensor[] t = convs.get(name);
        Conv c = layoutOf(name);
        Tensor h = torch.conv2d(x, t[0], new TensorOptional(), new long[] {c.stride(), c.stride()},
                new long[] {c.ph(), c.pw()}, new long[] {1, 1}, 1);
        h = torch.batch_norm(h, new TensorOptional(t[1]), new TensorOptional(t[2]), new TensorOptional(t[3]),
                new TensorOptional(t[4]), false, 0.1, BN_EPS, false);
        return torch.relu(h);
    }

    private static final Map<String, Conv> BY_NAME = byName();

    private static Map<String, Conv> byName() {
        Map<String, Conv> m = new LinkedHashMap<>();
        LAYOUT.forEach(c -> m.put(c.name(), c));
        return m;
    }

    private static Conv layoutOf(String name) {
        return BY_NAME.get(name);
    }

    /** {@code F.avg_pool2d(x, kernel_size=3, stride=1, padding=1, count_include_pad=False)}. */
    private static Tensor avgPoolExcludingPad(Tensor x) {
        return torch.avg_pool2d(x, new long[] {3, 3}, new long[] {1, 1}, new long[] {1, 1}, false, false,
                new LongOptional());
    }

    private static Tensor maxPool(Tensor x, int k, int stride, int pad) {
        return torch.max_pool2d(x, new long[] {k, k}, new long[] {stride, stride}, new long[] {pad, pad},
                new long[] {1, 1}, false);
    }

    private static Tensor cat(Tensor... ts) {
        return torch.cat(new TensorVector(ts), 1);
    }

    /** Frees the weights. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        convs.values().forEach(ts -> Arrays.stream(ts).forEach(Tensor::close));
    }

    private static String abbreviate(List<String> keys) {
        return keys.size() > 6 ? keys.subList(0, 6) + " ..." : keys.toString();
    }
}
