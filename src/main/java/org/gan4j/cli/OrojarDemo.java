package org.gan4j.cli;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.data.Images;
import org.gan4j.loss.Regulariser;
import org.gan4j.orojar.DirectionTraversal;
import org.gan4j.orojar.Directions;
import org.gan4j.orojar.DspritesGenerator;
import org.gan4j.orojar.OrojarConfig;
import org.gan4j.orojar.OrojarModel;
import org.gan4j.orojar.OrojarRun;
import org.gan4j.orojar.OrojarTraining;
import org.gan4j.orojar.Sefa;
import org.gan4j.orojar.Traversal;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import org.gan4j.train.SampleGrid;
import org.gan4j.torch.Tensors;

/** {@code gan4j demo orojar}: the dSprites GAN with OroJaR for a few minutes, then its traversals and SeFa directions. */
final class OrojarDemo {

    /** Demo iterations: about 5 minutes on 2 cores. */
    static final int ITERS = 500;

    private OrojarDemo() {}

    static int run(PrintWriter pw, Path out, Integer iters, long seed) throws Exception {
        long t0 = System.nanoTime();
        int n = iters != null ? iters : ITERS;
        OrojarConfig c = OrojarConfig.fast(Regulariser.OROJAR).withSchedule(n, n / 3).withSeed(seed);
        Path dir = out != null ? out : Path.of("runs", "demo-orojar-"
                + java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        RunDir run = RunDir.create("orojar", dir);
        pw.println("OroJaR demo: the dSprites GAN (width 16) on builtin:dsprites with OroJaR on blocks 0-3, " + n
                + " iterations of batch " + c.batch() + "; run " + dir);
        try (Progress progress = Progress.fromEnvironment()) {
            OrojarTraining.train(new OrojarRun(c), run, progress);
        }
        Path traversal = run.path("traversal.png");
        Path sefa = run.path("sefa.png");
        try (DspritesGenerator g = OrojarModel.load(run.dir()); Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            Seeds.seed(seed + 1);
            Tensor z = Tensors.randn(3, c.nets().nz());
            List<BufferedImage> rows = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                for (int j = 0; j < c.nets().nz(); j++) {
                    rows.add(Traversal.strip(g, z.get(k), j, -2, 2, 9));
                }
            }
            Images.writePng(traversal, SampleGrid.tile(rows, 1, SampleGrid.DEFAULT_GAP));
            Directions d = Sefa.dcgan(g);
            Images.writePng(sefa, SampleGrid.tile(DirectionTraversal.dcgan(g, z.get(0), d.directions(), -3, 3, 9), 1,
                    SampleGrid.DEFAULT_GAP));
        }
        pw.println();
        pw.printf("Done in %.1f min. Look at:%n", (System.nanoTime() - t0) / 60e9);
        pw.println("  one row per latent dimension, z_j from -2 to 2, for 3 samples   " + traversal);
        pw.println("  SeFa's directions of the first layer, strongest first            " + sefa);
        pw.println("  samples during training   " + run.samples());
        pw.println("  loss curves               " + run.lossPng());
        pw.println("More: gan4j orojar vp --model " + run.dir() + "   (how disentangled; about 7 minutes)");
        return 0;
    }
}
