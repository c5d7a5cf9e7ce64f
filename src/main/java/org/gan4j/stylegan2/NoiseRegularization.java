package org.gan4j.stylegan2;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Tensors;

/**
 * The noise maps' regularizer of StyleGAN2's projector (Karras et al. 2020, Appendix D), as rosinality's
 * {@code noise_regularize} and {@code noise_normalize_}: at every level of a 2×2 average-pooling pyramid of each
 * map n_i, down to 8×8, the squared autocorrelation at a one-pixel shift horizontally and vertically,
 * <pre>
 *   L_n = Σ_i Σ_levels [ mean(n ⊙ roll(n, 1, W))² + mean(n ⊙ roll(n, 1, H))² ]
 * </pre>
 * which keeps the optimised noise from carrying the image's signal; after every step each map is renormalised
 * to zero mean and unit variance.
 */
final class NoiseRegularization {

    private NoiseRegularization() {}

    static Tensor loss(List<Tensor> noises) {
        Tensor loss = null;
        for (Tensor n0 : noises) {
            Tensor n = n0;
            long size = n.size(2);
            while (true) {
                Tensor h = n.mul(roll1(n, 3)).mean().pow(Tensors.s(2));
                Tensor v = n.mul(roll1(n, 2)).mean().pow(Tensors.s(2));
                Tensor term = h.add(v);
                loss = loss == null ? term : loss.add(term);
                if (size <= 8) {
                    break;
                }
                n = n.reshape(-1, 1, size / 2, 2, size / 2, 2).mean(new long[] {3, 5}, false,
                        new org.bytedeco.pytorch.ScalarTypeOptional());
                size /= 2;
            }
        }
        return loss;
    }

    /** torch.roll(x, shifts=1, dims=dim). */
    static Tensor roll1(Tensor x, int dim) {
        long n = x.size(dim);
        return torch.cat(new TensorVector(x.narrow(dim, n - 1, 1), x.narrow(dim, 0, n - 1)), dim);
    }

    /** In place: every map to zero mean and unit (unbiased) standard deviation. */
    static void normalize(List<Tensor> noises) {
        try (NoGrad ng = new NoGrad()) {
            for (Tensor n : noises) {
                Tensor mean = n.mean();
                Tensor std = n.std();
                n.sub_(mean).div_(std);
            }
        }
    }
}
