package org.gan4j.singan;

import java.util.Arrays;
import java.util.Random;

/**
 * k-means on 3-D points (RGB colours), as scikit-learn's {@code KMeans} that the official paint-to-image code
 * calls: k-means++ seeding (greedy, 2 + ln k candidates per centre), Lloyd iterations until the squared centre
 * shift falls to {@code 1e-4 · mean variance} or the labels stop changing (at most 300), empty clusters moved to
 * the farthest points, best of {@code nInit} seedings by inertia. Seeded, so repeatable; not the same random
 * stream as scikit-learn's, so centres can differ where the clustering is ambiguous.
 */
public final class KMeans {

    /** scikit-learn's defaults. */
    static final int MAX_ITER = 300;
    static final double TOL = 1e-4;

    /**
     * A clustering.
     *
     * @param centers k x 3
     * @param labels  index of each point's centre
     * @param inertia sum of squared distances of the points to their centres
     */
    public record Fit(double[][] centers, int[] labels, double inertia) {

        /** The points replaced by their centres: N x 3, row-major. */
        public float[] quantized() {
            float[] out = new float[labels.length * 3];
            for (int i = 0; i < labels.length; i++) {
                for (int d = 0; d < 3; d++) {
                    out[3 * i + d] = (float) centers[labels[i]][d];
                }
            }
            return out;
        }
    }

    private KMeans() {}

    /**
     * {@code KMeans(n_clusters=k, random_state=seed).fit(points)}.
     *
     * @param points N x 3, row-major (N ≥ k)
     * @param nInit  seedings to try (scikit-learn before 1.4: 10)
     */
    public static Fit fit(float[] points, int k, long seed, int nInit) {
        int n = points.length / 3;
        if (n < k || points.length % 3 != 0) {
            throw new IllegalArgumentException("k-means: need at least " + k + " 3-D points, got " + points.length
                    + " values");
        }
        Random rnd = new Random(seed);
        double tol = TOL * meanVariance(points);
        Fit best = null;
        for (int run = 0; run < nInit; run++) {
            Fit f = lloyd(points, plusPlus(points, k, rnd), tol);
            if (best == null || f.inertia() < best.inertia()) {
                best = f;
            }
        }
        return best;
    }

    /**
     * {@code KMeans(n_clusters=k, init=centers, n_init=1).fit(points)}: Lloyd iterations from the given centres.
     * The official quant2centers uses this fit's labels with the original centres.
     */
    public static Fit refit(float[] points, double[][] centers) {
        double[][] init = new double[centers.length][];
        for (int c = 0; c < centers.length; c++) {
            init[c] = centers[c].clone();
        }
        return lloyd(points, init, TOL * meanVariance(points));
    }

