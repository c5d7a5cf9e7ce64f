package org.gan4j.data;

import java.util.Random;

/**
 * The noise {@link Scenes} is drawn with: 1-D fractal value noise for ridges and shorelines, and two fixed
 * tileable 2-D textures (coarse patches and fine grain) that the renderer samples at offsets chosen by the
 * style, so no noise is computed per pixel.
 */
final class SceneNoise {

    /** Side of the 2-D textures (a power of two). */
    static final int SIZE = 512;
    static final int MASK = SIZE - 1;
    /** Features of 8 to 128 texels, values in about [0, 1]. */
    static final float[] COARSE = texture(0xC0A75EL, 8, 5, 0.55f);
    /** Features of 1 to 8 texels, values in about [0, 1]. */
    static final float[] FINE = texture(0xF1AEL, 1, 4, 0.6f);

    private SceneNoise() {}

    /** The texture at integer texel (x, y), wrapping around. */
    static float at(float[] t, int x, int y) {
        return t[(y & MASK) << 9 | (x & MASK)];
    }

    /** The texture at (x, y), bilinearly interpolated, wrapping around. */
    static float smooth(float[] t, float x, float y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        float fx = x - x0;
        float fy = y - y0;
        float a = at(t, x0, y0);
        float b = at(t, x0 + 1, y0);
        float c = at(t, x0, y0 + 1);
        float d = at(t, x0 + 1, y0 + 1);
        float top = a + (b - a) * fx;
        float bottom = c + (d - c) * fx;
        return top + (bottom - top) * fy;
    }

    /** A tileable fractal value-noise texture: {@code octaves} octaves from cell size {@code cell·2^(octaves-1)}. */
    private static float[] texture(long seed, int finest, int octaves, float persistence) {
        Random rnd = new Random(seed);
        float[] out = new float[SIZE * SIZE];
        float amp = 1;
        float total = 0;
        for (int o = octaves - 1; o >= 0; o--) {
            int cell = finest << o;
            int n = Math.max(1, SIZE / cell);
            float[] lattice = new float[n * n];
            for (int i = 0; i < lattice.length; i++) {
                lattice[i] = rnd.nextFloat();
            }
            for (int y = 0; y < SIZE; y++) {
                int cy = y / cell;
                float fy = fade((y % cell) / (float) cell);
                int r0 = (cy % n) * n;
                int r1 = ((cy + 1) % n) * n;
                for (int x = 0; x < SIZE; x++) {
                    int cx = x / cell;
                    float fx = fade((x % cell) / (float) cell);
                    int c0 = cx % n;
                    int c1 = (cx + 1) % n;
                    float top = lattice[r0 + c0] + (lattice[r0 + c1] - lattice[r0 + c0]) * fx;
                    float bottom = lattice[r1 + c0] + (lattice[r1 + c1] - lattice[r1 + c0]) * fx;
                    out[y * SIZE + x] += amp * (top + (bottom - top) * fy);
                }
            }
            total += amp;
            amp *= persistence;
        }
        // Stretch to about [0, 1]: the sum of octaves clusters around the middle.
        float mean = 0;
        for (float v : out) {
            mean += v;
        }
        mean /= out.length;
        float var = 0;
        for (float v : out) {
            var += (v - mean) * (v - mean);
        }
        float sd = (float) Math.sqrt(var / out.length);
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(0f, Math.min(1f, 0.5f + (out[i] - mean) / (sd * 4f)));
        }
        return out;
    }

    private static float fade(float t) {
        return t * t * (3 - 2 * t);
    }

    /** 1-D fractal value noise on [0, 1], values in about [-1, 1]. */
    static final class Line {
        private final double[][] lattice;

        /** {@code octaves} octaves, the coarsest with {@code cells} cells over [0, 1]; draws from {@code rnd}. */
        Line(Random rnd, int cells, int octaves) {
            lattice = new double[octaves][];
            for (int o = 0; o < octaves; o++) {
                double[] l = new double[(cells << o) + 2];
                for (int i = 0; i < l.length; i++) {
                    l[i] = rnd.nextDouble() * 2 - 1;
                }
                lattice[o] = l;
            }
        }

        double at(double u) {
            double t = Math.max(0, Math.min(1, u));
            double sum = 0;
            double amp = 1;
            double total = 0;
            for (double[] l : lattice) {
                double p = t * (l.length - 2);
                int i = (int) p;
                double f = p - i;
                f = f * f * (3 - 2 * f);
                sum += amp * (l[i] + (l[i + 1] - l[i]) * f);
                total += amp;
                amp *= 0.5;
            }
            return sum / total;
        }
    }
}
