package org.gan4j.gangealing;

import org.bytedeco.pytorch.Tensor;

/**
 * What a spatial transformer returns.
 *
 * @param out  the warped images {@code [N·K,C,h,w]} (K heads when every image is warped by every head)
 * @param grid the sampling grid that made them, in [−1, 1] of the source image, {@code [N·K,h,w,2]}
 * @param warp for a similarity STN its affine matrices {@code [N·K,2,3]} (composed with any base warp); for a flow
 *             STN its residual flow Δ {@code [N·K,H',W',2]} at flow resolution
 */
public record Warped(Tensor out, Tensor grid, Tensor warp) {}
