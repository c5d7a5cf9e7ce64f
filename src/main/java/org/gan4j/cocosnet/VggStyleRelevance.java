package org.gan4j.cocosnet;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;

/**
 * The paper's style relevance (Sec. 4.1): the channel-wise mean and standard deviation of relu1_2 (colour) and relu2_2
 * (texture) features of the output and of the exemplar, compared by cosine similarity (the mean of the means' and
 * the deviations' cosines), one number per layer and image pair.
 */
final class VggStyleRelevance {

    private VggStyleRelevance() {}

    /** {colour, texture} cosine similarities of one output and one image, both [1,3,H,W] in [−1, 1]. */
    static double[] of(CocosVgg vgg, Tensor output, Tensor image) {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            List<Tensor> a = vgg.features(output);
            List<Tensor> b = vgg.features(image);
            return new double[] {similarity(a.get(0), b.get(0)), similarity(a.get(1), b.get(1))};
        }
    }

    private static double similarity(Tensor x, Tensor y) { // [1,C,H,W] each
        Tensor fx = x.flatten(2, -1);
        Tensor fy = y.flatten(2, -1);
        double mean = cos(fx.mean(new long[] {-1}, false, new org.bytedeco.pytorch.ScalarTypeOptional()),
                fy.mean(new long[] {-1}, false, new org.bytedeco.pytorch.ScalarTypeOptional()));
        double std = cos(torch.std(fx, new long[] {-1}, true, false), torch.std(fy, new long[] {-1}, true, false));
        return (mean + std) / 2;
    }

    private static double cos(Tensor a, Tensor b) {
        return torch.cosine_similarity(a, b, 1, 1e-8).mean().item_double();
    }
}
