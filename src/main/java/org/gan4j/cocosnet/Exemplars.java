package org.gan4j.cocosnet;

import java.util.Arrays;
import org.gan4j.data.EdgeMap;
import org.gan4j.data.LabelMap;
import org.gan4j.data.SceneDataset;

/**
 * Exemplar retrieval for training and evaluation. The official code ships its retrieved pairs as text files
 * ({@code data/ade20k_ref.txt}: for each image, similar training images, the first "easy", the last "hard") without
 * the retrieval; gan4j retrieves by label statistics: a pair's descriptor is its class histogram over the whole map
 * and over each quarter (a 1 + 2×2 spatial pyramid, each part summing to 1), and its neighbours are the
 * {@link #K} other pairs nearest in L1 distance. The easy exemplar is the nearest, the hard one the K-th. For edge
 * maps ({@link #retrieveByEdges}) the descriptor is the edge density over a spatial pyramid instead.
 */
public final class Exemplars {

    /** Neighbours kept per pair; the hard exemplar is the last. */
    public static final int K = 10;
    /** The size the label maps are read at for the descriptors. */
    public static final int SIZE = 32;

    private final int[][] neighbours; // [pairs][K], nearest first

    private Exemplars(int[][] neighbours) {
        this.neighbours = neighbours;
    }

    /** Retrieves the neighbours of every pair of {@code data} among the others (O(n²) distances). */
    public static Exemplars retrieve(SceneDataset data) {
        int n = data.size();
        int nc = data.channels();
        float[][] d = new float[n][];
        for (int i = 0; i < n; i++) {
            d[i] = descriptor(data.pair(i, SIZE, SIZE).labels(), nc);
        }
        return of(d);
    }

    /** Each descriptor's {@link #K} nearest others. */
    private static Exemplars of(float[][] d) {
        int k = Math.min(K, d.length - 1);
        int[][] out = new int[d.length][];
        for (int i = 0; i < d.length; i++) {
            out[i] = nearest(d[i], d, k, i);
        }
        return new Exemplars(out);
    }

    /**
     * Retrieves by the photos' edge maps ({@link EdgeMap#ofPhoto} at {@code size} px): the descriptor is
     * {@link #edgeDescriptor}, the neighbours the {@link #K} nearest in L1 as for labels.
     */
    public static Exemplars retrieveByEdges(SceneDataset data, int size) {
        int n = data.size();
        float[][] d = new float[n][];
        for (int i = 0; i < n; i++) {
            d[i] = edgeDescriptor(EdgeMap.ofPhoto(data.pair(i, size, size).image()));
        }
        return of(d);
    }

    /**
     * The edge density (edge pixels over pixels) of the whole map, of its 2×2 quarters and of its 4×4 cells (a
     * 1 + 4 + 16 spatial pyramid), each level divided by its number of cells so that the three weigh alike in L1:
     * images with edges in the same places (a skyline, a shore, a textured slope) are near.
     */
    public static float[] edgeDescriptor(EdgeMap m) {
        float[] out = new float[1 + 4 + 16];
        int w = m.width();
        int h = m.height();
        int at = 0;
        for (int g = 1; g <= 4; g *= 2) {
            int[] edges = new int[g * g];
            int[] pixels = new int[g * g];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int c = (y * g / h) * g + x * g / w;
                    pixels[c]++;
                    edges[c] += m.edges()[y * w + x] ? 1 : 0;
                }
            }
            for (int c = 0; c < g * g; c++) {
                out[at + c] = (float) edges[c] / Math.max(1, pixels[c]) / (g * g);
            }
            at += g * g;
        }
        return out;
    }

    /** The nearest other pair of {@code i}. */
    public int easy(int i) {
        return neighbours[i][0];
    }

    /** The {@link #K}-th nearest other pair of {@code i}. */
    public int hard(int i) {
        return neighbours[i][neighbours[i].length - 1];
    }

    /** Every pair's neighbours, nearest first (a copy). */
    public int[] neighbours(int i) {
        return neighbours[i].clone();
    }

    /**
     * The class histogram of the whole map, then of its four quarters, each normalised to sum 1; ids ≥
     * {@code channels} (none in checked data) are skipped.
     */
    public static float[] descriptor(LabelMap m, int channels) {
        float[] h = new float[5 * channels];
        int w = m.width();
        int ht = m.height();
        int[] count = new int[5];
        for (int y = 0; y < ht; y++) {
            for (int x = 0; x < w; x++) {
                int c = m.ids()[y * w + x];
                if (c < 0 || c >= channels) {
                    continue;
                }
                int q = 1 + (y * 2 / ht) * 2 + x * 2 / w;
                h[c]++;
                h[q * channels + c]++;
                count[0]++;
                count[q]++;
            }
        }
        for (int p = 0; p < 5; p++) {
            for (int c = 0; c < channels; c++) {
                h[p * channels + c] /= Math.max(1, count[p]);
            }
        }
        return h;
    }

    /** The indices of the {@code k} descriptors nearest to {@code q} in L1, nearest first, skipping {@code exclude} (−1: none). */
    public static int[] nearest(float[] q, float[][] all, int k, int exclude) {
        int[] best = new int[k];
        double[] bestD = new double[k];
        Arrays.fill(best, -1);
        Arrays.fill(bestD, Double.POSITIVE_INFINITY);
        for (int j = 0; j < all.length; j++) {
            if (j == exclude) {
                continue;
            }
            double s = 0;
            float[] a = all[j];
            for (int t = 0; t < q.length; t++) {
                s += Math.abs(q[t] - a[t]);
            }
            if (s < bestD[k - 1]) { // insert, keeping the order (ties: the lower index first)
                int p = k - 1;
                while (p > 0 && bestD[p - 1] > s) {
                    bestD[p] = bestD[p - 1];
                    best[p] = best[p - 1];
                    p--;
                }
                bestD[p] = s;
                best[p] = j;
            }
        }
        return best;
    }
}
