package org.gan4j.gangealing;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.Tensors;

/**
 * Dense correspondence between two images through the congealed frame, and a picture of it: a grid of points
 * on A, carried to B ({@link PointTransfer#transfer}), drawn as dots of one colour per point (hue by position) on
 * A and B side by side, joined by thin lines.
 */
public final class Correspondences {

    private Correspondences() {}

    /** A {@code g × g} grid of points over an image of side {@code s} (cell centres), {@code [1,g²,2]}. */
    public static Tensor grid(int g, int s) {
        float[] f = new float[g * g * 2];
        for (int i = 0; i < g; i++) {
            for (int j = 0; j < g; j++) {
                f[(i * g + j) * 2] = (float) ((j + 0.5) * s / g - 0.5);
                f[(i * g + j) * 2 + 1] = (float) ((i + 0.5) * s / g - 0.5);
            }
        }
        return Tensors.of(f, 1, g * g, 2);
    }

    /** A and B side by side with matching points {@code [P][2]} each (pixels of A and of B). */
    public static BufferedImage picture(BufferedImage a, BufferedImage b, float[] pa, float[] pb, int scale) {
        int s = a.getWidth() * scale;
        BufferedImage out = new BufferedImage(2 * s, s, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.drawImage(a, 0, 0, s, s, null);
        g.drawImage(b, s, 0, s, s, null);
        int n = pa.length / 2;
        double r = Math.max(1.5, scale * 0.9);
        for (int k = 0; k < n; k++) {
            double ax = (pa[2 * k] + 0.5) * scale;
            double ay = (pa[2 * k + 1] + 0.5) * scale;
            double bx = (pb[2 * k] + 0.5) * scale + s;
            double by = (pb[2 * k + 1] + 0.5) * scale;
            Color c = Color.getHSBColor((float) k / n, 0.85f, 1f);
            g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 90));
            g.setStroke(new BasicStroke(1f));
            g.draw(new Line2D.Double(ax, ay, bx, by));
            g.setColor(c);
            g.fill(new Ellipse2D.Double(ax - r, ay - r, 2 * r, 2 * r));
            g.fill(new Ellipse2D.Double(bx - r, by - r, 2 * r, 2 * r));
        }
        g.dispose();
        return out;
    }
}
