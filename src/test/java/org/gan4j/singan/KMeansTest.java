package org.gan4j.singan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** k-means on synthetic colour clusters with known centres. */
class KMeansTest {

    private static final double[][] TRUE = {
        {-0.8, -0.8, -0.8}, {0.8, -0.6, -0.5}, {-0.5, 0.7, -0.4}, {-0.3, -0.2, 0.9}, {0.7, 0.8, 0.6}};

    /** 600 points per cluster, N(centre, 0.05²) per coordinate, shuffled. */
    private static float[] points(long seed, int[] truth) {
        Random r = new Random(seed);
        int per = truth.length / TRUE.length;
        float[] x = new float[truth.length * 3];
        Integer[] order = new Integer[truth.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Collections.shuffle(Arrays.asList(order), r);
        for (int i = 0; i < truth.length; i++) {
            int c = order[i] / per;
            truth[i] = c;
            for (int d = 0; d < 3; d++) {
                x[3 * i + d] = (float) (TRUE[c][d] + 0.05 * r.nextGaussian());
            }
        }
        return x;
    }

    @Test
    void findsKnownClusters() {
        int[] truth = new int[3000];
        float[] x = points(1, truth);
        KMeans.Fit f = KMeans.fit(x, 5, 0, 10);
        // Every true centre has a found centre within 10 standard errors of a 600-point mean (σ 0.05 per
        // coordinate: 0.05/sqrt(600) = 0.002; measured at most 0.0051), and the labels are the true partition.
        int[] map = new int[5];
        for (int c = 0; c < 5; c++) {
            double best = Double.MAX_VALUE;
            for (int k = 0; k < 5; k++) {
                double d = 0;
                for (int j = 0; j < 3; j++) {
                    d += Math.pow(f.centers()[k][j] - TRUE[c][j], 2);
                }
                if (d < best) {
                    best = d;
                    map[c] = k;
                }
            }
            assertThat(Math.sqrt(best)).as("centre " + c).isLessThan(10 * 0.05 / Math.sqrt(600));
        }
        assertThat(new HashSet<>(Arrays.asList(Arrays.stream(map).boxed().toArray()))).hasSize(5);
        for (int i = 0; i < truth.length; i++) {
            assertThat(f.labels()[i]).isEqualTo(map[truth[i]]);
        }
        // Same seed, same answer.
        assertThat(KMeans.fit(x, 5, 0, 10).labels()).isEqualTo(f.labels());
    }

    @Test
    void quantizedPointsTakeExactlyTheCentres() {
        int[] truth = new int[1000];
        KMeans.Fit f = KMeans.fit(points(2, truth), 5, 3, 10);
        float[] q = f.quantized();
        Set<String> colours = new HashSet<>();
        for (int i = 0; i < q.length; i += 3) {
            colours.add(q[i] + "," + q[i + 1] + "," + q[i + 2]);
            // each point becomes the centre of its own cluster
            for (int d = 0; d < 3; d++) {
                assertThat(q[i + d]).isEqualTo((float) f.centers()[f.labels()[i / 3]][d]);
            }
        }
        assertThat(colours).hasSize(5);
    }

    @Test
    void refitFromCentresKeepsTheirOrder() {
        // The official quant2centers: k-means on the painting started from the real image's centres; each
        // painted cluster keeps the index of the centre it started nearest to, even when shifted.
        int[] truth = new int[1000];
        float[] x = points(3, truth);
        for (int i = 0; i < x.length; i++) {
            x[i] += 0.1f; // the painting's colours are off by a bit
        }
        KMeans.Fit f = KMeans.refit(x, TRUE);
        for (int i = 0; i < truth.length; i++) {
            assertThat(f.labels()[i]).isEqualTo(truth[i]);
        }
    }

    @Test
    void anEmptyClusterTakesTheFarthestPoint() {
        float[] x = {0, 0, 0, 0, 0, 0.1f, 1, 1, 1};
        KMeans.Fit f = KMeans.lloyd(x, new double[][] {{0, 0, 0}, {5, 5, 5}, {0.5, 0.5, 0.5}}, 0);
        assertThat(Arrays.stream(f.labels()).distinct().count()).isEqualTo(3);
        assertThat(f.inertia()).isZero();
    }
}
