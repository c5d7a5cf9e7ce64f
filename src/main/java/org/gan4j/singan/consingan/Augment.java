package org.gan4j.singan.consingan;

import java.util.Random;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.Tensors;

/**
 * The official harmonization augmentation (functions.Augment.strong_aug, albumentations), drawn anew for every
 * training iteration on the coarsest training image x_0:
 * <pre>
 *   with p 0.25 one of (weights 0.5 : 0.5 : 0.5 : 0.1)
 *       one of  multiplicative noise ×U(0.5,1.5) per value (0.2) | additive N(0, σ), σ ~ U(2.55, 12.75), one
 *               draw per pixel (0.5) | additive N(0, √v), v ~ U(10, 50), per value (0.5)
 *       one of  invert 255 − x | sepia
 *       one of  one channel set to 0 | channels shuffled
 *       hue ±20 (OpenCV 8-bit units, ×2°), saturation ±30, value ±20 (of 255)
 *   then with p 0.9 Cutout: 1 hole of 30–60 px or 2 of 15–30 px (each side), one random colour
 * </pre>
 * on values 0..255, clipped to 0..255 after the first group.
 */
// DEVIATION: the official code hands albumentations a float64 image in 0..255, on which several transforms
// assume floats in 0..1 (they clip to 1.0 or treat hues as degrees); gan4j applies each transform as it is meant for
// an 8-bit image, on 0..255 floats.
final class Augment {

    private static final double[][] SEPIA = {
        {0.393, 0.769, 0.189}, {0.349, 0.686, 0.168}, {0.272, 0.534, 0.131}};

    private Augment() {}

