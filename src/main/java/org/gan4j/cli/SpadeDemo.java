package org.gan4j.cli;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gan4j.data.Images;
import org.gan4j.data.LabelMaps;
import org.gan4j.data.ScenePair;
import org.gan4j.data.Scenes;
import org.gan4j.spade.Perceptual;
import org.gan4j.spade.SpadeConfig;
import org.gan4j.spade.SpadeModel;
import org.gan4j.spade.SpadeRun;
import org.gan4j.spade.SpadeTraining;
import org.gan4j.spade.Synthesis;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Scope;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import org.gan4j.train.SampleGrid;

/** {@code gan4j demo spade}: a small SPADE on builtin:scenes, then unseen label maps turned into photos. */
final class SpadeDemo {

    /** Demo iterations: about 5 minutes on 2 cores. */
    static final int ITERS = 400;

    private SpadeDemo() {}

    static int run(PrintWriter pw, Path out, Integer iters, long seed) throws Exception {
        long t0 = System.nanoTime();
        SpadeConfig c = SpadeConfig.fast(Scenes.LABEL_NC, 64);
        c = c.withNets(c.nets().withWidths(8, 16))
                .withTraining(4, iters != null ? iters : ITERS, (iters != null ? iters : ITERS) / 3)
                .withPerceptual(Perceptual.NONE, null, 1).withSeed(seed);
        Path dir = out != null ? out : Path.of("runs", "demo-spade-"
                + java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        RunDir run = RunDir.create("spade", dir);
        pw.println("SPADE demo: builtin:scenes at 64x64, ngf 8, ndf 16, " + c.iters() + " iterations of batch 4; run " + dir);
        try (Progress progress = Progress.fromEnvironment()) {
            SpadeTraining.train(SpadeRun.onScenes(c, 4), run, progress);
        }
        Path grid = run.path("demo.png");
        try (SpadeModel m = SpadeModel.load(run.dir()); Scope s = new Scope()) {
            List<BufferedImage> cells = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ScenePair p = Scenes.pair(50_000 + i, 64, 64); // label maps the training never saw
                cells.add(LabelMaps.colourise(p.labels(), Scenes.CLASSES));
                cells.add(ImageTensors.toImage(Synthesis.synthesize(m, p.labels(), null, null)));
                cells.add(p.image());
            }
            Images.writePng(grid, SampleGrid.tile(cells, 6, SampleGrid.DEFAULT_GAP));
        }
        pw.println();
        pw.printf("Done in %.1f min. Look at:%n", (System.nanoTime() - t0) / 60e9);
        pw.println("  label map | synthesis | the scene's own photo, for 6 unseen label maps   " + grid);
        pw.println("  samples during training   " + run.samples());
        pw.println("  loss curves               " + run.lossPng());
        pw.println("More: gan4j spade synthesize --model " + run.dir() + " --labels map.png --out out/");
        return 0;
    }
}
