package org.gan4j.cocosnet;

import java.awt.image.BufferedImage;
import org.gan4j.data.LabelMap;
import org.gan4j.data.ScenePair;

/** Colour statistics for the style-relevance scores of {@link CocosEvaluation}. */
final class StyleStatistics {

    /** A class counts as present when it covers at least this share of a map. */
    static final double MIN_SHARE = 0.02;

    private StyleStatistics() {}

    /** Mean |a − b| over pixels and channels, RGB in [0, 1] (same sizes). */
    static double l1(BufferedImage a, BufferedImage b) {
        long sum = 0;
        int w = a.getWidth();
        int h = a.getHeight();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int sh = 0; sh <= 16; sh += 8) {
                    sum += Math.abs((p >> sh & 255) - (q >> sh & 255));
                }
            }
        }
        return sum / (255.0 * 3 * w * h);
    }

    /**
     * For the classes present in the input map and in both exemplars: the Euclidean RGB distance between each class's
     * mean colour in {@code out} (over the input's pixels of that class) and in the exemplar (over its own pixels),
     * averaged over those classes; then the same against the baseline exemplar. Null when no class is shared.
     */
    static double[] classColourDistances(BufferedImage out, LabelMap input, ScenePair exemplar, ScenePair baseline, int nc) {
        double[][] o = classMeans(out, input, nc);
        double[][] e = classMeans(exemplar.image(), exemplar.labels(), nc);
        double[][] b = classMeans(baseline.image(), baseline.labels(), nc);
        double de = 0;
        double db = 0;
        int shared = 0;
        for (int c = 0; c < nc; c++) {
            if (o[c] != null && e[c] != null && b[c] != null) {
                de += dist(o[c], e[c]);
                db += dist(o[c], b[c]);
                shared++;
            }
        }
        return shared == 0 ? null : new double[] {de / shared, db / shared};
    }

    /** Each class's mean RGB in [0, 1] over its pixels, or null where it covers less than {@link #MIN_SHARE}. */
    static double[][] classMeans(BufferedImage img, LabelMap labels, int nc) {
        double[][] sum = new double[nc][3];
        int[] count = new int[nc];
        int w = labels.width();
        for (int i = 0; i < labels.ids().length; i++) {
            int c = labels.ids()[i];
            if (c < 0 || c >= nc) {
                continue;
            }
            int p = img.getRGB(i % w, i / w);
            sum[c][0] += (p >> 16 & 255) / 255.0;
            sum[c][1] += (p >> 8 & 255) / 255.0;
            sum[c][2] += (p & 255) / 255.0;
            count[c]++;
        }
        double[][] out = new double[nc][];
        for (int c = 0; c < nc; c++) {
            if (count[c] >= MIN_SHARE * labels.ids().length && count[c] > 0) {
                out[c] = new double[] {sum[c][0] / count[c], sum[c][1] / count[c], sum[c][2] / count[c]};
            }
        }
        return out;
    }

    private static double dist(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < 3; k++) {
            s += (a[k] - b[k]) * (a[k] - b[k]);
        }
        return Math.sqrt(s);
    }
}
