package org.gan4j.torch;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Resizing of {@code [N,C,H,W]} tensors: SinGAN's MATLAB-style antialiased bicubic {@code imresize}, and thin
 * wrappers over libtorch's bilinear, nearest and bicubic interpolation.
 *
 * <p>{@code imresize} multiplies by one {@code [out, in]} weight matrix per dim; the matrices are computed once
 * per (length, output length, scale, antialiasing, dtype), kept in a small cache on the CPU, and copied to the
 * input's device when it is not the CPU.
 */
public final class Resize {

    /** Refuse weight matrices beyond this many entries (e.g. a scale of 1e6 by mistake); 4096 x 4096 is allowed. */
    public static final long MAX_MATRIX_ENTRIES = 16L << 20;

    private Resize() {}

    /**
     * SinGAN's {@code imresize_in(im, scale_factor=scale)} with the cubic kernel and antialiasing: output size
     * {@code ceil(H*scale) x ceil(W*scale)}, weights made for {@code scale} itself (not for the rounded size).
     *
     * <p>Only the resampling core: the official {@code imresize()} wrapper also round-trips through uint8, which
     * the caller adds if it wants it. Differentiable (two matmuls). Returns a copy when {@code scale == 1}.
     *
     * @param x     {@code [N,C,H,W]} floating-point tensor, any value range
     * @param scale scale factor for both H and W, {@code > 0}
     */
    public static Tensor imresize(Tensor x, double scale) {
        checkInput(x, "imresize");
        checkScale(scale);
        long h = x.size(2);
        long w = x.size(3);
        return resample(x, outLength(h, scale), scale, outLength(w, scale), scale);
    }

    /**
     * SinGAN's {@code imresize_in(im, output_shape=(outH, outW))}: the scale of each dim is {@code out/in}, and a
     * dim whose size does not change is left alone.
     *
     * @param x    {@code [N,C,H,W]} floating-point tensor
     * @param outH output height, {@code >= 1}
     * @param outW output width, {@code >= 1}
     */
    public static Tensor imresizeTo(Tensor x, int outH, int outW) {
        checkInput(x, "imresizeTo");
        checkSize(outH, outW);
        long h = x.size(2);
        long w = x.size(3);
        return resample(x, outH, 1.0 * outH / h, outW, 1.0 * outW / w);
    }

    /** {@code ceil(in * scale)}, the official output size for a given scale. */
    public static int outLength(long in, double scale) {
        checkScale(scale);
        double out = Math.ceil(in * scale);
        if (out > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("imresize: " + in + " x " + scale + " is too large an output");
        }
        return (int) out;
    }

    /** {@code F.interpolate(x, size=(outH, outW), mode='bilinear', align_corners=alignCorners)}. */
    public static Tensor bilinear(Tensor x, int outH, int outW, boolean alignCorners) {
        checkInput(x, "bilinear");
        checkSize(outH, outW);
        return torch.upsample_bilinear2d(x, new long[] {outH, outW}, alignCorners);
    }

    /**
     * {@code F.interpolate(x, scale_factor=f, mode='bilinear', align_corners=False)}: output floor(in·f), and source
     * coordinates from 1/f (not from the size ratio, which differs when in·f is not whole).
     */
    public static Tensor bilinearScaled(Tensor x, double f) {
        checkInput(x, "bilinear");
        int outH = (int) Math.floor(x.size(2) * f);
        int outW = (int) Math.floor(x.size(3) * f);
        checkSize(outH, outW);
        return torch.upsample_bilinear2d(x, new long[] {outH, outW}, false, new org.bytedeco.pytorch.DoubleOptional(f),
                new org.bytedeco.pytorch.DoubleOptional(f));
    }

    /** {@code F.interpolate(x, size=(outH, outW), mode='nearest')}: source index {@code floor(i * in/out)}. */
    public static Tensor nearest(Tensor x, int outH, int outW) {
        checkInput(x, "nearest");
        checkSize(outH, outW);
        return torch.upsample_nearest2d(x, outH, outW);
    }

    /** {@code F.interpolate(x, size=(outH, outW), mode='bicubic', align_corners=alignCorners)}: no antialiasing. */
    public static Tensor bicubicTorch(Tensor x, int outH, int outW, boolean alignCorners) {
        checkInput(x, "bicubicTorch");
        checkSize(outH, outW);
        return torch.upsample_bicubic2d(x, new long[] {outH, outW}, alignCorners);
    }

    private static Tensor resample(Tensor x, int outH, double scaleH, int outW, double scaleW) {
        long h = x.size(2);
        long w = x.size(3);
        if (h > Integer.MAX_VALUE || w > Integer.MAX_VALUE || (long) outH * h > MAX_MATRIX_ENTRIES
                || (long) outW * w > MAX_MATRIX_ENTRIES) {
            throw new IllegalArgumentException("imresize: [" + h + ", " + w + "] -> [" + outH + ", " + outW
                    + "] is too large");
        }
        // Quirk of the official code, kept: antialiasing is on for both dims iff the FIRST dim shrinks.
        boolean antialias = scaleH < 1;
        ScalarType dtype = x.scalar_type().intern();
        // Dims go in order of increasing scale (H first on ties), as the official argsort does; the result is
        // the same either way up to rounding, but shrinking first is cheaper.
        boolean hFirst = scaleH <= scaleW;
        Tensor y = x;
        for (int pass = 0; pass < 2; pass++) {
            boolean doH = (pass == 0) == hFirst;
            if (doH && scaleH != 1.0) {
                Tensor m = ImresizeWeights.matrix((int) h, outH, scaleH, antialias, dtype).to(x); // [outH,H]
                y = torch.matmul(m, y); // [N,C,outH,W']
            } else if (!doH && scaleW != 1.0) {
                Tensor m = ImresizeWeights.matrix((int) w, outW, scaleW, antialias, dtype).to(x); // [outW,W]
                y = torch.matmul(y, m.t()); // [N,C,H',outW]
            }
        }
        return y == x ? x.clone() : y;
    }

    private static void checkInput(Tensor x, String what) {
        if (x.dim() != 4) {
            throw new IllegalArgumentException(what + ": expected a 4-D tensor [N, C, H, W], got shape "
                    + Tensors.shapeString(x));
        }
        if (!x.is_floating_point()) {
            throw new IllegalArgumentException(what + ": expected a floating-point tensor, got "
                    + x.scalar_type().intern());
        }
    }

    private static void checkScale(double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("imresize: expected a scale > 0, got " + scale);
        }
    }

    private static void checkSize(int outH, int outW) {
        if (outH < 1 || outW < 1) {
            throw new IllegalArgumentException("expected an output size of at least 1 x 1, got " + outH + " x "
                    + outW);
        }
    }
}
