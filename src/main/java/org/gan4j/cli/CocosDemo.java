package org.gan4j.cli;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gan4j.cocosnet.CocosConfig;
import org.gan4j.cocosnet.CocosEvaluation;
import org.gan4j.cocosnet.CocosModel;
import org.gan4j.cocosnet.CocosRun;
import org.gan4j.cocosnet.CocosTraining;
import org.gan4j.cocosnet.CorrespondencePicture;
import org.gan4j.data.Images;
import org.gan4j.data.LabelMaps;
import org.gan4j.data.ScenePair;
import org.gan4j.data.Scenes;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Resize;
import org.gan4j.torch.Scope;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import org.gan4j.train.SampleGrid;

/**
 * {@code gan4j demo cocosnet}: a small CoCosNet on builtin:scenes, then unseen label maps translated in the look of
 * unseen exemplars, with the warped exemplars and a correspondence picture.
 */
final class CocosDemo {

    /** Demo iterations: about 6 minutes on 2 cores (2.3 s each, measured). */
    static final int ITERS = 150;

    private CocosDemo() {}

    static int run(PrintWriter pw, Path out, Integer iters, long seed) throws Exception {
        long t0 = System.nanoTime();
        int n = iters != null ? iters : ITERS;
        CocosConfig c = CocosConfig.fast(Scenes.LABEL_NC, 64);
        c = c.withNets(c.nets().withCorrespondenceWidth(16).withGeneratorWidth(8), 16).withTraining(4, n, n / 4)
                .withSeed(seed);
        Path dir = out != null ? out : Path.of("runs", "demo-cocosnet-"
                + java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        RunDir run = RunDir.create("cocosnet", dir);
        pw.println("CoCosNet demo: builtin:scenes at 64x64, correspondence ngf 16, G ngf 8, ndf 16, " + c.iters()
                + " iterations of batch 4; run " + dir);
        pw.flush();
        try (Progress progress = Progress.fromEnvironment()) {
            CocosTraining.train(CocosRun.onScenes(c, 4), run, progress);
        }
        Path grid = run.path("demo.png");
        Path corr = run.path("correspondence.png");
        try (CocosModel m = CocosModel.load(run.dir()); Scope s = new Scope()) {
            List<BufferedImage> cells = new ArrayList<>();
            for (int i = 0; i < 4; i++) { // label maps and exemplars the training never saw
                ScenePair input = Scenes.pair(CocosEvaluation.FIRST + i, 64, 64);
                ScenePair ex = Scenes.pair(CocosEvaluation.FIRST + 50 + i, 64, 64);
                CocosModel.Translation t = m.translate(input.labels(), ex.image(), ex.labels(), 64);
                cells.add(LabelMaps.colourise(input.labels(), Scenes.CLASSES));
                cells.add(ex.image());
                cells.add(ImageTensors.toImage(Resize.nearest(t.warp().warped(), 64, 64)));
                cells.add(ImageTensors.toImage(t.image()));
                cells.add(Scenes.pair(CocosEvaluation.FIRST + i, CocosEvaluation.FIRST + 50 + i, 64, 64).image());
                if (i == 0) {
                    Images.writePng(corr, CorrespondencePicture.draw(LabelMaps.colourise(input.labels(), Scenes.CLASSES),
                            ex.image(), t.warp().m(), 16, 16, 2));
                }
            }
            Images.writePng(grid, SampleGrid.tile(cells, 5, SampleGrid.DEFAULT_GAP));
        }
        pw.println();
        pw.printf("Done in %.1f min. Look at:%n", (System.nanoTime() - t0) / 60e9);
        pw.println("  label map | exemplar | warped exemplar | output | the truth (the map in the exemplar's look)   " + grid);
        pw.println("  matched points between a label map and its exemplar   " + corr);
        pw.println("  samples during training   " + run.samples());
        pw.println("  loss curves               " + run.lossPng());
        pw.println("More: gan4j cocosnet translate --model " + run.dir() + " --input map.png --exemplar photo.png"
                + " --exemplar-labels photo-map.png --out out.png --show-warp");
        return 0;
    }
}
