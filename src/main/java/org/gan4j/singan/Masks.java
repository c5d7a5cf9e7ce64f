package org.gan4j.singan;

import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Tensors;

/**
 * The soft compositing mask of harmonization and editing, as the official {@code dilate_mask}: the mask image's
 * first channel made binary (any non-zero 8-bit value), dilated with a disk (radius 7 for harmonization, 20 for
 * editing), blurred with a Gaussian of σ = 5 (truncated at 4σ, borders extended), then min-max normalised to
 * [0, 1]. Pixels farther than radius + 20 px from the mask get exactly 0, so the composite keeps the input
 * there.
 */
public final class Masks {

    /** Disk radius of harmonization's dilation. */
    public static final int HARMONIZATION_RADIUS = 7;
    /** Disk radius of editing's dilation. */
    public static final int EDITING_RADIUS = 20;
    /** σ of the Gaussian blur. */
    public static final double SIGMA = 5;
    private static final double TRUNCATE = 4.0;

    private Masks() {}

    /**
     * @param mask   the mask image as SinGAN reads images, [1,C,H,W] in [-1,1]; channel 0 is used
     * @param radius disk radius of the dilation
     * @return [1,1,H,W] in [0,1]
     */
    public static Tensor dilate(Tensor mask, int radius) {
        int h = (int) mask.size(2);
        int w = (int) mask.size(3);
        float[] red;
        try (NoGrad ng = new NoGrad()) {
            red = Tensors.floats(mask.narrow(1, 0, 1).contiguous());
        }
        boolean[] bin = binary(red);
        boolean any = false;
        for (boolean b : bin) {
            any |= b;
        }
        if (!any) {
            throw new Gan4jException("the mask is empty: no pixel has a non-zero first (red) channel; paint the"
                    + " region to change white on black");
        }
        double[] soft = gaussian(dilateDisk(bin, h, w, radius), h, w, SIGMA);
        // np2torch of the blurred mask: float32, (x - 0.5)·2, then (m - min) / (max - min).
        float[] m = new float[soft.length];
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < m.length; i++) {
            m[i] = Math.max(-1f, Math.min(1f, ((float) soft[i] - 0.5f) * 2f));
            lo = Math.min(lo, m[i]);
            hi = Math.max(hi, m[i]);
        }
        for (int i = 0; i < m.length; i++) {
            // DEVIATION: a mask covering the whole image has max = min, where the official code divides 0 by 0;
            // here it is all ones (the whole image is generated).
            m[i] = hi > lo ? (m[i] - lo) / (hi - lo) : 1f;
        }
        return Tensors.of(m, 1, 1, h, w);
    }

    /**
     * The official torch2uint8 of the mask, channel 0, as booleans: floor(255·clamp((x+1)/2, 0, 1)) > 0 in
     * float32.
     */
    static boolean[] binary(float[] x) {
        boolean[] out = new boolean[x.length];
        for (int i = 0; i < x.length; i++) {
            float d = Math.min(1f, Math.max(0f, (x[i] + 1f) / 2f));
            out[i] = (int) (255f * d) > 0;
        }
        return out;
    }

    /** Binary dilation with skimage's disk(r) (x² + y² ≤ r²), zeros outside the image. */
    static boolean[] dilateDisk(boolean[] in, int h, int w, int r) {
        // Row prefix sums: a row segment [x-dx, x+dx] holds a set pixel iff its count is positive.
        int[] prefix = new int[h * (w + 1)];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                prefix[y * (w + 1) + x + 1] = prefix[y * (w + 1) + x] + (in[y * w + x] ? 1 : 0);
            }
        }
        boolean[] out = new boolean[h * w];
        for (int dy = -r; dy <= r; dy++) {
            int dx = (int) Math.floor(Math.sqrt((double) r * r - (double) dy * dy));
            for (int y = Math.max(0, -dy); y < h && y + dy < h; y++) {
                int row = (y + dy) * (w + 1);
                for (int x = 0; x < w; x++) {
                    if (!out[y * w + x]) {
                        int a = Math.max(0, x - dx);
                        int b = Math.min(w, x + dx + 1);
                        out[y * w + x] = prefix[row + b] - prefix[row + a] > 0;
                    }
                }
            }
        }
        return out;
    }

    /** scipy's gaussian_filter(mode='nearest', truncate=4) of a 0/1 image, in float64, rows then columns. */
    static double[] gaussian(boolean[] in, int h, int w, double sigma) {
        int radius = (int) (TRUNCATE * sigma + 0.5);
        double[] k = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = Math.exp(-0.5 / (sigma * sigma) * i * i);
            sum += k[i + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        double[] a = new double[h * w];
        for (int i = 0; i < a.length; i++) {
            a[i] = in[i] ? 1 : 0;
        }
        double[] b = new double[h * w];
        for (int y = 0; y < h; y++) { // axis 0 first, as scipy
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int t = -radius; t <= radius; t++) {
                    int yy = Math.min(h - 1, Math.max(0, y + t));
                    s += k[t + radius] * a[yy * w + x];
                }
                b[y * w + x] = s;
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int t = -radius; t <= radius; t++) {
                    int xx = Math.min(w - 1, Math.max(0, x + t));
                    s += k[t + radius] * b[y * w + xx];
                }
                a[y * w + x] = s;
            }
        }
        return a;
    }
}
