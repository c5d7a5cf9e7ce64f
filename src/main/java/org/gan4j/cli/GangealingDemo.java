package org.gan4j.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.data.AnimatedGif;
import org.gan4j.data.FaceSample;
import org.gan4j.data.Faces;
import org.gan4j.data.Images;
import org.gan4j.gangealing.Correspondences;
import org.gan4j.gangealing.EditPropagation;
import org.gan4j.gangealing.GangealingConfig;
import org.gan4j.gangealing.GangealingModel;
import org.gan4j.gangealing.GangealingRun;
import org.gan4j.gangealing.GangealingTraining;
import org.gan4j.gangealing.KeypointSets;
import org.gan4j.gangealing.Pck;
import org.gan4j.gangealing.PointTransfer;
import org.gan4j.gangealing.Warping;
import org.gan4j.models.ShippedModel;
import org.gan4j.stylegan2.NoiseMode;
import org.gan4j.stylegan2.Sampling;
import org.gan4j.stylegan2.Stylegan2Checkpoint;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.Tensors;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import org.gan4j.train.SampleGrid;

/**
 * {@code gan4j demo gangealing}: the shipped faces StyleGAN2 and its congealing model (or, with {@code --iters}, one
 * trained now) on held-out {@code builtin:faces}: samples, the congealed set and its average, an edit drawn on the
 * average and propagated to every face and to a clip, dense correspondences, and PCK against the identity.
 */
final class GangealingDemo {

    /** Held-out faces congealed and edited. */
    static final int FACES = 48;
    /** Frames of the clip the edit is propagated into. */
    static final int CLIP_FRAMES = 24;
    /** Pairs scored by PCK (both ways). */
    static final int PCK_PAIRS = 100;

    private GangealingDemo() {}

    static int run(PrintWriter pw, Path out, Integer iters, long seed) throws Exception {
        long t0 = System.nanoTime();
        Path dir = out != null ? out : Path.of("runs", "demo-gangealing-"
                + java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(dir);
        Path model = iters == null ? ShippedModel.FACES_GANGEALING.file() : train(pw, dir.resolve("congealing"), iters, seed);
        pw.println("GANgealing demo: " + (iters == null ? "the shipped congealing model of builtin:faces"
                : "the congealing model trained above") + " on " + FACES + " held-out faces; output in " + dir);
        Path samples = dir.resolve("generator-samples.png");
        writeSamples(samples, seed);
        Path congealed = dir.resolve("congealed.png");
        Path average = dir.resolve("average.png");
        Path edit = dir.resolve("edit.png");
        Path edited = dir.resolve("edited.png");
        Path clip = dir.resolve("clip-edited.gif");
        Path matches = dir.resolve("correspondence.png");
        double[][] pck = new double[3][];
        try (GangealingModel m = GangealingModel.load(model); Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            int px = m.inputSize();
            Pck.Set faces = KeypointSets.faces(FACES, px);
            Warping w = Warping.defaults().at(px).iters(m.iters());
            GangealingModel.Congealed c = m.congeal(faces.images(), faces.images(), w, false);
            List<BufferedImage> inputs = ImageTensors.toImages(faces.images());
            List<BufferedImage> outs = ImageTensors.toImages(c.out());
            List<BufferedImage> rows = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                rows.add(inputs.get(i));
            }
            for (int i = 0; i < 16; i++) {
                rows.add(outs.get(i));
            }
            Images.writePng(congealed, SampleGrid.tile(rows, 16, SampleGrid.DEFAULT_GAP));
            BufferedImage avg = ImageTensors.toImage(c.out().mean(new long[] {0}, true,
                    new org.bytedeco.pytorch.ScalarTypeOptional()));
            Images.writePng(average, avg);
            // where the key points land in the congealed frame, on average: the edit is drawn there
            Tensor idx = PointTransfer.congeal(m.stn(), faces.images(), faces.images(), faces.points(), m.iters());
            double scale = (double) px / m.stn().identityFlow().size(1);
            float[] mean = Tensors.floats(idx.to(torch.ScalarType.Float).mean(new long[] {0}, false,
                    new org.bytedeco.pytorch.ScalarTypeOptional()).mul(Tensors.s(scale)).contiguous());
            BufferedImage drawn = glasses(px, mean);
            Images.writePng(edit, drawn);
            EditPropagation.Options d = EditPropagation.Options.defaults();
            EditPropagation.Options o = new EditPropagation.Options(d.sigma(), d.opacity(), d.blend(), m.iters(), false, -1);
            Tensor withEdit = EditPropagation.propagate(m, faces.images().narrow(0, 0, 16), drawn, o);
            List<BufferedImage> pairs = new ArrayList<>(inputs.subList(0, 16));
            pairs.addAll(ImageTensors.toImages(withEdit));
            Images.writePng(edited, SampleGrid.tile(pairs, 16, SampleGrid.DEFAULT_GAP));
            List<BufferedImage> frames = Faces.clip(7, CLIP_FRAMES, px).stream().map(FaceSample::image).toList();
            List<BufferedImage> clipOut = ImageTensors.toImages(EditPropagation.propagate(m, ImageTensors.fromImages(frames),
                    drawn, o));
            AnimatedGif.write(clip, clipOut.stream().map(f -> upscaled(f, 4)).toList(), 8);
            Tensor pa = Correspondences.grid(8, px);
            Tensor a = faces.images().narrow(0, 0, 1);
            Tensor b = faces.images().narrow(0, 1, 1);
            Tensor pb = PointTransfer.transfer(m.stn(), a, a, b, b, pa, m.iters());
            Images.writePng(matches, Correspondences.picture(inputs.get(0), inputs.get(1), Tensors.floats(pa.contiguous()),
                    Tensors.floats(pb.contiguous()), Math.max(1, 256 / px)));
            Pck.Set held = KeypointSets.faces(2 * PCK_PAIRS, px);
            int[][] p = KeypointSets.pairs((int) held.images().size(0), PCK_PAIRS, seed);
            for (Pck.Transfer how : Pck.Transfer.values()) {
                pck[how.ordinal()] = Pck.evaluate(m.stn(), held, p, how, m.iters(), true, 16, 0, seed).pck();
            }
        }
        pw.println();
        pw.printf(Locale.ROOT, "PCK-Transfer on %d held-out pairs, both ways (α = 0.1 / 0.05 / 0.01 of the side):%n", PCK_PAIRS);
        for (Pck.Transfer how : Pck.Transfer.values()) {
            double[] r = pck[how.ordinal()];
            pw.printf(Locale.ROOT, "  %-16s %6.1f%% %6.1f%% %6.1f%%%n", how.name().toLowerCase(Locale.ROOT), 100 * r[0],
                    100 * r[1], 100 * r[2]);
        }
        pw.println();
        pw.printf("Done in %.1f min. Look at:%n", (System.nanoTime() - t0) / 60e9);
        pw.println("  the generator's samples                          " + samples);
        pw.println("  16 faces (top) and the same congealed (bottom)   " + congealed);
        pw.println("  the average congealed face                       " + average);
        pw.println("  glasses drawn once on the average (RGBA)         " + edit);
        pw.println("  ... propagated to every face                     " + edited);
        pw.println("  ... and into a clip of a moving face             " + clip);
        pw.println("  dense correspondences between two faces          " + matches);
        pw.println("More: gan4j gangealing congeal --model " + (iters == null ? ShippedModel.NAME : model)
                + " --images photos/ --out congealed/");
        return 0;
    }