    /** Greedy k-means++ (scikit-learn's _kmeans_plusplus). */
    static double[][] plusPlus(float[] x, int k, Random rnd) {
        int n = x.length / 3;
        int trials = 2 + (int) Math.log(k);
        double[][] centers = new double[k][];
        centers[0] = point(x, rnd.nextInt(n));
        double[] closest = new double[n];
        double pot = 0;
        for (int i = 0; i < n; i++) {
            closest[i] = dist2(x, i, centers[0]);
            pot += closest[i];
        }
        double[] cum = new double[n];
        double[] cand = new double[n];
        for (int c = 1; c < k; c++) {
            double run = 0;
            for (int i = 0; i < n; i++) {
                run += closest[i];
                cum[i] = run;
            }
            double bestPot = Double.POSITIVE_INFINITY;
            int bestId = -1;
            double[] bestClosest = null;
            for (int t = 0; t < trials; t++) {
                int id = search(cum, rnd.nextDouble() * pot);
                double[] p = point(x, id);
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    cand[i] = Math.min(closest[i], dist2(x, i, p));
                    sum += cand[i];
                }
                if (sum < bestPot) {
                    bestPot = sum;
                    bestId = id;
                    bestClosest = cand.clone();
                }
            }
            centers[c] = point(x, bestId);
            closest = bestClosest;
            pot = bestPot;
        }
        return centers;
    }

    /** Lloyd's algorithm from {@code centers} (modified in place); labels match the returned centres. */
    static Fit lloyd(float[] x, double[][] centers, double tol) {
        int n = x.length / 3;
        int k = centers.length;
        int[] labels = new int[n];
        Arrays.fill(labels, -1);
        for (int iter = 0; iter < MAX_ITER; iter++) {
            boolean changed = assign(x, centers, labels);
            double[][] sums = new double[k][3];
            int[] counts = new int[k];
            for (int i = 0; i < n; i++) {
                counts[labels[i]]++;
                for (int d = 0; d < 3; d++) {
                    sums[labels[i]][d] += x[3 * i + d];
                }
            }
            relocateEmpty(x, centers, labels, sums, counts);
            double shift = 0;
            for (int c = 0; c < k; c++) {
                if (counts[c] == 0) {
                    continue; // fewer distinct points than clusters: the centre stays
                }
                for (int d = 0; d < 3; d++) {
                    double v = sums[c][d] / counts[c];
                    shift += (v - centers[c][d]) * (v - centers[c][d]);
                    centers[c][d] = v;
                }
            }
            if (!changed && iter > 0 || shift <= tol) {
                break;
            }
        }
        assign(x, centers, labels); // the final labels belong to the final centres, as scikit-learn's
        double inertia = 0;
        for (int i = 0; i < n; i++) {
            inertia += dist2(x, i, centers[labels[i]]);
        }
        return new Fit(centers, labels, inertia);
    }

    /** Nearest centre of every point (ties to the lower index); true if any label changed. */
    private static boolean assign(float[] x, double[][] centers, int[] labels) {
        boolean changed = false;
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            double bd = dist2(x, i, centers[0]);
            for (int c = 1; c < centers.length; c++) {
                double d = dist2(x, i, centers[c]);
                if (d < bd) {
                    bd = d;
                    best = c;
                }
            }
            changed |= labels[i] != best;
            labels[i] = best;
        }
        return changed;
    }

    /** An empty cluster takes the point farthest from its own centre (scikit-learn's relocation). */
    private static void relocateEmpty(float[] x, double[][] centers, int[] labels, double[][] sums, int[] counts) {
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] > 0) {
                continue;
            }
            int far = -1;
            double fd = -1;
            for (int i = 0; i < labels.length; i++) {
                double d = dist2(x, i, centers[labels[i]]);
                if (counts[labels[i]] > 1 && d > fd) {
                    fd = d;
                    far = i;
                }
            }
            if (far < 0) {
                continue; // fewer distinct points than clusters
            }
            int from = labels[far];
            counts[from]--;
            for (int d = 0; d < 3; d++) {
                sums[from][d] -= x[3 * far + d];
                sums[c][d] = x[3 * far + d];
            }
            counts[c] = 1;
            labels[far] = c;
        }
    }

    private static double meanVariance(float[] x) {
        int n = x.length / 3;
        double total = 0;
        for (int d = 0; d < 3; d++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += x[3 * i + d];
            }
            mean /= n;
            double var = 0;
            for (int i = 0; i < n; i++) {
                var += (x[3 * i + d] - mean) * (x[3 * i + d] - mean);
            }
            total += var / n;
        }
        return total / 3;
    }

    /** First index whose cumulative sum is ≥ v (numpy searchsorted, clipped to the last index). */
    private static int search(double[] cum, double v) {
        int i = Arrays.binarySearch(cum, v);
        if (i < 0) {
            i = -i - 1;
        } else {
            while (i > 0 && cum[i - 1] == v) {
                i--;
            }
        }
        return Math.min(i, cum.length - 1);
    }

    private static double[] point(float[] x, int i) {
        return new double[] {x[3 * i], x[3 * i + 1], x[3 * i + 2]};
    }

    private static double dist2(float[] x, int i, double[] c) {
        double a = x[3 * i] - c[0];
        double b = x[3 * i + 1] - c[1];
        double d = x[3 * i + 2] - c[2];
        return a * a + b * b + d * d;
    }
}
