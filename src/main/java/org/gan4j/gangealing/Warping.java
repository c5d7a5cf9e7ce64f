package org.gan4j.gangealing;

import org.bytedeco.pytorch.Tensor;
import org.gan4j.nn.Padding2d;

/**
 * How to apply a spatial transformer ({@code SpatialTransformer.forward}'s options).
 *
 * @param outputResolution side of the warped output; 0 for the STN's own flow size
 * @param padding          how samples beyond the source image are filled
 * @param alpha            {@code [N]} lerp of the final warp from the identity (0) to the full warp (1), or null
 * @param iters            times the similarity STN is applied to its own output, composing the warps (test-time)
 */
public record Warping(int outputResolution, Padding2d padding, Tensor alpha, int iters) {

    /** One pass at the flow size with border padding, as training. */
    public static Warping defaults() {
        return new Warping(0, Padding2d.BORDER, null, 1);
    }

    public Warping at(int resolution) {
        return new Warping(resolution, padding, alpha, iters);
    }

    public Warping padding(Padding2d p) {
        return new Warping(outputResolution, p, alpha, iters);
    }

    public Warping alpha(Tensor a) {
        return new Warping(outputResolution, padding, a, iters);
    }

    public Warping iters(int n) {
        return new Warping(outputResolution, padding, alpha, n);
    }
}
