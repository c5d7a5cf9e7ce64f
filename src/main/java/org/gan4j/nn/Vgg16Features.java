package org.gan4j.nn;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.torch.Scope;

/**
 * The convolutional part of VGG16 (Simonyan and Zisserman 2015) with torchvision's {@code vgg16} weights
 * ({@code features.N.weight/bias}, N = 0, 2, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28), returning the
 * activations after the last ReLU of each of the five blocks (relu1_2, relu2_2, relu3_3, relu4_3, relu5_3: the
 * layers LPIPS uses). Frozen: gradients flow to the input only.
 */
public final class Vgg16Features implements FeatureTrunk {

    /** Output channels of the 13 convolutions; a 2×2 max-pool follows convs 1, 3, 6 and 9 (0-based). */
    private static final int[] CHANNELS = {64, 64, 128, 128, 256, 256, 256, 512, 512, 512, 512, 512, 512};
    /** torchvision's index in {@code features} of each convolution. */
    private static final int[] INDEX = {0, 2, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28};
    /** The convolutions whose ReLU output is returned (end of each block). */
    private static final List<Integer> TAPS = List.of(1, 3, 6, 9, 12);

    private final List<Tensor> weights = new ArrayList<>();
    private final List<Tensor> biases = new ArrayList<>();

    private Vgg16Features(Map<String, Tensor> state, String what) {
        List<String> missing = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        int in = 3;
        for (int i = 0; i < CHANNELS.length; i++) {
            long[] ws = {CHANNELS[i], in, 3, 3};
            long[] bs = {CHANNELS[i]};
            for (String kind : List.of("weight", "bias")) {
                String key = "features." + INDEX[i] + "." + kind;
                Tensor t = state.get(key);
                long[] shape = kind.equals("weight") ? ws : bs;
                if (t == null) {
                    missing.add(key);
                } else if (!Arrays.equals(t.shape(), shape)) {
                    wrong.add(key + " " + Arrays.toString(t.shape()) + " (expected " + Arrays.toString(shape) + ")");
                } else {
                    Tensor v = Scope.keepAlive(t.detach().to(torch.ScalarType.Float).contiguous());
                    (kind.equals("weight") ? weights : biases).add(v);
                }
            }
            in = CHANNELS[i];
        }
        if (!missing.isEmpty() && missing.size() == 2 * CHANNELS.length) {
            throw new Gan4jException(what + " is not a torchvision VGG16 state dict: it has no features.N.weight keys"
                    + " (its keys are " + abbreviate(new ArrayList<>(state.keySet())) + ")");
        }
        if (!missing.isEmpty() || !wrong.isEmpty()) {
            throw new Gan4jException(what + " does not fit torchvision's vgg16:" + (missing.isEmpty() ? "" : " missing "
                    + abbreviate(missing)) + (wrong.isEmpty() ? "" : " wrong shapes " + abbreviate(wrong)));
        }
    }

    /** From a state dict already in memory (e.g. tests with random weights). */
    public static Vgg16Features of(Map<String, Tensor> state, String what) {
        return new Vgg16Features(state, what);
    }

    /**
     * Reads torchvision's vgg16 state dict, e.g. {@code torch.save(torchvision.models.vgg16(weights="DEFAULT")
     * .state_dict(), "vgg16.pt")} or the downloaded {@code vgg16-397923af.pth}; the classifier keys are ignored.
     */
    public static Vgg16Features load(Path file) {
        return new Vgg16Features(TorchvisionWeights.read(file, "VGG16", "vgg16-397923af.pth"), file.toString());
    }

    private static String abbreviate(List<String> keys) {
        return TorchvisionWeights.abbreviate(keys);
    }

    @Override
    public int[] channels() {
        return new int[] {64, 128, 256, 512, 512};
    }

    /**
     * The five tapped activations of {@code x}, an ImageNet-normalised batch {@code [N,3,H,W]} (see
     * {@code loss.PerceptualDistance} for the input scaling).
     */
    @Override
    public List<Tensor> forward(Tensor x) {
        List<Tensor> out = new ArrayList<>();
        Tensor h = x;
        int from = 0;
        for (int tap : TAPS) {
            Tensor in = h;
            int first = from;
            // one block per scope: its temporaries (pre-ReLU maps; for an input without a graph, every map but
            // the tap) are freed when the block ends, as Python's reference counting would
            h = Scope.run(() -> block(in, first, tap));
            out.add(h);
            from = tap + 1;
        }
        return out;
    }

    /** Convolutions {@code first..last} with their ReLUs, after the 2×2 max-pool that ends the previous block. */
    private Tensor block(Tensor h, int first, int last) {
        long[] one = {1, 1};
        if (first > 0 && h.size(2) >= 2 && h.size(3) >= 2) {
            h = torch.max_pool2d(h, 2, 2);
        }
        for (int i = first; i <= last; i++) {
            h = torch.relu(torch.conv2d(h, weights.get(i), new TensorOptional(biases.get(i)), one, one, one, 1));
        }
        return h;
    }
}
