package org.gan4j.singan;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.data.Landscape;
import org.gan4j.torch.FloatBounds;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.Tensors;
import org.gan4j.train.LoopOptions;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The applications' library API on a tiny trained model (44x36, 4 scales): sizes, compositing, walks, bands. */
@Tag("slow")
class ApplicationsTest {

    @TempDir
    static Path tmp;

    static SinGANModel m;

    @BeforeAll
    static void train() {
        m = TinySinGAN.train(TinySinGAN.config(6, 3), tmp.resolve("run"), TinySinGAN.quietOptions()).model();
    }

    @Test
    void samplesOfASeedDoNotDependOnTheThreadCount() {
        int budget = org.gan4j.torch.Engine.threads();
        try {
            org.gan4j.torch.Engine.setThreads(1);
            java.util.List<java.awt.image.BufferedImage> one = SinGAN.sample(m, 9, 1, 1.5, 0, 21);
            org.gan4j.torch.Engine.setThreads(2);
            java.util.List<java.awt.image.BufferedImage> two = SinGAN.sample(m, 9, 1, 1.5, 0, 21);
            java.util.List<java.awt.image.BufferedImage> other = SinGAN.sample(m, 9, 1, 1.5, 0, 22);
            assertThat(two).hasSize(9);
            for (int i = 0; i < 9; i++) {
                assertThat(pixels(two.get(i))).isEqualTo(pixels(one.get(i)));
                assertThat(pixels(two.get(i))).isNotEqualTo(pixels(other.get(i)));
            }
            assertThat(pixels(two.get(0))).isNotEqualTo(pixels(two.get(4))); // batches draw different noise
        } finally {
            org.gan4j.torch.Engine.setThreads(budget);
        }
    }

    private static int[] pixels(java.awt.image.BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    @Test
    void bandedForwardEqualsTheWholeForward() {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            Scale sc = m.scale(m.finest());
            int p = m.config().pad();
            Seeds.seed(5);
            Tensor prev = torch.randn(2, 3, sc.height() + 2L * p, sc.width() + 2L * p);
            Tensor noisy = prev.add(torch.randn(2, 3, prev.size(2), prev.size(3)).mul(new Scalar(0.1)));
            Tensor whole = sc.g().forward(noisy, prev);
            Tensor banded = Bands.forward(sc, m.config(), noisy, prev, 1); // one output row per band
            assertThat(banded.sizes().vec().get()).isEqualTo(whole.sizes().vec().get());
            // Bands and the whole image may take different conv algorithms (libtorch picks by size), so each of the
            // numLayer convs may sum its 9·C products in another order: γ of all those sums, relative to the output.
            // Measured: 0 (bit-identical) on the native, avx2 and default kernel sets.
            double tol = FloatBounds.gamma(m.config().numLayer() * (9 * sc.channels() + 1)) * torch.max(torch.abs(whole)).item_double();
            assertThat(torch.max(torch.abs(banded.sub(whole))).item_double()).isLessThanOrEqualTo(tol);
        }
    }

