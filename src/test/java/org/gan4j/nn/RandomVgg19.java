package org.gan4j.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Seeds;

/**
 * Random weights with every key and shape of torchvision's {@code vgg19().features} (its cfg "E": 16 convs, a
 * max-pool after convs 2, 4, 8, 12 and 16), written here from torchvision's layer list rather than taken from
 * {@link Vgg19Features}.
 */
public final class RandomVgg19 {

    /** torchvision's cfg "E": channels, or 0 for a max-pool. */
    public static final int[] CFG = {64, 64, 0, 128, 128, 0, 256, 256, 256, 256, 0, 512, 512, 512, 512, 0, 512, 512,
        512, 512, 0};

    private RandomVgg19() {}

    /** {@code features.N.weight/bias} for every conv, He-initialised with small random biases, after seeding. */
    public static Map<String, Tensor> weights(long seed) {
        Seeds.seed(seed);
        Map<String, Tensor> vgg = new LinkedHashMap<>();
        int index = 0; // the layer's index in features: a conv and its ReLU take two, a pool one
        int in = 3;
        for (int c : CFG) {
            if (c == 0) {
                index++;
                continue;
            }
            vgg.put("features." + index + ".weight", torch.randn(c, in, 3, 3).mul(new Scalar(Math.sqrt(2.0 / (9 * in)))));
            vgg.put("features." + index + ".bias", torch.randn(c).mul(new Scalar(0.1)));
            in = c;
            index += 2;
        }
        return vgg;
    }
}
