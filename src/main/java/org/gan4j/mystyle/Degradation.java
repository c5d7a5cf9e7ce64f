package org.gan4j.mystyle;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;

/**
 * What the projection compares the generated image through (the official {@code Degradation}): nothing, a hole
 * mask for inpainting (1 = known pixel: deg(x) = x·m) or area downsampling by an integer factor for
 * super-resolution.
 *
 * @param mask   {@code [1,1,H,W]} in [0, 1] for inpainting, else null
 * @param factor the downsampling factor for super-resolution, else 1
 */
public record Degradation(Tensor mask, int factor) {

    public Degradation {
        if (factor < 1) {
            throw new Gan4jException("--sr-factor must be at least 1, got " + factor);
        }
        if (mask != null && factor != 1) {
            throw new Gan4jException("give --mask or --sr-factor, not both");
        }
    }

    /** The identity: plain projection. */
    public static Degradation none() {
        return new Degradation(null, 1);
    }

    /** Inpainting with {@code mask} ({@code [1,1,H,W]}, 1 where the pixel is known). */
    public static Degradation hole(Tensor mask) {
        return new Degradation(mask, 1);
    }

    /** Super-resolution by {@code factor}: {@code F.interpolate(x, scale_factor=1/factor, mode='area')}. */
    public static Degradation downsample(int factor) {
        return new Degradation(null, factor);
    }

    /** deg(x). */
    public Tensor apply(Tensor x) { // [N,3,H,W] -> [N,3,H',W']
        if (mask != null) {
            return x.mul(mask);
        }
        if (factor > 1) {
            // Area interpolation by an integer factor is the mean over factor × factor blocks.
            return torch.avg_pool2d(x, factor, factor);
        }
        return x;
    }

    /** The kind, for file names and messages. */
    public String describe() {
        return mask != null ? "inpainting" : factor > 1 ? "super-resolution x" + factor : "projection";
    }
}