    /** augment(x): x [1,3,H,W] in [-1,1] → a new [1,3,H,W] in [-1,1]. */
    static Tensor apply(Tensor x, Random r) {
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        float[] v = Tensors.floats(x.contiguous());
        double[] p = new double[v.length]; // CHW, 0..255
        for (int i = 0; i < v.length; i++) {
            p[i] = (Math.max(-1, Math.min(1, v[i])) + 1) * 127.5;
        }
        int hw = h * w;
        if (r.nextDouble() < 0.25) {
            switch (choice(r, 0.5, 0.5, 0.5, 0.1)) {
                case 0 -> noise(p, hw, r);
                case 1 -> {
                    if (r.nextBoolean()) {
                        for (int i = 0; i < p.length; i++) {
                            p[i] = 255 - p[i];
                        }
                    } else {
                        sepia(p, hw);
                    }
                }
                case 2 -> {
                    if (r.nextBoolean()) {
                        int ch = r.nextInt(3); // ChannelDropout(channel_drop_range=(1, 1), fill_value=0)
                        java.util.Arrays.fill(p, ch * hw, (ch + 1) * hw, 0);
                    } else {
                        shuffleChannels(p, hw, r);
                    }
                }
                default -> hsv(p, hw, r.nextDouble() * 40 - 20, r.nextDouble() * 60 - 30, r.nextDouble() * 40 - 20);
            }
            for (int i = 0; i < p.length; i++) {
                p[i] = Math.max(0, Math.min(255, p[i]));
            }
        }
        if (r.nextDouble() < 0.9) {
            cutout(p, h, w, r);
        }
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = (float) (p[i] / 127.5 - 1);
        }
        return Tensors.of(out, 1, 3, h, w);
    }

    /** Index i with probability weights[i] / Σ weights (albumentations OneOf). */
    static int choice(Random r, double... weights) {
        double sum = 0;
        for (double x : weights) {
            sum += x;
        }
        double u = r.nextDouble() * sum;
        for (int i = 0; i < weights.length - 1; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static void noise(double[] p, int hw, Random r) {
        switch (choice(r, 0.2, 0.5, 0.5)) {
            case 0 -> { // MultiplicativeNoise(multiplier=[0.5, 1.5], elementwise=True, per_channel=True)
                for (int i = 0; i < p.length; i++) {
                    p[i] *= 0.5 + r.nextDouble();
                }
            }
            case 1 -> { // IAAAdditiveGaussianNoise(loc 0, scale (0.01·255, 0.05·255)), the same draw in every channel
                double sigma = 2.55 + r.nextDouble() * (12.75 - 2.55);
                for (int i = 0; i < hw; i++) {
                    double n = r.nextGaussian() * sigma;
                    for (int ch = 0; ch < 3; ch++) {
                        p[ch * hw + i] += n;
                    }
                }
            }
            default -> { // GaussNoise(var_limit=(10, 50))
                double sigma = Math.sqrt(10 + r.nextDouble() * 40);
                for (int i = 0; i < p.length; i++) {
                    p[i] += r.nextGaussian() * sigma;
                }
            }
        }
    }

    /** ToSepia: rgb' = S · rgb. */
    private static void sepia(double[] p, int hw) {
        for (int i = 0; i < hw; i++) {
            double[] rgb = {p[i], p[hw + i], p[2 * hw + i]};
            for (int ch = 0; ch < 3; ch++) {
                p[ch * hw + i] = SEPIA[ch][0] * rgb[0] + SEPIA[ch][1] * rgb[1] + SEPIA[ch][2] * rgb[2];
            }
        }
    }

    private static void shuffleChannels(double[] p, int hw, Random r) {
        int[] perm = {0, 1, 2};
        for (int i = 2; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        double[] copy = p.clone();
        for (int ch = 0; ch < 3; ch++) {
            System.arraycopy(copy, perm[ch] * hw, p, ch * hw, hw);
        }
    }

    /**
     * HueSaturationValue on 8-bit HSV (OpenCV: H in 0..180, S and V in 0..255): H + dh mod 180, S + ds, V + dv,
     * each clipped.
     */
    static void hsv(double[] p, int hw, double dh, double ds, double dv) {
        for (int i = 0; i < hw; i++) {
            double rr = p[i] / 255;
            double gg = p[hw + i] / 255;
            double bb = p[2 * hw + i] / 255;
            double max = Math.max(rr, Math.max(gg, bb));
            double min = Math.min(rr, Math.min(gg, bb));
            double d = max - min;
            double hue; // degrees
            if (d == 0) {
                hue = 0;
            } else if (max == rr) {
                hue = 60 * (((gg - bb) / d) % 6);
            } else if (max == gg) {
                hue = 60 * ((bb - rr) / d + 2);
            } else {
                hue = 60 * ((rr - gg) / d + 4);
            }
            double sat = max == 0 ? 0 : d / max;
            hue = ((hue + 2 * dh) % 360 + 360) % 360;
            sat = Math.max(0, Math.min(1, sat + ds / 255));
            double val = Math.max(0, Math.min(1, max + dv / 255));
            double c = val * sat;
            double x = c * (1 - Math.abs((hue / 60) % 2 - 1));
            double m = val - c;
            double[] rgb = switch ((int) (hue / 60) % 6) {
                case 0 -> new double[] {c, x, 0};
                case 1 -> new double[] {x, c, 0};
                case 2 -> new double[] {0, c, x};
                case 3 -> new double[] {0, x, c};
                case 4 -> new double[] {x, 0, c};
                default -> new double[] {c, 0, x};
            };
            for (int ch = 0; ch < 3; ch++) {
                p[ch * hw + i] = (rgb[ch] + m) * 255;
            }
        }
    }

    /**
     * Cutout(num_holes, max_h_size, max_w_size, fill_value=[r, g, b]) with the official draws: one hole of
     * 30–60 px a side or two of 15–30 px, centred on random pixels and clipped to the image.
     */
    static void cutout(double[] p, int h, int w, Random r) {
        int holes = 1 + r.nextInt(2);
        int sh = holes == 2 ? 15 + r.nextInt(16) : 30 + r.nextInt(31);
        int sw = holes == 2 ? 15 + r.nextInt(16) : 30 + r.nextInt(31);
        double[] colour = {r.nextInt(256), r.nextInt(256), r.nextInt(256)};
        int hw = h * w;
        for (int k = 0; k < holes; k++) {
            int y = r.nextInt(h);
            int x = r.nextInt(w);
            int y1 = Math.max(0, Math.min(h, y - sh / 2));
            int y2 = Math.max(0, Math.min(h, y1 + sh));
            int x1 = Math.max(0, Math.min(w, x - sw / 2));
            int x2 = Math.max(0, Math.min(w, x1 + sw));
            for (int ch = 0; ch < 3; ch++) {
                for (int yy = y1; yy < y2; yy++) {
                    for (int xx = x1; xx < x2; xx++) {
                        p[ch * hw + yy * w + xx] = colour[ch];
                    }
                }
            }
        }
    }
}
