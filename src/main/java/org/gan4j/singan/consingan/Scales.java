package org.gan4j.singan.consingan;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.singan.Imresize;
import org.gan4j.torch.Scope;

/**
 * ConSinGAN's pyramid (official functions.adjust_scales2image and create_reals_pyramid): a fixed number of
 * stages N = trainStages, the image first downscaled so its longer side is at most maxSize, then
 * <pre>
 *   r   = (minSize / min(H, W))^(1/(N-1))                       (the coarsest shorter side is minSize)
 *   s_i = r^((N-2)/ln(N-1) · ln(N-1-i) + 1),  i = 0..N-2          (generation: more stages at low resolution)
 *   s_i = r^(N-1-i)                                              (harmonization: uniform, as SinGAN)
 * </pre>
 * and stage i trains on the image resized by s_i (the finest, N-1, on the image itself). Stage 0 is the coarsest.
 *
 * @param height      training image height before the max-size downscale
 * @param width       training image width before the max-size downscale
 * @param scale1      the downscale applied first (≤ 1)
 * @param scaleFactor r
 * @param factors     s_i of every stage, coarsest first (the finest is 1)
 * @param heights     height of each stage, coarsest first
 * @param widths      width of each stage
 */
public record Scales(int height, int width, double scale1, double scaleFactor, double[] factors, int[] heights,
        int[] widths) {

    /** Plans the stages for an image of h x w pixels. */
    public static Scales plan(int h, int w, ConSinGANConfig c) {
        double scale1 = Math.min(c.maxSize() / (double) Math.max(h, w), 1.0);
        int realH = ceilSize(h, scale1);
        int realW = ceilSize(w, scale1);
        int stop = c.stopScale();
        if (Math.min(realH, realW) <= c.minSize()) {
            throw new Gan4jException("the image is " + w + "x" + h + " px (" + realW + "x" + realH
                    + " after the max-size downscale); ConSinGAN needs its shorter side above the min size of "
                    + c.minSize() + " px — use a larger image or a smaller --min-size");
        }
        double r = Math.pow(c.minSize() / (double) Math.min(realH, realW), 1.0 / stop);
        double[] f = new double[stop + 1];
        int[] hs = new int[stop + 1];
        int[] ws = new int[stop + 1];
        for (int i = 0; i <= stop; i++) {
            f[i] = i == stop ? 1.0 : Math.pow(r, exponent(i, stop, c.mode().uniformPyramid()));
            hs[i] = ceilSize(realH, f[i]);
            ws[i] = ceilSize(realW, f[i]);
        }
        return new Scales(h, w, scale1, r, f, hs, ws);
    }

    /** The exponent of r at stage i of stop+1 (official create_reals_pyramid). */
    static double exponent(int i, int stop, boolean uniform) {
        if (uniform) {
            return stop - i;
        }
        if (stop == 1) {
            return 1; // (N-2)/ln(N-1)·ln(N-1-i) is 0/0 · 0 at N = 2; its limit, 0, gives r^1 (the official code fails)
        }
        return (stop - 1) / Math.log(stop) * Math.log(stop - i) + 1;
    }

    /** Output length of the official imresize for a scale factor: ceil(in·s), with s = 1 leaving it unchanged. */
    static int ceilSize(int in, double s) {
        return s == 1.0 ? in : (int) Math.ceil(in * s);
    }

    public int stages() {
        return heights.length;
    }

    /**
     * x_0..x_{N-1}: the training image ([1,3,H,W] in [-1,1], original size) downscaled by scale1, then by s_i,
     * with the official imresize; kept alive beyond the caller's scopes.
     */
    public List<Tensor> reals(Tensor image) {
        List<Tensor> out = new ArrayList<>();
        try (Scope s = new Scope()) {
            Tensor real = Imresize.imresize(image, scale1);
            for (int i = 0; i < stages(); i++) {
                Tensor x = factors[i] == 1.0 ? real : Imresize.imresize(real, factors[i]);
                if (x.size(2) != heights[i] || x.size(3) != widths[i]) {
                    throw new IllegalStateException("stage " + i + " came out " + x.size(3) + "x" + x.size(2)
                            + ", planned " + widths[i] + "x" + heights[i]);
                }
                out.add(Scope.keepAlive(x.contiguous()));
            }
        }
        return out;
    }

    /** "w x h" of every stage, coarsest first, for logs. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < heights.length; i++) {
            out.add(widths[i] + "x" + heights[i]);
        }
        return out;
    }
}
