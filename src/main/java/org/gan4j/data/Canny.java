package org.gan4j.data;

import java.util.ArrayDeque;

/**
 * The Canny edge detector as scikit-image's {@code feature.canny} computes it with its defaults (0.19), on a grey
 * image in [0, 1] held row-major in plain Java arrays (float64 throughout, as NumPy), deterministic:
 * <ol>
 *   <li>Gaussian smoothing, σ = 1, truncated at 4σ, zero padding ({@code mode='constant'}), divided by the same
 *       filter applied to ones so the border is not darkened (skimage's "bleed-over" correction);
 *   <li>Sobel gradients (SciPy's {@code ndimage.sobel}, reflected borders): {@code isobel} along rows (y),
 *       {@code jsobel} along columns (x); magnitude = hypot(isobel, jsobel);
 *   <li>non-maximum suppression along the gradient direction, interpolating the two neighbours that straddle it,
 *       in four sectors of 45°; the one-pixel image border is never an edge;
 *   <li>hysteresis: 8-connected runs of local maxima with magnitude ≥ {@link #LOW} kept when one of their pixels
 *       reaches {@link #HIGH} (skimage's defaults for float images: 10% and 20% of the dtype's maximum 1).
 * </ol>
 */
public final class Canny {

    /** skimage's default σ. */
    public static final double SIGMA = 1.0;
    /** skimage's default low threshold for float images (0.1 × dtype max). */
    public static final double LOW = 0.1;
    /** skimage's default high threshold for float images (0.2 × dtype max). */
    public static final double HIGH = 0.2;
    /** SciPy's {@code gaussian_filter} truncation, in σ. */
    static final double TRUNCATE = 4.0;

    private Canny() {}

    /**
     * The edges of {@code grey} ({@code width × height}, row-major, values in [0, 1]): true where an edge passes.
     */
    public static boolean[] edges(double[] grey, int width, int height) {
        if (grey.length != width * height) {
            throw new IllegalArgumentException("Canny: " + grey.length + " values for a " + width + "x" + height + " image");
        }
        double[] smoothed = gaussian(grey, width, height);
        double[] ones = new double[grey.length];
        java.util.Arrays.fill(ones, 1.0);
        double[] bleed = gaussian(ones, width, height);
        for (int i = 0; i < smoothed.length; i++) {
            smoothed[i] /= bleed[i] + Math.ulp(1.0); // + np.finfo(float).eps
        }
        double[] isobel = sobel(smoothed, width, height, true);
        double[] jsobel = sobel(smoothed, width, height, false);
        double[] magnitude = new double[grey.length];
        for (int i = 0; i < magnitude.length; i++) {
            magnitude[i] = Math.hypot(isobel[i], jsobel[i]);
        }
        boolean[] maxima = localMaxima(isobel, jsobel, magnitude, width, height);
        return hysteresis(maxima, magnitude, width, height);
    }

