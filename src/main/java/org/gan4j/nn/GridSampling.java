package org.gan4j.nn;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** PyTorch's {@code F.affine_grid} and bilinear {@code F.grid_sample}, both with {@code align_corners=False}. */
public final class GridSampling {

    private GridSampling() {}

    /** {@code F.affine_grid(theta, (N, C, h, w), align_corners=False)}: the sampling grid of an affine map. */
    public static Tensor affineGrid(Tensor theta, long n, long c, long h, long w) { // [N,2,3] -> [N,h,w,2]
        return torch.affine_grid_generator(theta, new long[] {n, c, h, w}, false);
    }

    /** {@code F.grid_sample(x, grid, mode='bilinear', padding_mode=p, align_corners=False)}. */
    public static Tensor sample(Tensor x, Tensor grid, Padding2d padding) { // [N,C,H,W], [N,h,w,2] -> [N,C,h,w]
        return torch.grid_sampler(x, grid, 0, padding.code, false);
    }
}
