package org.gan4j.loss;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.nn.FeatureTrunk;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Scope;
import org.gan4j.torch.StateDict;
import org.gan4j.torch.Tensors;

/**
 * LPIPS (Zhang et al. 2018) as the official {@code lpips} package computes it, on an AlexNet or VGG16 trunk: for
 * images x, y in [−1, 1],
 * <pre>
 *   x' = (x − shift) / scale                   shift (−.030, −.088, −.188), scale (.458, .448, .450)
 *   f̂_l = f_l / (‖f_l‖_channels + 1e−10)       unit-normalised in the channel dimension at every pixel
 *   d(x, y) = Σ_l mean_{h,w} Σ_c w_{l,c} (f̂_l(x) − f̂_l(y))²
 * </pre>
 * with the learned linear weights w_l of LPIPS's weights file ({@code lpips/weights/v0.1/alex.pth} or
 * {@code vgg.pth}: keys {@code lin0.model.1.weight} …, shape {@code [1,C_l,1,1]}), or w = 1 without one (the
 * package's {@code lpips=False} baseline). Matches the package on the same weights to float precision
 * ({@code src/test/resources/parity/lpips}). Per image: {@code [N]}.
 */
public final class Lpips implements ImageDistance {

    private static final float[] SHIFT = {-.030f, -.088f, -.188f};
    private static final float[] SCALE = {.458f, .448f, .450f};

    private final FeatureTrunk trunk;
    private final List<Tensor> lin; // [1,C_l,1,1] per layer, or null
    private final String name;

    /** @param lin the learned linear weights per layer ({@code [1,C_l,1,1]}), or null for every channel weighted 1 */
    public Lpips(FeatureTrunk trunk, List<Tensor> lin, String name) {
        this.trunk = trunk;
        this.lin = lin;
        this.name = name;
        if (lin != null && lin.size() != trunk.channels().length) {
            throw new IllegalArgumentException(lin.size() + " linear layers for " + trunk.channels().length + " taps");
        }
    }

    /**
     * LPIPS's linear layers from its weights file, checked against {@code trunk}'s channels; one line for a missing
     * file or keys, or shapes of another network.
     */
    public static List<Tensor> linearLayers(Path file, FeatureTrunk trunk) {
        if (!Files.isRegularFile(file)) {
            throw new Gan4jException("LPIPS weights not found: " + file + " (the lpips package's weights/v0.1/alex.pth"
                    + " or vgg.pth)");
        }
        if (!(PtFile.load(file) instanceof Map<?, ?> m)) {
            throw new Gan4jException(file + " is not an LPIPS weights file (it holds no dict of tensors)");
        }
        Map<String, Tensor> state = StateDict.tensors(m, file.toString());
        int[] channels = trunk.channels();
        List<Tensor> out = new ArrayList<>();
        for (int l = 0; l < channels.length; l++) {
            String key = "lin" + l + ".model.1.weight";
            Tensor w = state.get(key);
            if (w == null) {
                throw new Gan4jException(file + " is not an LPIPS weights file: no " + key + " (its keys are "
                        + state.keySet().stream().limit(6).toList() + ")");
            }
            long[] expected = {1, channels[l], 1, 1};
            if (!java.util.Arrays.equals(w.shape(), expected)) {
                throw new Gan4jException(file + ": " + key + " is " + java.util.Arrays.toString(w.shape()) + " but the"
                        + " network's layer " + l + " has " + channels[l] + " channels (LPIPS weights of another network?)");
            }
            out.add(Scope.keepAlive(w.detach().to(torch.ScalarType.Float).contiguous()));
        }
        return out;
    }

    @Override
    public Tensor distance(Tensor x, Tensor y) { // [N,3,H,W] x2 -> [N]
        return layers(x, y).stream().reduce(Tensor::add).orElseThrow();
    }

    /** Each layer's term {@code [N]}, shallow to deep (their sum is the distance). */
    public List<Tensor> layers(Tensor x, Tensor y) {
        List<Tensor> fx = trunk.forward(scale(x));
        List<Tensor> fy = trunk.forward(scale(y));
        List<Tensor> out = new ArrayList<>();
        for (int l = 0; l < fx.size(); l++) {
            Tensor a = fx.get(l);
            Tensor b = fy.get(l);
            Tensor w = lin == null ? null : lin.get(l);
            out.add(Scope.run(() -> {
                Tensor diff = unit(a).sub(unit(b)).pow(new Scalar(2)); // [N,C,H,W]
                Tensor weighted = w == null ? diff.sum(new long[] {1}, true, new ScalarTypeOptional())
                        : torch.conv2d(diff, w); // [N,1,H,W]
                return weighted.mean(new long[] {1, 2, 3}, false, new ScalarTypeOptional()); // [N]
            }));
        }
        return out;
    }

    /** f / (‖f‖ over channels + 1e−10), LPIPS's {@code normalize_tensor}. */
    static Tensor unit(Tensor f) {
        Tensor norm = f.pow(new Scalar(2)).sum(new long[] {1}, true, new ScalarTypeOptional()).sqrt();
        return f.div(norm.add(new Scalar(1e-10)));
    }

    /** LPIPS's input scaling layer: (x − shift) / scale. */
    static Tensor scale(Tensor x) {
        return x.sub(Tensors.of(SHIFT, 1, 3, 1, 1)).div(Tensors.of(SCALE, 1, 3, 1, 1));
    }

    @Override
    public String describe() {
        return name;
    }
}
