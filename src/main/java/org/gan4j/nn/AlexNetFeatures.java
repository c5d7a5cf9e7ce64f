package org.gan4j.nn;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Resize;
import org.gan4j.torch.Scope;

/**
 * The convolutional part of AlexNet (Krizhevsky et al. 2012) with torchvision's {@code alexnet} weights
 * ({@code features.N.weight/bias}, N = 0, 3, 6, 8, 10), returning the five ReLU outputs LPIPS compares
 * (relu1 … relu5; the official LPIPS's default network, and MyStyle's):
 * <pre>
 *   conv1 11×11 stride 4 pad 2, 3 → 64, ReLU                    → relu1
 *   max-pool 3×3 stride 2, conv2 5×5 pad 2, 64 → 192, ReLU      → relu2
 *   max-pool 3×3 stride 2, conv3 3×3 pad 1, 192 → 384, ReLU     → relu3
 *   conv4 3×3 pad 1, 384 → 256, ReLU                            → relu4
 *   conv5 3×3 pad 1, 256 → 256, ReLU                            → relu5
 * </pre>
 * Frozen: gradients flow to the input only.
 */
public final class AlexNetFeatures implements FeatureTrunk {

    private static final int[] INDEX = {0, 3, 6, 8, 10};
    private static final int[] OUT = {64, 192, 384, 256, 256};
    private static final int[] IN = {3, 64, 192, 384, 256};
    private static final int[] KERNEL = {11, 5, 3, 3, 3};
    private static final int[] STRIDE = {4, 1, 1, 1, 1};
    private static final int[] PAD = {2, 2, 1, 1, 1};
    /** Convolutions preceded by a 3×3 stride-2 max-pool. */
    private static final List<Integer> POOLED = List.of(1, 2);

    private final List<Tensor> weights = new ArrayList<>();
    private final List<Tensor> biases = new ArrayList<>();

    private AlexNetFeatures(Map<String, Tensor> state, String what) {
        List<String> keys = new ArrayList<>();
        List<long[]> shapes = new ArrayList<>();
        for (int i = 0; i < INDEX.length; i++) {
            keys.add("features." + INDEX[i] + ".weight");
            shapes.add(new long[] {OUT[i], IN[i], KERNEL[i], KERNEL[i]});
            keys.add("features." + INDEX[i] + ".bias");
            shapes.add(new long[] {OUT[i]});
        }
        List<Tensor> t = TorchvisionWeights.take(state, keys, shapes, what, "alexnet");
        for (int i = 0; i < INDEX.length; i++) {
            weights.add(t.get(2 * i));
            biases.add(t.get(2 * i + 1));
        }
    }

    /** From a state dict already in memory (e.g. tests with weights they make). */
    public static AlexNetFeatures of(Map<String, Tensor> state, String what) {
        return new AlexNetFeatures(state, what);
    }

    /**
     * Reads torchvision's alexnet state dict, e.g. the downloaded {@code alexnet-owt-7be5be79.pth} or
     * {@code torch.save(torchvision.models.alexnet(weights="DEFAULT").state_dict(), "alexnet.pt")}; the classifier
     * keys are ignored.
     */
    public static AlexNetFeatures load(Path file) {
        return new AlexNetFeatures(TorchvisionWeights.read(file, "AlexNet", "alexnet-owt-7be5be79.pth"), file.toString());
    }

    @Override
    public int[] channels() {
        return OUT.clone();
    }

    /** The smallest side the five layers can be computed on (the second max-pool needs 3 pixels). */
    public static final int MIN_SIZE = 31;

    @Override
    public List<Tensor> forward(Tensor x) { // [N,3,H,W] -> 5 maps [N,C_l,H_l,W_l]
        List<Tensor> out = new ArrayList<>();
        Tensor h = x;
        long side = Math.min(x.size(2), x.size(3));
        if (side < MIN_SIZE) {
            // DEVIATION: the official LPIPS fails on images under 31 px; gan4j upsamples them bilinearly until the
            // shorter side is 31 (e.g. MyStyle's 4x super-resolution compares 16 px pictures of a 64 px model).
            double k = (double) MIN_SIZE / side;
            h = Resize.bilinear(x, (int) Math.ceil(x.size(2) * k), (int) Math.ceil(x.size(3) * k), false);
        }
        for (int i = 0; i < INDEX.length; i++) {
            Tensor in = h;
            int layer = i;
            h = Scope.run(() -> layer(in, layer)); // its temporaries freed at once, as in Python
            out.add(h);
        }
        return out;
    }

    private Tensor layer(Tensor h, int i) {
        if (POOLED.contains(i)) {
            h = torch.max_pool2d(h, new long[] {3, 3}, new long[] {2, 2}, new long[] {0, 0}, new long[] {1, 1}, false);
        }
        long[] s = {STRIDE[i], STRIDE[i]};
        long[] p = {PAD[i], PAD[i]};
        return torch.relu(torch.conv2d(h, weights.get(i), new TensorOptional(biases.get(i)), s, p, new long[] {1, 1}, 1));
    }
}
