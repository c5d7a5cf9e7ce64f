package org.gan4j.nn;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Tensors;

/**
 * Upsample, FIR filter, downsample ({@code upfirdn2d}) in plain libtorch ops, with the semantics of rosinality's
 * {@code upfirdn2d_native}: insert {@code up − 1} zeros after every input pixel, pad by
 * {@code (padX0, padX1, padY0, padY1)} (negative values crop), correlate every channel with the flipped
 * kernel (i.e. convolve with the kernel), and keep every {@code down}-th output pixel. Output size per axis:
 * {@code (in·up + pad0 + pad1 − k + down) / down}.
 */
public final class Upfirdn2d {

    private Upfirdn2d() {}

    /**
     * @param x      input {@code [N,C,H,W]}
     * @param kernel FIR kernel {@code [kh,kw]}
     * @param up     upsampling factor (1 = none)
     * @param down   downsampling factor (1 = none)
     * @param pad    {@code {x0, x1, y0, y1}}, or {@code {p0, p1}} for the same padding on both axes
     */
    public static Tensor apply(Tensor x, Tensor kernel, int up, int down, int... pad) {
        int[] p = pad.length == 2 ? new int[] {pad[0], pad[1], pad[0], pad[1]} : pad;
        if (p.length != 4 || up < 1 || down < 1) {
            throw new IllegalArgumentException("upfirdn2d: need up, down >= 1 and 2 or 4 pads, got up=" + up
                    + " down=" + down + " pad=" + java.util.Arrays.toString(pad));
        }
        long n = x.size(0);
        long c = x.size(1);
        long h = x.size(2);
        long w = x.size(3);
        Tensor out = x;
        if (up > 1) {
            out = torch.constant_pad_nd(x.reshape(n, c, h, 1, w, 1), 0, up - 1, 0, 0, 0, up - 1) // [N,C,H,up,W,up]
                    .view(n, c, h * up, w * up);
        }
        if (p[0] != 0 || p[1] != 0 || p[2] != 0 || p[3] != 0) {
            out = torch.constant_pad_nd(out, p[0], p[1], p[2], p[3]); // negative pads crop, as the native op's slice
        }
        long kh = kernel.size(0);
        long kw = kernel.size(1);
        // DEVIATION: every channel filtered alone as one depthwise conv, where the official code reshapes to
        // [N·C,1,H,W] and runs a one-channel conv: same numbers, 5x faster in libtorch's CPU kernels.
        Tensor weight = torch.flip(kernel, 0, 1).to(x.scalar_type()).view(1, 1, kh, kw).expand(c, 1, kh, kw).contiguous();
        return torch.conv2d(out, weight, new TensorOptional(), new long[] {down, down}, new long[] {0, 0},
                new long[] {1, 1}, c); // [N,C,H',W']
    }

    /**
     * {@code make_kernel}: the outer product of a 1-D kernel with itself (or a 2-D kernel as given), normalised
     * to sum 1. {@code [1, 3, 3, 1]} is the binomial filter of StyleGAN2.
     */
    public static Tensor makeKernel(List<? extends Number> k1d) {
        float[] v = new float[k1d.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = k1d.get(i).floatValue();
        }
        Tensor k = Tensors.of(v, v.length);
        Tensor k2 = k.view(1, -1).mul(k.view(-1, 1)); // [k,k]: k2[i][j] = k[i]·k[j]
        return k2.div(k2.sum());
    }
}
