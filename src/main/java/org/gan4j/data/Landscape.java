package org.gan4j.data;

import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * Draws gan4j's bundled training image: a mountain landscape with sky, clouds, layered ridges, a lake and a
 * forest edge, made procedurally from a seed. SinGAN learns the internal statistics of one image, so the
 * picture is built from repeated structure at several scales (ridges, trees, ripples) — the kind of image
 * SinGAN's random samples vary convincingly.
 */
public final class Landscape {

    private Landscape() {}

    /** Renders a w x h landscape; the same (w, h, seed) always gives the same pixels. */
    public static BufferedImage render(int w, int h, long seed) {
        Random rnd = new Random(seed);
        float[][] r = new float[h][w];
        float[][] g = new float[h][w];
        float[][] b = new float[h][w];
        int horizon = (int) (h * 0.62);

        // Sky: vertical gradient, warm near the horizon.
        for (int y = 0; y < horizon; y++) {
            float t = y / (float) horizon;
            for (int x = 0; x < w; x++) {
                r[y][x] = lerp(0.36f, 0.93f, t * t);
                g[y][x] = lerp(0.55f, 0.80f, t);
                b[y][x] = lerp(0.88f, 0.78f, t);
            }
        }
        // Clouds: soft elongated blobs.
        int clouds = 4 + rnd.nextInt(3);
        for (int c = 0; c < clouds; c++) {
            double cx = rnd.nextDouble() * w;
            double cy = (0.08 + rnd.nextDouble() * 0.3) * h;
            double rx = (0.08 + rnd.nextDouble() * 0.1) * w;
            double ry = rx * 0.28;
            for (int k = 0; k < 6; k++) {
                double ox = cx + (rnd.nextDouble() - 0.5) * rx * 1.4;
                double oy = cy + (rnd.nextDouble() - 0.5) * ry;
                double s = 0.5 + rnd.nextDouble() * 0.6;
                blob(r, g, b, ox, oy, rx * s, ry * s, 0.97f, 0.96f, 0.95f, 0.85f, horizon);
            }
        }
        // Ridges, far to near: fractal profiles lit from the left, darker and greener when nearer.
        float[][] ridgeColors = {{0.58f, 0.62f, 0.74f}, {0.40f, 0.46f, 0.56f}, {0.24f, 0.34f, 0.28f}};
        double[] baseHeights = {0.30, 0.42, 0.52};
        double[] roughness = {0.26, 0.20, 0.12};
        for (int layer = 0; layer < 3; layer++) {
            double[] profile = fractal(w + 1, rnd, roughness[layer] * h * 0.35);
            int peaks = 3 + rnd.nextInt(3);
            for (int k = 0; k < peaks; k++) {
                double cx = rnd.nextDouble() * w;
                double ph = (0.5 + rnd.nextDouble() * 0.5) * roughness[layer] * h;
                double pw = (0.12 + rnd.nextDouble() * 0.15) * w;
                for (int x = 0; x <= w; x++) {
                    profile[x] -= ph * Math.max(0, 1 - Math.abs(x - cx) / pw);
                }
            }
            float[] col = ridgeColors[layer];
            double peak = Double.MAX_VALUE;
            for (int x = 0; x < w; x++) {
                peak = Math.min(peak, profile[x]);
            }
            for (int x = 0; x < w; x++) {
                int top = (int) (baseHeights[layer] * h + profile[x]);
                double slope = (profile[Math.min(w, x + 3)] - profile[Math.max(0, x - 3)]) / 6;
                float light = (float) Math.max(0.7, Math.min(1.2, 1.0 + slope * 0.5));
                for (int y = Math.max(0, top); y < horizon; y++) {
                    float depth = (y - top) / (float) Math.max(1, horizon - top);
                    float grain = 0.97f + 0.03f * (float) Math.sin(x * 0.45 + y * 0.9 * (layer + 1));
                    r[y][x] = Math.min(1f, col[0] * light * grain * (1 - 0.2f * depth));
                    g[y][x] = Math.min(1f, col[1] * light * grain * (1 - 0.12f * depth));
                    b[y][x] = Math.min(1f, col[2] * light * grain * (1 - 0.05f * depth));
                }
                // Snow caps on the far ridge: the higher the column, the deeper the snow.
                if (layer == 0) {
                    int snow = (int) Math.max(0, (profile[x] - (peak + 0.12 * h)) * -0.5);
                    for (int y = Math.max(0, top); y < Math.min(horizon, top + snow); y++) {
                        float v = 0.86f + 0.1f * light;
                        r[y][x] = Math.min(1f, v);
                        g[y][x] = Math.min(1f, v);
                        b[y][x] = Math.min(1f, v + 0.04f);
                    }
                }
            }
        }
        // Lake below the horizon: mirrored scene, darkened, with horizontal ripples.
        int shore = (int) (h * 0.80);
        for (int y = horizon; y < shore; y++) {
            int src = Math.max(0, 2 * horizon - y - 1);
            for (int x = 0; x < w; x++) {
                double ripple = Math.sin(y * 1.7 + Math.sin(x * 0.21) * 1.5);
                int sx = Math.min(w - 1, Math.max(0, x + (int) Math.round(ripple * 1.2)));
                float k = 0.72f + 0.06f * (float) ripple;
                r[y][x] = r[src][sx] * k * 0.9f;
                g[y][x] = g[src][sx] * k * 0.95f;
                b[y][x] = Math.min(1f, b[src][sx] * k + 0.05f);
            }
        }
        // Meadow in front.
        for (int y = shore; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float n = (float) (0.5 + 0.5 * Math.sin(x * 0.9 + y * 2.3) * Math.sin(x * 0.37 - y * 0.7));
                float t = (y - shore) / (float) Math.max(1, h - shore);
                r[y][x] = 0.30f + 0.12f * n + 0.08f * t;
                g[y][x] = 0.45f + 0.15f * n - 0.05f * t;
                b[y][x] = 0.18f + 0.05f * n;
            }
        }
        // A forest edge along the shore: many small conifers of varied height.
        int trees = w / 4;
        for (int i = 0; i < trees; i++) {
            double tx = rnd.nextDouble() * w;
            double base = shore + rnd.nextDouble() * (h - shore) * 0.5;
            double th = (0.06 + rnd.nextDouble() * 0.09) * h;
            float dark = 0.6f + rnd.nextFloat() * 0.4f;
            tree(r, g, b, tx, base, th, dark);
        }

        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (to8(r[y][x]) << 16) | (to8(g[y][x]) << 8) | to8(b[y][x]));
            }
        }
        return img;
    }

    /** Midpoint-displacement profile of length w with amplitude about {@code amp} px. */
    private static double[] fractal(int w, Random rnd, double amp) {
        int n = 1;
        while (n < w) {
            n <<= 1;
        }
        double[] p = new double[n + 1];
        p[0] = (rnd.nextDouble() - 0.5) * amp;
        p[n] = (rnd.nextDouble() - 0.5) * amp;
        double a = amp;
        for (int step = n; step > 1; step /= 2) {
            for (int i = 0; i < n; i += step) {
                p[i + step / 2] = (p[i] + p[i + step]) / 2 + (rnd.nextDouble() - 0.5) * a;
            }
            a *= 0.58;
        }
        double[] out = new double[w];
        System.arraycopy(p, 0, out, 0, w);
        return out;
    }

    private static void blob(float[][] r, float[][] g, float[][] b, double cx, double cy, double rx, double ry,
            float cr, float cg, float cb, float opacity, int yMax) {
        int h = r.length;
        int w = r[0].length;
        for (int y = (int) Math.max(0, cy - ry * 2); y < Math.min(Math.min(h, yMax), cy + ry * 2); y++) {
            for (int x = (int) Math.max(0, cx - rx * 2); x < Math.min(w, cx + rx * 2); x++) {
                double d = Math.pow((x - cx) / rx, 2) + Math.pow((y - cy) / ry, 2);
                float a = (float) (opacity * Math.exp(-d * 1.6));
                r[y][x] = lerp(r[y][x], cr, a);
                g[y][x] = lerp(g[y][x], cg, a);
                b[y][x] = lerp(b[y][x], cb, a);
            }
        }
    }

    private static void tree(float[][] r, float[][] g, float[][] b, double tx, double base, double th, float dark) {
        int h = r.length;
        int w = r[0].length;
        double halfWidth = th * 0.28;
        for (int y = (int) Math.max(0, base - th); y < Math.min(h, base); y++) {
            double t = (y - (base - th)) / th; // 0 at the tip, 1 at the base
            double half = halfWidth * t * (0.85 + 0.15 * Math.sin(t * 18));
            for (int x = (int) Math.max(0, tx - half); x <= Math.min(w - 1, tx + half); x++) {
                float lit = x < tx ? 1.0f : 0.8f;
                r[y][x] = 0.08f * dark * lit;
                g[y][x] = 0.22f * dark * lit;
                b[y][x] = 0.12f * dark * lit;
            }
        }
        for (int y = (int) Math.max(0, base); y < Math.min(h, base + th * 0.12); y++) {
            int x = (int) Math.round(tx);
            if (x >= 0 && x < w) {
                r[y][x] = 0.25f;
                g[y][x] = 0.16f;
                b[y][x] = 0.08f;
            }
        }
    }

    private static float lerp(float a, float b, float t) {
        return a + (b - a) * t;
    }

    private static int to8(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255)));
    }
}
