package org.gan4j.singan;

import java.util.ArrayList;
import java.util.List;
import org.gan4j.Gan4jException;

/**
 * The scale arithmetic of the official code (functions.adjust_scales2image): how many scales, the factor r
 * recomputed so that the coarsest shorter side is exactly minSize, and the size of every scale. Scale 0 is the
 * coarsest, {@link #stopScale} the finest.
 *
 * @param height      training image height before the max-size downscale
 * @param width       training image width before the max-size downscale
 * @param scale1      the downscale applied first so the longer side is at most maxSize (≤ 1)
 * @param scaleFactor r, the recomputed factor between consecutive scales
 * @param stopScale   index of the finest scale (so there are stopScale+1 scales)
 * @param heights     height of each scale, coarsest first
 * @param widths      width of each scale, coarsest first
 */
public record Pyramid(int height, int width, double scale1, double scaleFactor, int stopScale, int[] heights,
        int[] widths) {

    /** Plans the pyramid for an image of the given size, as the official train mode does. */
    public static Pyramid plan(int h, int w, SinGANConfig c) {
        if (c.superResolution()) {
            return planSuperResolution(h, w, c);
        }
        double r0 = c.scaleFactor();
        int numScales = (int) Math.ceil(log(c.minSize() / (double) Math.min(h, w), r0)) + 1;
        int scale2stop = (int) Math.ceil(log(Math.min(c.maxSize(), Math.max(h, w)) / (double) Math.max(h, w), r0));
        int stopScale = numScales - scale2stop;
        return build(h, w, c, stopScale);
    }

    /**
     * The official SR variant (adjust_scales2image_SR): truncation instead of ceil, and — reproduced as is —
     * the longer side taken as max(1, width), because the official code reads the batch axis there.
     */
    private static Pyramid planSuperResolution(int h, int w, SinGANConfig c) {
        double r0 = c.scaleFactor();
        int numScales = (int) log(c.minSize() / (double) Math.min(h, w), r0) + 1;
        int scale2stop = (int) log(Math.min(c.maxSize(), Math.max(h, w)) / (double) Math.max(1, w), r0);
        return build(h, w, c, numScales - scale2stop);
    }

    private static Pyramid build(int h, int w, SinGANConfig c, int stopScale) {
        double scale1 = Math.min(c.maxSize() / (double) Math.max(h, w), 1.0);
        int realH = ceilSize(h, scale1);
        int realW = ceilSize(w, scale1);
        if (stopScale < 1 || Math.min(realH, realW) <= c.minSize()) {
            throw new Gan4jException("the image is " + w + "x" + h + " px (" + realW + "x" + realH
                    + " after the max-size downscale); SinGAN needs its shorter side above the min size of "
                    + c.minSize() + " px — use a larger image or a smaller --min-size");
        }
        double r = Math.pow(c.minSize() / (double) Math.min(realH, realW), 1.0 / stopScale);
        int[] hs = new int[stopScale + 1];
        int[] ws = new int[stopScale + 1];
        for (int i = 0; i <= stopScale; i++) {
            double s = Math.pow(r, stopScale - i);
            hs[i] = ceilSize(realH, s);
            ws[i] = ceilSize(realW, s);
        }
        return new Pyramid(h, w, scale1, r, stopScale, hs, ws);
    }

    /** Python's math.log(x, base). */
    private static double log(double x, double base) {
        return Math.log(x) / Math.log(base);
    }

    /** Output length of the official imresize for a scale factor: ceil(in·s), with s = 1 leaving it unchanged. */
    static int ceilSize(int in, double s) {
        return s == 1.0 ? in : (int) Math.ceil(in * s);
    }

    public int scales() {
        return stopScale + 1;
    }

    /** "h x w" of every scale, coarsest first, for logs. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < heights.length; i++) {
            out.add(widths[i] + "x" + heights[i]);
        }
        return out;
    }
}
