package org.gan4j.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Seeds;

/** Random VGG16 weights with torchvision's keys and shapes (the real ones are not in the repository). */
public final class RandomVgg16 {

    private RandomVgg16() {}

    /** He-initialised {@code features.N.weight/bias} drawn after seeding with {@code seed}. */
    public static Map<String, Tensor> weights(long seed) {
        Seeds.seed(seed);
        Map<String, Tensor> vgg = new LinkedHashMap<>();
        int[] idx = {0, 2, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28};
        int[] ch = {64, 64, 128, 128, 256, 256, 256, 512, 512, 512, 512, 512, 512};
        int in = 3;
        for (int i = 0; i < idx.length; i++) {
            vgg.put("features." + idx[i] + ".weight", torch.randn(ch[i], in, 3, 3).mul(new Scalar(Math.sqrt(2.0 / (9 * in)))));
            vgg.put("features." + idx[i] + ".bias", torch.zeros(ch[i]));
            in = ch[i];
        }
        return vgg;
    }
}
