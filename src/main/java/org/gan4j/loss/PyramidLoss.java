package org.gan4j.loss;

import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * A multi-scale pixel distance for projection without a pretrained network: the mean squared error at every
 * level of an image pyramid made by 2×2 average pooling, from full size down to {@link #MIN_SIZE} pixels,
 * averaged over the levels:
 * <pre>
 *   d(x, y) = (1/K) Σ_{k=0}^{K−1} mean (P^k x − P^k y)²,   P = 2×2 average pooling, K = log2(size / 8) + 1
 * </pre>
 * The coarse levels weigh the layout and colours of large regions as much as the full-resolution level weighs
 * pixel detail, which keeps the optimisation from settling on a sharp but mis-coloured image. Per image: {@code [N]}.
 */
public final class PyramidLoss implements ImageDistance {

    /** The coarsest level's size. */
    public static final int MIN_SIZE = 8;

    @Override
    public Tensor distance(Tensor x, Tensor y) { // [N,3,H,W] x2 -> [N]
        Tensor sum = null;
        int levels = 0;
        Tensor a = x;
        Tensor b = y;
        while (true) {
            Tensor mse = a.sub(b).pow(new Scalar(2)).mean(new long[] {1, 2, 3}, false, new ScalarTypeOptional());
            sum = sum == null ? mse : sum.add(mse);
            levels++;
            if (a.size(2) <= MIN_SIZE || a.size(3) <= MIN_SIZE || a.size(2) % 2 != 0 || a.size(3) % 2 != 0) {
                break;
            }
            a = torch.avg_pool2d(a, 2, 2);
            b = torch.avg_pool2d(b, 2, 2);
        }
        return sum.div(new Scalar(levels));
    }

    @Override
    public String describe() {
        return "multi-scale pixel MSE (2x2 average-pooled pyramid down to 8 px)";
    }
}
