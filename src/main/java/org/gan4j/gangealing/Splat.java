package org.gan4j.gangealing;

/**
 * Gaussian splatting of points into an image (the official {@code splat2d} CUDA kernel, here in Java): each point p
 * inside the image adds exp(−‖q − p‖²/2σ²)·value to every pixel q within 2σ of it (the window floor/ceil of
 * p ± 2σ), and the sum is divided by the summed weights (+1e−8) — or, soft-normalised, by max(1, summed weights),
 * which keeps a sparse mask's opacity below 1.
 */
final class Splat {

    private Splat() {}

    /**
     * @param points {@code [P][2]} (x, y) pixels
     * @param values {@code [P][C]}
     * @return {@code [C][h·w]}
     */
    static float[][] splat(double[][] points, float[][] values, double sigma, int h, int w, boolean softNormalize) {
        int c = values.length == 0 ? 0 : values[0].length;
        float[][] out = new float[c][h * w];
        float[] weight = new float[h * w];
        double len = 2 * sigma;
        double norm = -1 / (2 * sigma * sigma);
        for (int i = 0; i < points.length; i++) {
            double x = points[i][0];
            double y = points[i][1];
            if (!(x >= 0 && x < w && y >= 0 && y < h)) {
                continue;
            }
            int t = (int) Math.max(0, Math.floor(y - len));
            int b = (int) Math.min(h - 1, Math.ceil(y + len));
            int l = (int) Math.max(0, Math.floor(x - len));
            int r = (int) Math.min(w - 1, Math.ceil(x + len));
            for (int py = t; py <= b; py++) {
                for (int px = l; px <= r; px++) {
                    float a = (float) Math.exp(norm * ((px - x) * (px - x) + (py - y) * (py - y)));
                    weight[py * w + px] += a;
                    for (int k = 0; k < c; k++) {
                        out[k][py * w + px] += a * values[i][k];
                    }
                }
            }
        }
        for (int p = 0; p < h * w; p++) {
            float d = (softNormalize ? Math.max(1f, weight[p]) : weight[p]) + 1e-8f;
            for (int k = 0; k < c; k++) {
                out[k][p] /= d;
            }
        }
        return out;
    }
}
