package org.gan4j.cocosnet;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;

/**
 * A picture of a correspondence: the input (its label map in colour) on the left, the exemplar on the right, and
 * for a regular grid of input positions u a line to its best match v* = argmax_v M(u, v), coloured by u's place
 * (hue by column, brightness by row) so that a consistent correspondence shows as an ordered fan of lines.
 */
public final class CorrespondencePicture {

    private CorrespondencePicture() {}

    /**
     * @param input    the left image (the input map coloured), H × W
     * @param exemplar the right image, H × W
     * @param m        the correlation of one pair (batch 1)
     * @param h        the correspondence grid's height (H/4)
     * @param w        its width
     * @param every    draw one line per {@code every} grid positions in each direction
     */
    public static BufferedImage draw(BufferedImage input, BufferedImage exemplar, Correlation m, int h, int w, int every) {
        int[] match = bestMatches(m);
        int iw = input.getWidth();
        int ih = input.getHeight();
        int gap = 8;
        BufferedImage out = new BufferedImage(2 * iw + gap, ih, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), ih);
            g.drawImage(input, 0, 0, null);
            g.drawImage(exemplar, iw + gap, 0, null);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setStroke(new BasicStroke(1f));
            double sx = (double) iw / w;
            double sy = (double) ih / h;
            for (int y = every / 2; y < h; y += every) {
                for (int x = every / 2; x < w; x += every) {
                    int v = match[y * w + x];
                    int vx = v % w;
                    int vy = v / w;
                    g.setColor(Color.getHSBColor((float) x / w, 0.9f, 0.55f + 0.45f * y / h));
                    int x0 = (int) ((x + 0.5) * sx);
                    int y0 = (int) ((y + 0.5) * sy);
                    int x1 = iw + gap + (int) ((vx + 0.5) * sx);
                    int y1 = (int) ((vy + 0.5) * sy);
                    g.drawLine(x0, y0, x1, y1);
                    g.fillOval(x0 - 2, y0 - 2, 4, 4);
                    g.fillOval(x1 - 2, y1 - 2, 4, 4);
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** argmax_v M(u, v) for every input position u (batch 1), formed in row blocks through the correlation. */
    static int[] bestMatches(Correlation m) {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            float[] f = Tensors.floats(m.bestMatches().select(0, 0).to(torch.ScalarType.Float)); // exact below 2^24
            int[] out = new int[f.length];
            for (int i = 0; i < f.length; i++) {
                out[i] = (int) f[i];
            }
            return out;
        }
    }
}
