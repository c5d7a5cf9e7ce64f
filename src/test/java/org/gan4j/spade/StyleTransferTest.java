package org.gan4j.spade;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.data.LabelMap;
import org.gan4j.data.SceneDataset;
import org.gan4j.data.Scenes;
import org.gan4j.torch.Engine;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Scope;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * SPADE with the style encoder, trained briefly on builtin:scenes: a style image moves the synthesized photo's
 * colours towards its own, while the photo's layout still follows the label map (and not another one).
 */
@Tag("slow")
class StyleTransferTest {

    private static final int PX = 32;

    /** Mean RGB of an image, in [0, 255]. */
    static double[] meanColour(BufferedImage img) {
        double[] m = new double[3];
        int n = img.getWidth() * img.getHeight();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                m[0] += (rgb >> 16 & 255) / (double) n;
                m[1] += (rgb >> 8 & 255) / (double) n;
                m[2] += (rgb & 255) / (double) n;
            }
        }
        return m;
    }

    static double dist(double[] a, double[] b) {
        return Math.sqrt(Math.pow(a[0] - b[0], 2) + Math.pow(a[1] - b[1], 2) + Math.pow(a[2] - b[2], 2));
    }

    /** R² of the image's pixels explained by the label map's classes: between-class over total variance. */
    static double layoutR2(BufferedImage img, LabelMap labels) {
        int n = labels.ids().length;
        double[][] sum = new double[64][3];
        int[] count = new int[64];
        double[] mean = meanColour(img);
        double total = 0;
        for (int i = 0; i < n; i++) {
            int rgb = img.getRGB(i % labels.width(), i / labels.width());
            double[] p = {rgb >> 16 & 255, rgb >> 8 & 255, rgb & 255};
            int c = labels.ids()[i];
            count[c]++;
            for (int k = 0; k < 3; k++) {
                sum[c][k] += p[k];
                total += Math.pow(p[k] - mean[k], 2);
            }
        }
        double between = 0;
        for (int c = 0; c < 64; c++) {
            for (int k = 0; k < 3 && count[c] > 0; k++) {
                between += count[c] * Math.pow(sum[c][k] / count[c] - mean[k], 2);
            }
        }
        return between / total;
    }

    @Test
    void aStyleImageChangesTheColoursAndTheLabelMapKeepsTheLayout() {
        SceneDataset data = Scenes.dataset(64);
        SpadeConfig c = SpadeConfig.fast(data.labelNc(), PX);
        c = c.withNets(c.nets().withWidths(4, 8).withVae(true)).withTraining(4, 200, 0)
                .withPerceptual(Perceptual.NONE, null, 1).withSeed(5);
        // the two most different styles among the first 64 scenes, on one layout
        int styleA = 0;
        int styleB = 1;
        double best = -1;
        double[][] means = new double[64][];
        for (int s = 0; s < 64; s++) {
            means[s] = meanColour(Scenes.pair(0, s, PX, PX).image());
        }
        for (int a = 0; a < 64; a++) {
            for (int b = a + 1; b < 64; b++) {
                if (dist(means[a], means[b]) > best) {
                    best = dist(means[a], means[b]);
                    styleA = a;
                    styleB = b;
                }
            }
        }
        Engine.intraOpThreads(1);
        try (SpadeTrainer t = new SpadeTrainer(c, data, null, 1, 1)) {
            for (long i = 0; i < c.iters(); i++) {
                try (Scope s = new Scope()) {
                    t.step(0, i);
                }
            }
            try (Scope s = new Scope()) {
                SpadeModel m = new SpadeModel(c, t.g(), t.e(), data.palette()); // not closed: the trainer owns the networks
                LabelMap layout = Scenes.pair(1000, PX, PX).labels();     // a layout not trained on
                LabelMap other = Scenes.pair(1001, PX, PX).labels();
                BufferedImage sa = Scenes.pair(2000, styleA, PX, PX).image(); // the styles on unseen layouts
                BufferedImage sb = Scenes.pair(2001, styleB, PX, PX).image();
                Tensor za = m.encode(ImageTensors.fromImage(sa)).mu();
                Tensor zb = m.encode(ImageTensors.fromImage(sb)).mu();
                BufferedImage oa = ImageTensors.toImage(Synthesis.synthesize(m, layout, null, za));
                BufferedImage ob = ImageTensors.toImage(Synthesis.synthesize(m, layout, null, zb));
                double[] ma = meanColour(oa);
                double[] mb = meanColour(ob);
                double[] msa = meanColour(sa);
                double[] msb = meanColour(sb);
                System.out.printf("styles %d/%d: style gap %.1f, output gap %.1f; A->sa %.1f sb %.1f; B->sa %.1f sb %.1f;"
                                + " R2 A %.2f B %.2f other %.2f%n", styleA, styleB, dist(msa, msb), dist(ma, mb), dist(ma, msa),
                        dist(ma, msb), dist(mb, msa), dist(mb, msb), layoutR2(oa, layout), layoutR2(ob, layout),
                        layoutR2(oa, other));
                // the outputs move apart along the line between the two styles' colours: the projection of
                // (mean(o_B) − mean(o_A)) on (mean(s_B) − mean(s_A)), as a fraction of the styles' own gap (measured 0.3
                // after 200 steps; 0 if the encoder carried no colour, negative if it carried the wrong way)
                double[] ds = {msb[0] - msa[0], msb[1] - msa[1], msb[2] - msa[2]};
                double along = ((mb[0] - ma[0]) * ds[0] + (mb[1] - ma[1]) * ds[1] + (mb[2] - ma[2]) * ds[2])
                        / (ds[0] * ds[0] + ds[1] * ds[1] + ds[2] * ds[2]);
                System.out.printf("moved %.2f of the style gap%n", along);
                assertThat(along).as("colours move towards the style image's").isGreaterThan(0.15);
                assertThat(dist(ma, msa)).as("output in style A is closer to A's colours than to B's").isLessThan(dist(ma, msb));
                assertThat(layoutR2(oa, layout)).as("layout follows the label map (style A)").isGreaterThan(0.3)
                        .isGreaterThan(layoutR2(oa, other) + 0.15);
                assertThat(layoutR2(ob, layout)).as("layout follows the label map (style B)").isGreaterThan(0.3);
            }
        }
    }
}