    /** A fresh congealing run from the shipped generator: the fast preset shortened to {@code iters}, 20,000 PCA samples. */
    private static Path train(PrintWriter pw, Path dir, int iters, long seed) {
        GangealingConfig c = GangealingConfig.fast(64, 1);
        double f = (double) iters / c.iters();
        c = c.withSchedule(iters, Math.max(1, Math.round(c.annealPsi() * f)), Math.max(1, c.period() * f))
                .withSampling(20_000, c.kmeansSamples()) // a 128-d W's PCA settles well before the preset's 100,000
                .withSeed(seed);
        pw.println("Training a congealing model from the shipped faces StyleGAN2: " + iters + " iterations of batch "
                + c.batch() + "; run " + dir);
        RunDir run = RunDir.create("gangealing", dir);
        try (Progress progress = Progress.fromEnvironment()) {
            return GangealingTraining.train(new GangealingRun(c, ShippedModel.NAME, null, 8), run, progress);
        }
    }

    private static void writeSamples(Path file, long seed) {
        List<BufferedImage> images = new ArrayList<>();
        try (Stylegan2Checkpoint ck = Stylegan2Checkpoint.loadForSampling(ShippedModel.FACES_STYLEGAN2.file());
                Scope s = new Scope()) {
            Seeds.seed(seed);
            Sampling.render(ck.gEma(), Tensors.randn(32, ck.config().styleDim()), false, 1, null, NoiseMode.CONST, 8,
                    images::add);
        }
        Images.writePng(file, SampleGrid.tile(images, 8, SampleGrid.DEFAULT_GAP));
    }

    /**
     * Round glasses and a red nose on a transparent {@code side}² canvas, at the mean congealed key points
     * ({@link Faces#KEYPOINTS} order, x y pairs).
     */
    static BufferedImage glasses(int side, float[] p) {
        double lx = p[0];
        double ly = p[1];
        double rx = p[2];
        double ry = p[3];
        double eyes = Math.hypot(rx - lx, ry - ly);
        double r = 0.36 * eyes;
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.translate(0.5, 0.5); // pixel centres
        g.setColor(new Color(40, 170, 255, 110));
        g.fill(new Ellipse2D.Double(lx - r, ly - r, 2 * r, 2 * r));
        g.fill(new Ellipse2D.Double(rx - r, ry - r, 2 * r, 2 * r));
        g.setColor(new Color(20, 20, 20, 255));
        g.setStroke(new BasicStroke((float) Math.max(1.0, side / 40.0)));
        g.draw(new Ellipse2D.Double(lx - r, ly - r, 2 * r, 2 * r));
        g.draw(new Ellipse2D.Double(rx - r, ry - r, 2 * r, 2 * r));
        g.draw(new Line2D.Double(lx + r, (ly + ry) / 2, rx - r, (ly + ry) / 2));
        double nx = p[4];
        double ny = p[5];
        double nr = 0.14 * eyes;
        g.setColor(new Color(230, 30, 30, 255));
        g.fill(new Ellipse2D.Double(nx - nr, ny - nr, 2 * nr, 2 * nr));
        g.dispose();
        return img;
    }

    private static BufferedImage upscaled(BufferedImage img, int k) {
        BufferedImage out = new BufferedImage(img.getWidth() * k, img.getHeight() * k, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, out.getWidth(), out.getHeight(), null);
        g.dispose();
        return out;
    }
}
