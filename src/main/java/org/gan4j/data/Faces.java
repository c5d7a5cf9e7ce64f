package org.gan4j.data;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;

/**
 * {@code builtin:faces}: procedural faces with ground truth, shipped as code — a category to congeal
 * (GANgealing) and people to personalise a generator on (MyStyle). Picture {@code i} is variant {@code i % 10} of
 * identity {@code i / 10} ({@link #PER_IDENTITY}); any (identity, variant) can be drawn, so held-out pictures and
 * held-out people exist beyond the training set's 10,000 ({@link #DEFAULT_COUNT}).
 *
 * <p>An identity ({@link FaceIdentity}) fixes head shape, skin, hair style and colour, eye, nose and mouth styles,
 * ears and clothes; a picture ({@link FaceAttributes}) draws yaw, expression and eye opening, then places the face
 * by a random similarity (rotation up to 35°, scale 0.75–1.15, translation up to 12% of the side) and a small smooth
 * deformation, on a background of its own (a two-colour gradient and soft blobs). Keypoints follow the face
 * through the placement exactly.
 *
 * <p>Faces are drawn at 4× the requested size (at most 256 px) and averaged down in blocks.
 */
public final class Faces {

    /** The dataset's name on the command line. */
    public static final String NAME = "builtin:faces";
    /** Pictures in the training set. */
    public static final int DEFAULT_COUNT = 10_000;
    /** Pictures per identity in the indexed set. */
    public static final int PER_IDENTITY = 10;
    /** Keypoint names ("left" and "right" as seen in the picture). */
    public static final List<String> KEYPOINTS = List.of("left_eye", "right_eye", "nose", "mouth_left",
            "mouth_right", "chin", "left_ear", "right_ear", "forehead");
    /** Which keypoint each becomes in a mirrored picture. */
    public static final int[] MIRROR = {1, 0, 2, 4, 3, 5, 7, 6, 8};

    private Faces() {}

    /** Picture {@code index} of the indexed set at {@code size} px. */
    public static FaceSample sample(long index, int size) {
        return draw((int) (index / PER_IDENTITY), index % PER_IDENTITY, size);
    }

    /** Picture {@code variant} of {@code identity} at {@code size} px: the same pixels for the same arguments. */
    public static FaceSample draw(int identity, long variant, int size) {
        return draw(identity, FaceAttributes.draw(identity, variant), variant, size);
    }

    /** {@code identity} with the attributes {@code at}, on the background of its picture {@code variant}. */
    public static FaceSample draw(int identity, FaceAttributes at, long variant, int size) {
        FaceIdentity who = FaceIdentity.of(identity);
        int factor = Math.max(1, Math.min(4, 256 / size));
        int render = size * factor;
        FaceDrawing drawing = new FaceDrawing(who, at);
        int side = (int) Math.ceil(render * FaceDrawing.EXTENT * 2 * 1.2);
        BufferedImage layer = drawing.draw(side);
        Random bgRandom = new Random((0xB6L * 1_000_003 + identity) * 1_000_033 + variant);
        float[][] big = composite(layer, at, Background.draw(bgRandom), render);
        BufferedImage image = boxDown(big, render, factor);
        double[][] kp = new double[KEYPOINTS.size()][];
        for (int k = 0; k < kp.length; k++) {
            double[] q = place(drawing.keypoints()[k], at);
            kp[k] = new double[] {(q[0] + 0.5) * size - 0.5, (q[1] + 0.5) * size - 0.5};
        }
        return new FaceSample(image, kp, who, at);
    }

    /**
     * A looping clip of one identity over {@code frames} frames, as a video to propagate edits into: the head turns
     * (yaw ±0.8), tilts (±20°), grows and shrinks (0.9 .. 1.1), drifts and smiles, smoothly, on one background.
     */
    public static List<FaceSample> clip(int identity, int frames, int size) {
        FaceAttributes base = FaceAttributes.draw(identity, 0);
        List<FaceSample> out = new java.util.ArrayList<>(frames);
        for (int t = 0; t < frames; t++) {
            double p = 2 * Math.PI * t / frames;
            FaceAttributes at = new FaceAttributes(0.8 * Math.sin(p), 0.8 * Math.sin(p + 1.3), base.eyeOpening(),
                    Math.toRadians(20) * Math.sin(p + 0.7), 1.0 + 0.1 * Math.sin(p + 2.1), 0.06 * Math.sin(p + 0.4),
                    0.04 * Math.sin(p + 1.9), base.warpAmp(), base.warpPhase());
            out.add(draw(identity, at, 0, size));
        }
        return out;
    }

    /** The training set at {@code size} px, as a dataset of images. */
    public static ProceduralImages dataset(int size, int count) {
        return ProceduralImages.of("faces", size, count, i -> sample(i, size).image());
    }

    /** Where the canonical point k appears, in image sides from the centre: q = S(u) with u + d(u) = k. */
    static double[] place(double[] k, FaceAttributes at) {
        double ux = k[0];
        double uy = k[1];
        for (int it = 0; it < 30; it++) {
            double[] d = at.deformation(ux, uy);
            ux = k[0] - d[0];
            uy = k[1] - d[1];
        }
        double c = Math.cos(at.angle()) * at.scale();
        double s = Math.sin(at.angle()) * at.scale();
        return new double[] {c * ux - s * uy + at.tx(), s * ux + c * uy + at.ty()};
    }