    /** SciPy's gaussian_filter1d weights: exp(−x²/2σ²) for |x| ≤ int(4σ + 0.5), summing to 1. */
    static double[] kernel(double sigma) {
        int r = (int) (TRUNCATE * sigma + 0.5);
        double[] k = new double[2 * r + 1];
        double sum = 0;
        for (int x = -r; x <= r; x++) {
            k[x + r] = Math.exp(-0.5 * x * x / (sigma * sigma));
            sum += k[x + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        return k;
    }

    /** The separable Gaussian along rows then columns, zero outside the image. */
    private static double[] gaussian(double[] img, int w, int h) {
        double[] k = kernel(SIGMA);
        int r = k.length / 2;
        double[] tmp = new double[img.length];
        for (int y = 0; y < h; y++) { // axis 0 first, as ndimage
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int d = -r; d <= r; d++) {
                    int yy = y + d;
                    if (yy >= 0 && yy < h) {
                        s += k[d + r] * img[yy * w + x];
                    }
                }
                tmp[y * w + x] = s;
            }
        }
        double[] out = new double[img.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int d = -r; d <= r; d++) {
                    int xx = x + d;
                    if (xx >= 0 && xx < w) {
                        s += k[d + r] * tmp[y * w + xx];
                    }
                }
                out[y * w + x] = s;
            }
        }
        return out;
    }

    /** ndimage.sobel: [−1, 0, 1] along the axis, then [1, 2, 1] across it, borders reflected (d c b a | a b c d). */
    private static double[] sobel(double[] img, int w, int h, boolean alongRows) {
        double[] diff = new double[img.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                diff[y * w + x] = alongRows ? img[reflect(y + 1, h) * w + x] - img[reflect(y - 1, h) * w + x]
                        : img[y * w + reflect(x + 1, w)] - img[y * w + reflect(x - 1, w)];
            }
        }
        double[] out = new double[img.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out[y * w + x] = alongRows
                        ? diff[y * w + reflect(x - 1, w)] + 2 * diff[y * w + x] + diff[y * w + reflect(x + 1, w)]
                        : diff[reflect(y - 1, h) * w + x] + 2 * diff[y * w + x] + diff[reflect(y + 1, h) * w + x];
            }
        }
        return out;
    }

    /** SciPy's 'reflect' for an index at most one outside [0, n). */
    private static int reflect(int i, int n) {
        return i < 0 ? -i - 1 : i >= n ? 2 * n - i - 1 : i;
    }

    /**
     * skimage's {@code _get_local_maxima}: a pixel (off the border, magnitude &gt; 0) is kept when its magnitude is at
     * least both interpolated neighbours along the gradient; the four sectors are applied in skimage's order, a later
     * one overriding an earlier one where a pixel lies on their boundary.
     */
    private static boolean[] localMaxima(double[] is, double[] js, double[] mag, int w, int h) {
        boolean[] out = new boolean[mag.length];
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int p = y * w + x;
                double m = mag[p];
                if (!(m > 0)) {
                    continue;
                }
                double ai = Math.abs(is[p]);
                double aj = Math.abs(js[p]);
                boolean horizontal = ai >= aj;
                boolean vertical = ai <= aj;
                boolean up = is[p] >= 0;
                boolean down = is[p] <= 0;
                boolean right = js[p] >= 0;
                boolean left = js[p] <= 0;
                boolean diagonal = (up && right) || (down && left);
                boolean anti = (down && right) || (up && left);
                // 0–45°: neighbours (y+1, x), (y+1, x+1) and (y−1, x), (y−1, x−1); w = |j|/|i|
                if (diagonal && horizontal) {
                    out[p] = keeps(m, aj / ai, mag[p + w], mag[p + w + 1], mag[p - w], mag[p - w - 1]);
                }
                // 45–90°: (y, x+1), (y+1, x+1) and (y, x−1), (y−1, x−1); w = |i|/|j|
                if (diagonal && vertical) {
                    out[p] = keeps(m, ai / aj, mag[p + 1], mag[p + w + 1], mag[p - 1], mag[p - w - 1]);
                }
                // 90–135°: (y, x+1), (y−1, x+1) and (y, x−1), (y+1, x−1); w = |i|/|j|
                if (anti && vertical) {
                    out[p] = keeps(m, ai / aj, mag[p + 1], mag[p - w + 1], mag[p - 1], mag[p + w - 1]);
                }
                // 135–180°: (y−1, x), (y−1, x+1) and (y+1, x), (y+1, x−1); w = |j|/|i|
                if (anti && horizontal) {
                    out[p] = keeps(m, aj / ai, mag[p - w], mag[p - w + 1], mag[p + w], mag[p + w - 1]);
                }
            }
        }
        return out;
    }

    /** c2·wt + c1·(1 − wt) ≤ m on both sides of the pixel. */
    private static boolean keeps(double m, double wt, double plus1, double plus2, double minus1, double minus2) {
        return plus2 * wt + plus1 * (1 - wt) <= m && minus2 * wt + minus1 * (1 - wt) <= m;
    }

    /** Local maxima ≥ LOW, in 8-connected components that hold a pixel ≥ HIGH. */
    private static boolean[] hysteresis(boolean[] maxima, double[] mag, int w, int h) {
        boolean[] out = new boolean[mag.length];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int p = 0; p < mag.length; p++) {
            if (maxima[p] && mag[p] >= HIGH && !out[p]) {
                out[p] = true;
                queue.add(p);
                while (!queue.isEmpty()) {
                    int q = queue.poll();
                    int qy = q / w;
                    int qx = q % w;
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int ny = qy + dy;
                            int nx = qx + dx;
                            if (ny < 0 || ny >= h || nx < 0 || nx >= w) {
                                continue;
                            }
                            int n = ny * w + nx;
                            if (!out[n] && maxima[n] && mag[n] >= LOW) {
                                out[n] = true;
                                queue.add(n);
                            }
                        }
                    }
                }
            }
        }
        return out;
    }
}
