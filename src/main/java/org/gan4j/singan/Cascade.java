package org.gan4j.singan;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Rng;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;

/**
 * Runs the frozen scales below the one being trained to produce its input (the official draw_concat): in
 * "rand" mode with fresh noise at every scale, in "rec" mode with z_opt (the reconstruction path). The result
 * is x̃ at the trained scales' output, upsampled by 1/r and cropped to the size of the next real.
 */
final class Cascade {

    private Cascade() {}

    /**
     * @param scales   the trained scales 0..n-1
     * @param nextReal the real image of scale n (for the final crop)
     * @param inS      the coarsest input (zeros of the coarsest real's size)
     * @param random   true for "rand", false for "rec"
     * @param padNoise zero border of the noise (p, or 0 with animation's noise padding)
     * @param pad      image padding p
     * @param r        the scale factor
     * @param rng      the noise generator ("rand" mode)
     * @return [1,3,H_n,W_n]
     */
    static Tensor draw(List<Scale> scales, Tensor nextReal, Tensor inS, boolean random, int padNoise, int pad,
            double r, Rng rng) {
        Tensor gz = inS;
        if (scales.isEmpty()) {
            return gz;
        }
        try (NoGrad ng = new NoGrad()) {
            for (int i = 0; i < scales.size(); i++) {
                try (Scope sc = new Scope()) { // only each scale's output outlives it
                    Scale s = scales.get(i);
                    Tensor z;
                    if (random) {
                        long zh = s.zOpt().size(2) - 2L * padNoise;
                        long zw = s.zOpt().size(3) - 2L * padNoise;
                        z = Noise.draw(rng, 1, zh, zw, i == 0, padNoise);
                    } else {
                        z = s.zOpt();
                    }
                    Tensor in = Noise.pad(Noise.crop(gz, s.height(), s.width()), pad);
                    Tensor zIn = z.mul(Tensors.s(s.noiseAmp())).add(in);
                    Tensor out = Imresize.imresize(s.g().forward(zIn, in), 1 / r);
                    Tensor next = i + 1 < scales.size() ? scales.get(i + 1).real() : nextReal;
                    out = Noise.crop(out, next.size(2), next.size(3));
                    if (i > 0) {
                        gz.releaseReference();
                    }
                    gz = Scope.keepAlive(out);
                }
            }
        }
        return Scope.adopt(gz);
    }
}