    /** The picture at render × render: each pixel q shows the layer at D(S⁻¹(q)) over the background. */
    private static float[][] composite(BufferedImage layer, FaceAttributes at, Background bg, int render) {
        int side = layer.getWidth();
        int[] argb = ((java.awt.image.DataBufferInt) layer.getRaster().getDataBuffer()).getData();
        float[][] out = new float[3][render * render];
        double c = Math.cos(at.angle()) / at.scale();
        double s = Math.sin(at.angle()) / at.scale();
        double perUnit = side / (2 * FaceDrawing.EXTENT);
        for (int y = 0; y < render; y++) {
            double qy = (y + 0.5) / render - 0.5;
            for (int x = 0; x < render; x++) {
                double qx = (x + 0.5) / render - 0.5;
                double vx = qx - at.tx();
                double vy = qy - at.ty();
                double ux = c * vx + s * vy;
                double uy = -s * vx + c * vy;
                double[] d = at.deformation(ux, uy);
                double px = (ux + d[0] + FaceDrawing.EXTENT) * perUnit - 0.5;
                double py = (uy + d[1] + FaceDrawing.EXTENT) * perUnit - 0.5;
                float[] f = bilinear(argb, side, px, py);
                float[] b = bg.at(qx, qy);
                int i = y * render + x;
                // Premultiplied layer over the background.
                for (int ch = 0; ch < 3; ch++) {
                    out[ch][i] = f[ch] + (1 - f[3]) * b[ch];
                }
            }
        }
        return out;
    }

    /** Premultiplied RGBA (0..1) of the layer at (px, py), transparent outside. */
    private static float[] bilinear(int[] argb, int side, double px, double py) {
        int x0 = (int) Math.floor(px);
        int y0 = (int) Math.floor(py);
        float fx = (float) (px - x0);
        float fy = (float) (py - y0);
        float[] acc = new float[4];
        for (int dy = 0; dy < 2; dy++) {
            for (int dx = 0; dx < 2; dx++) {
                int xx = x0 + dx;
                int yy = y0 + dy;
                if (xx < 0 || yy < 0 || xx >= side || yy >= side) {
                    continue;
                }
                float wgt = (dx == 0 ? 1 - fx : fx) * (dy == 0 ? 1 - fy : fy);
                int p = argb[yy * side + xx];
                // The layer is premultiplied ARGB.
                acc[0] += wgt * ((p >> 16) & 255) / 255f;
                acc[1] += wgt * ((p >> 8) & 255) / 255f;
                acc[2] += wgt * (p & 255) / 255f;
                acc[3] += wgt * ((p >>> 24) & 255) / 255f;
            }
        }
        return acc;
    }

    private static BufferedImage boxDown(float[][] big, int render, int factor) {
        int size = render / factor;
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        float norm = 1f / (factor * factor);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int rgb = 0;
                for (int ch = 0; ch < 3; ch++) {
                    float sum = 0;
                    for (int dy = 0; dy < factor; dy++) {
                        for (int dx = 0; dx < factor; dx++) {
                            sum += big[ch][(y * factor + dy) * render + x * factor + dx];
                        }
                    }
                    int v = Math.round(Math.max(0, Math.min(1, sum * norm)) * 255);
                    rgb = (rgb << 8) | v;
                }
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    /** A picture's background: a gradient between two colours and a few soft blobs. */
    private record Background(float[] from, float[] to, double dirX, double dirY, double[][] blobs) {

        static Background draw(Random r) {
            double a = r.nextDouble() * 2 * Math.PI;
            double[][] blobs = new double[2 + r.nextInt(4)][];
            for (int k = 0; k < blobs.length; k++) {
                blobs[k] = new double[] {r.nextDouble() - 0.5, r.nextDouble() - 0.5, 0.08 + 0.2 * r.nextDouble(),
                    r.nextDouble(), r.nextDouble(), r.nextDouble(), 0.15 + 0.3 * r.nextDouble()};
            }
            return new Background(muted(r), muted(r), Math.cos(a), Math.sin(a), blobs);
        }

        /** A colour halfway to its own grey: backgrounds vary without outshouting the face. */
        static float[] muted(Random r) {
            float[] c = {r.nextFloat(), r.nextFloat(), r.nextFloat()};
            float grey = (c[0] + c[1] + c[2]) / 3;
            for (int k = 0; k < 3; k++) {
                c[k] = 0.5f * c[k] + 0.5f * grey;
            }
            return c;
        }

        float[] at(double x, double y) {
            float t = (float) Math.max(0, Math.min(1, 0.5 + (x * dirX + y * dirY)));
            float[] c = new float[3];
            for (int ch = 0; ch < 3; ch++) {
                c[ch] = from[ch] + (to[ch] - from[ch]) * t;
            }
            for (double[] b : blobs) {
                double d2 = ((x - b[0]) * (x - b[0]) + (y - b[1]) * (y - b[1])) / (b[2] * b[2]);
                float wgt = (float) (b[6] * Math.exp(-d2));
                for (int ch = 0; ch < 3; ch++) {
                    c[ch] += wgt * ((float) b[3 + ch] - c[ch]);
                }
            }
            return c;
        }
    }
}
