package org.gan4j.gangealing;

import java.awt.image.BufferedImage;
import java.util.Locale;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.torch.Tensors;

/**
 * An edit drawn once on the average congealed image, carried into every image ({@code propagate_to_images.py}): the
 * edit's drawn pixels (alpha &gt; 0) are points of the congealed frame; each goes back into the image through its
 * sampling grid (after the flip choice), and the points are splatted there with their colours (Gaussian σ) and
 * blended over the image by their alpha × opacity — alpha compositing or Laplacian pyramid blending.
 */
public final class EditPropagation {

    /** How the splatted edit is merged into the image. */
    public enum Blend {
        ALPHA, LAPLACIAN;

        public static Blend parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "alpha" -> ALPHA;
                case "laplacian" -> LAPLACIAN;
                default -> throw new Gan4jException("--blend must be alpha or laplacian, got '" + s + "'");
            };
        }
    }

    /**
     * The official defaults: σ 1.3, opacity 0.75.
     *
     * @param cluster for a K-head model, the cluster whose average image the edit was drawn on (every image goes
     *                through that head, mirrored when its classifier or flow says so); −1 for one head
     */
    public record Options(double sigma, double opacity, Blend blend, int iters, boolean tryFlips, int cluster) {
        public static Options defaults() {
            return new Options(1.3, 0.75, Blend.ALPHA, 1, true, -1);
        }

        public Options withCluster(int k) {
            return new Options(sigma, opacity, blend, iters, tryFlips, k);
        }
    }

    /** The edit's drawn pixels as congealed-frame points (normalised for images of side {@code res}), colours and alphas. */
    record Edit(double[][] pixels, float[][] colours, float[][] alphas, int side) {

        static Edit of(BufferedImage rgba) {
            if (rgba.getWidth() != rgba.getHeight()) {
                throw new Gan4jException("the edit must be square (drawn on the average congealed image), got "
                        + rgba.getWidth() + "x" + rgba.getHeight());
            }
            int s = rgba.getWidth();
            boolean transparent = false;
            java.util.List<double[]> pts = new java.util.ArrayList<>();
            java.util.List<float[]> cols = new java.util.ArrayList<>();
            java.util.List<float[]> as = new java.util.ArrayList<>();
            for (int y = 0; y < s; y++) {
                for (int x = 0; x < s; x++) {
                    int p = rgba.getRGB(x, y);
                    int a = (p >>> 24) & 255;
                    transparent |= a < 255;
                    if (a == 0) {
                        continue;
                    }
                    pts.add(new double[] {x, y});
                    cols.add(new float[] {((p >> 16) & 255) / 127.5f - 1, ((p >> 8) & 255) / 127.5f - 1, (p & 255) / 127.5f - 1});
                    as.add(new float[] {a / 255f});
                }
            }
            if (!transparent) {
                throw new Gan4jException("the edit is opaque everywhere: draw it on a transparent layer (an RGBA PNG);"
                        + " only pixels with alpha > 0 propagate");
            }
            if (pts.isEmpty()) {
                throw new Gan4jException("the edit has no drawn pixels (every alpha is 0)");
            }
            return new Edit(pts.toArray(new double[0][]), cols.toArray(new float[0][]), as.toArray(new float[0][]), s);
        }

        Tensor normalised(int res, long n) {
            float[] f = new float[pixels.length * 2];
            for (int i = 0; i < pixels.length; i++) {
                f[2 * i] = (float) pixels[i][0];
                f[2 * i + 1] = (float) pixels[i][1];
            }
            Tensor p = Tensors.of(f, 1, pixels.length, 2).expand(new long[] {n, pixels.length, 2});
            return PointTransfer.normalize(p, res, side);
        }
    }

    private EditPropagation() {}

    /**
     * @param images {@code [N,3,S,S]} at the model's input size, in [−1, 1]
     * @param edit   an RGBA image drawn on the average congealed image (any square size)
     * @return the images with the edit, {@code [N,3,S,S]}
     */
    public static Tensor propagate(GangealingModel m, Tensor images, BufferedImage edit, Options o) {
        Edit e = Edit.of(edit);
        long n = images.size(0);
        int s = (int) images.size(-1);
        Tensor isMirrored;
        Tensor assign = null;
        if (m.heads() > 1) { // the official propagate_to_images with a cluster: its head, flips for that cluster
            if (o.cluster() < 0) {
                throw new Gan4jException("this model has " + m.heads() + " clusters: say which one's average image the"
                        + " edit was drawn on (--cluster 0–" + (m.heads() - 1) + ")");
            }
            isMirrored = o.tryFlips() ? m.flipsFor(images, o.cluster())
                    : Tensors.zeros(n).to(torch.ScalarType.Bool);
            assign = Tensors.full(torch.ScalarType.Long, o.cluster(), n);
        } else {
            isMirrored = m.congeal(images, images, new Warping(0, null, null, o.iters()), o.tryFlips()).mirrored();
        }
        float[] mirrored = Tensors.floats(isMirrored.to(torch.ScalarType.Float).contiguous());
        Tensor flipped = torch.where(isMirrored.view(-1, 1, 1, 1), images.flip(new long[] {3}), images);
        Tensor pts = PointTransfer.uncongealNormalised(m.stn(), flipped, flipped, e.normalised(s, n), o.iters(), assign);
        float[] xy = Tensors.floats(pts.contiguous());
        int np = e.pixels().length;
        float[] objects = new float[(int) n * 3 * s * s];
        float[] masks = new float[(int) n * s * s];
        for (int i = 0; i < n; i++) {
            double[][] p = new double[np][];
            for (int k = 0; k < np; k++) {
                double x = xy[(i * np + k) * 2];
                p[k] = new double[] {mirrored[i] > 0.5f ? s - 1 - x : x, xy[(i * np + k) * 2 + 1]};
            }
            float[][] obj = Splat.splat(p, e.colours(), o.sigma(), s, s, false);
            float[][] mask = Splat.splat(p, e.alphas(), o.sigma(), s, s, true);
            for (int ch = 0; ch < 3; ch++) {
                System.arraycopy(obj[ch], 0, objects, (i * 3 + ch) * s * s, s * s);
            }
            for (int q = 0; q < s * s; q++) {
                masks[i * s * s + q] = (float) (mask[0][q] * o.opacity());
            }
        }
        Tensor obj = Tensors.of(objects, n, 3, s, s);
        Tensor mask = Tensors.of(masks, n, 1, s, s);
        return switch (o.blend()) {
            case ALPHA -> mask.mul(obj).add(mask.neg().add(Tensors.s(1.0)).mul(images));
            case LAPLACIAN -> LaplacianBlend.blend(images, obj, mask);
        };
    }
}