    @Test
    void injectionGivesTheScaleSizeAndHarmonizationKeepsPixelsOutsideTheMask() {
        try (Scope s = new Scope()) {
            Scale fin = m.scale(m.finest());
            Tensor image = ImageTensors.fromImage(Landscape.render(fin.width(), fin.height(), 9));
            Tensor in2 = Injection.at(m, image, 2);
            assertThat(in2.size(2)).isEqualTo(m.scale(2).height());
            assertThat(in2.size(3)).isEqualTo(m.scale(2).width());

            BufferedImage maskImg = new BufferedImage(fin.width(), fin.height(), BufferedImage.TYPE_INT_RGB);
            maskImg.setRGB(2, 2, 0xFFFFFF);
            Tensor mask = ImageTensors.fromImage(maskImg);
            Seeds.seed(1);
            Harmonization.Result r = Harmonization.harmonize(m, image, mask, 1);
            float[] out = Tensors.floats(r.output());
            float[] in = Tensors.floats(image);
            float[] soft = Tensors.floats(r.mask());
            int hw = fin.width() * fin.height();
            int outside = 0;
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < hw; i++) {
                    if (soft[i] == 0) {
                        assertThat(out[c * hw + i]).isEqualTo(in[c * hw + i]);
                        outside++;
                    }
                }
            }
            assertThat(outside).as("pixels outside the dilated mask").isGreaterThan(0);
            // Where the mask is 1, the output is the generated image.
            int peak = 0;
            for (int i = 0; i < hw; i++) {
                peak = soft[i] > soft[peak] ? i : peak;
            }
            assertThat(soft[peak]).isEqualTo(1f);
            assertThat(out[peak]).isEqualTo(Tensors.floats(r.generated())[peak]);
            // Inside the mask the output is regenerated: it differs from the input there.
            double inside = 0;
            for (int c = 0; c < 3; c++) {
                inside = Math.max(inside, Math.abs(out[c * hw + peak] - in[c * hw + peak]));
            }
            assertThat(inside).as("change at the mask's peak").isGreaterThan(1e-3);
            // The compositing mask is the mask dilated with harmonization's disk (editing's is larger).
            float[] harmonizeMask = Tensors.floats(Masks.dilate(mask, Masks.HARMONIZATION_RADIUS));
            assertThat(soft).containsExactly(harmonizeMask);
            Seeds.seed(1);
            float[] editMask = Tensors.floats(Harmonization.edit(m, image, mask, 1).mask());
            assertThat(editMask).containsExactly(Tensors.floats(Masks.dilate(mask, Masks.EDITING_RADIUS)));
            assertThat(editMask).isNotEqualTo(harmonizeMask);
        }
    }

    @Test
    void paintingFollowsTheLayoutOfThePainting() {
        try (Scope s = new Scope()) {
            Scale fin = m.scale(m.finest());
            // Dark ground below bright sky, and the same painting upside down.
            BufferedImage up = new BufferedImage(fin.width(), fin.height(), BufferedImage.TYPE_INT_RGB);
            BufferedImage down = new BufferedImage(fin.width(), fin.height(), BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < fin.height(); y++) {
                for (int x = 0; x < fin.width(); x++) {
                    boolean sky = y < fin.height() / 2;
                    up.setRGB(x, y, sky ? 0xD0E0F0 : 0x203020);
                    down.setRGB(x, fin.height() - 1 - y, sky ? 0xD0E0F0 : 0x203020);
                }
            }
            Tensor a = ImageTensors.fromImage(up);
            Tensor b = ImageTensors.fromImage(down);
            Seeds.seed(4);
            Tensor outA = PaintToImage.paint(m, a, 2);
            Seeds.seed(4);
            Tensor outB = PaintToImage.paint(m, b, 2);
            assertThat(outA.sizes().vec().get()).containsExactly(1, 3, fin.height(), fin.width());
            double aa = torch.mse_loss(outA, a).item_double();
            double ab = torch.mse_loss(outA, b).item_double();
            double bb = torch.mse_loss(outB, b).item_double();
            double ba = torch.mse_loss(outB, a).item_double();
            assertThat(aa).as("painting A's output against A and B").isLessThan(ab / 2);
            assertThat(bb).as("painting B's output against B and A").isLessThan(ba / 2);
        }
    }

    @Test
    void superResolutionIsExactlyFTimesTheInput() {
        try (Scope s = new Scope()) {
            Tensor lr = ImageTensors.fromImage(Landscape.render(30, 26, 4));
            SuperResolution.Plan p = SuperResolution.plan(m, 2.5, 26, 30);
            assertThat(p.steps()).isEqualTo((int) Math.rint(Math.log(2.5) / Math.log(1 / m.scaleFactor())));
            assertThat(Math.pow(p.stepScale(), p.steps())).isCloseTo(2.5, org.assertj.core.data.Offset.offset(1e-9));
            Seeds.seed(2);
            Tensor hr = SuperResolution.upsample(m, lr, p);
            assertThat(hr.size(2)).isEqualTo(65);
            assertThat(hr.size(3)).isEqualTo(75);
            assertThat(Tensors.allFinite(hr)).isTrue();
        }
    }

    @Test
    void animationFramesMoveAndRepeatForASeed() {
        try (Scope s = new Scope()) {
            Animation.Walk walk = new Animation.Walk(11, 0.1, 0.9, 1);
            Tensor a = Animation.frames(m, walk, 7);
            Scale fin = m.scale(m.finest());
            assertThat(a.sizes().vec().get()).containsExactly(11, 3, fin.height(), fin.width());
            for (int i = 0; i + 1 < 11; i++) {
                double d = torch.mean(torch.abs(a.select(0, i).sub(a.select(0, i + 1)))).item_double();
                assertThat(d).as("frames " + i + " and " + (i + 1)).isGreaterThan(1e-4);
            }
            Tensor b = Animation.frames(m, walk, 7);
            assertThat(Tensors.floats(b)).containsExactly(Tensors.floats(a)); // same seed, same code path: bit for bit
        }
    }

    @Test
    void paintQuantisationUsesFiveColoursAndFineTuningReplacesOneScale() {
        try (Scope s = new Scope()) {
            Scale fin = m.scale(m.finest());
            // A clip-art painting: six flat colour bands (more than five, so the mapping must merge some).
            BufferedImage paint = new BufferedImage(fin.width(), fin.height(), BufferedImage.TYPE_INT_RGB);
            int[] colours = {0x4A7BD0, 0xE8E0D0, 0x6B7A8F, 0x2F5E3A, 0x3A6FA0, 0x203020};
            for (int y = 0; y < fin.height(); y++) {
                for (int x = 0; x < fin.width(); x++) {
                    paint.setRGB(x, y, colours[y * colours.length / fin.height()]);
                }
            }
            PaintToImage.Quantization q = PaintToImage.quantize(m, ImageTensors.fromImage(paint), 2, 0);
            assertThat(distinctColours(ImageTensors.toImage(q.realQuant()))).isEqualTo(5);
            assertThat(distinctColours(ImageTensors.toImage(q.paintQuant()))).isEqualTo(5);
            assertThat(q.inS().size(2)).isEqualTo(m.scale(2).height());

            SinGANConfig c = m.config().withIters(3).withSeed(1);
            RunDir run = RunDir.create("singan", tmp.resolve("paint"));
            SinGANModel tuned = PaintToImage.fineTune(m, 2, q.centers(), c, run,
                    new Progress(Progress.Mode.OFF, System.err, java.time.Duration.ZERO));
            assertThat(tuned.size()).isEqualTo(m.size());
            for (int k = 0; k < m.size(); k++) {
                assertThat(tuned.scale(k) == m.scale(k)).as("scale " + k + " kept").isEqualTo(k != 2);
            }
            assertThat(run.metricsCsv()).isRegularFile();
            Seeds.seed(3);
            Tensor out = PaintToImage.generate(tuned, q.inS(), 2);
            assertThat(out.size(2)).isEqualTo(fin.height());
            assertThat(out.size(3)).isEqualTo(fin.width());
            // The output follows the quantised painting's bands, not the same bands upside down.
            double same = torch.mse_loss(out, q.paintQuant()).item_double();
            double flipped = torch.mse_loss(out, q.paintQuant().flip(2)).item_double();
            assertThat(same).isLessThan(flipped / 2);
        }
    }

    static int distinctColours(BufferedImage img) {
        Set<Integer> s = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                s.add(img.getRGB(x, y));
            }
        }
        return s.size();
    }
}
