package org.gan4j.mystyle;

/**
 * MyStyle++'s quantised attributes: attribute m takes P levels a_{m,p}, evenly spaced from the album's smallest
 * value to its largest, and every picture is assigned its nearest level.
 *
 * @param values level[m][p] = a_{m,p}
 * @param index  index[n][m], the level of picture n's m-th attribute
 */
public record Levels(double[][] values, int[][] index) {

    /** The paper's quantisation into {@code p} levels per attribute (p ≥ 2). */
    public static Levels quantise(AttributeTable t, int p) {
        if (p < 2) {
            throw new IllegalArgumentException("--levels must be at least 2, got " + p);
        }
        int n = t.values().length;
        int m = t.count();
        double[][] levels = new double[m][p];
        int[][] index = new int[n][m];
        for (int j = 0; j < m; j++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] row : t.values()) {
                lo = Math.min(lo, row[j]);
                hi = Math.max(hi, row[j]);
            }
            for (int q = 0; q < p; q++) {
                levels[j][q] = lo + (hi - lo) * q / (p - 1);
            }
            for (int i = 0; i < n; i++) {
                int best = 0;
                for (int q = 1; q < p; q++) {
                    if (Math.abs(t.values()[i][j] - levels[j][q]) < Math.abs(t.values()[i][j] - levels[j][best])) {
                        best = q;
                    }
                }
                index[i][j] = best;
            }
        }
        return new Levels(levels, index);
    }

    public int attributes() {
        return values.length;
    }
}
