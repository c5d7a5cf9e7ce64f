package org.gan4j.data;

/**
 * {@code builtin:dsprites}: the dSprites factors drawn procedurally, deterministic per index. A sprite's centre is
 * at 0.15 + 0.7·(x, y) of the image, its size h = 0.1·scale of the image side; a square of half-side h, an ellipse
 * of semi-axes 1.2h × 0.6h, or the heart curve (x² + y² − 1)³ ≤ x²y³ scaled to about 2.2h, each turned by the
 * orientation; a pixel is on when at least half of its 4×4 sub-samples are inside. Not pixel-identical to the
 * original file (which {@link DspritesFile} reads), but the same factors, sizes and symmetries (the square repeats
 * every 90°, the ellipse every 180°).
 */
public final class DspritesDrawing implements Dsprites {

    private static final int SUB = 4;

    @Override
    public int count() {
        return COUNT;
    }

    @Override
    public void pixels(int i, float[] dst, int offset) {
        int[] c = Dsprites.classes(i);
        double[] v = Dsprites.values(c);
        draw(c[1], v[2], v[3], v[4], v[5], dst, offset);
    }

    /** Draws one sprite: shape 0 square, 1 ellipse, 2 heart. */
    static void draw(int shape, double scale, double angle, double x, double y, float[] dst, int offset) {
        double cx = 0.15 + 0.7 * x;
        double cy = 0.15 + 0.7 * y;
        double h = 0.1 * scale;
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        for (int py = 0; py < SIZE; py++) {
            for (int px = 0; px < SIZE; px++) {
                int inside = 0;
                for (int sy = 0; sy < SUB; sy++) {
                    for (int sx = 0; sx < SUB; sx++) {
                        double ux = (px + (sx + 0.5) / SUB) / SIZE - cx;
                        double uy = (py + (sy + 0.5) / SUB) / SIZE - cy;
                        // into the sprite's frame (turned by −angle), in units of h, y up
                        double a = (cos * ux + sin * uy) / h;
                        double b = -(-sin * ux + cos * uy) / h;
                        if (inside(shape, a, b)) {
                            inside++;
                        }
                    }
                }
                dst[offset + py * SIZE + px] = inside * 2 >= SUB * SUB ? 1f : 0f;
            }
        }
    }

    private static boolean inside(int shape, double a, double b) {
        switch (shape) {
            case 0:
                return Math.abs(a) <= 1 && Math.abs(b) <= 1;
            case 1:
                return (a / 1.2) * (a / 1.2) + (b / 0.6) * (b / 0.6) <= 1;
            default:
                double hx = a / 0.95;
                double hy = b / 0.95 + 0.12; // the curve spans y ∈ [−1, 1.25]: centre it
                double q = hx * hx + hy * hy - 1;
                return q * q * q <= hx * hx * hy * hy * hy;
        }
    }

    @Override
    public String describe() {
        return "builtin:dsprites (737,280 procedural 64x64 sprites: 3 shapes, 6 scales, 40 orientations, 32x32 positions)";
    }
}
