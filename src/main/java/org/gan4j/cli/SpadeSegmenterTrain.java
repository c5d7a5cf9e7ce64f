package org.gan4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.gan4j.Gan4jException;
import org.gan4j.data.LabelCoding;
import org.gan4j.data.PairedFolders;
import org.gan4j.data.Palette;
import org.gan4j.data.SceneDataset;
import org.gan4j.data.Scenes;
import org.gan4j.metrics.Segmenter;
import org.gan4j.metrics.SegmenterTraining;
import org.gan4j.train.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j spade segmenter train}: a segmenter for SPADE's evaluation, trained on real photos. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train the segmenter of SPADE's evaluation on the real photos of paired data:",
                "a U-Net (per level two 3x3 conv + BatchNorm + ReLU, --widths channels),",
                "pixel-wise cross-entropy (don't-care pixels ignored), Adam with poly decay,",
                "random mirroring. The last --holdout pairs are not trained on: its mIoU and",
                "pixel accuracy on their photos are printed and stored in FILE.json beside the",
                "weights FILE.pt. builtin:scenes trains on the 10,000 pairs SPADE trains on",
                "and holds out the next --holdout, which no training draws."},
        footer = {"", "Examples:",
                "  gan4j spade segmenter train --labels builtin:scenes --size 64 --out segmenter64.pt",
                "  gan4j spade segmenter train --labels labels/ --images photos/ --label-nc 12 --size 128 --out seg.pt",
                "  gan4j spade eval --model runs/scenes --segmenter segmenter64.pt --out eval/"})
final class SpadeSegmenterTrain implements Callable<Integer> {

    @Option(names = "--labels", required = true, paramLabel = "DIR|builtin:scenes",
            description = "Folder of label maps (8-bit PNG class ids), or builtin:scenes.")
    String labels;

    @Option(names = "--images", paramLabel = "DIR", description = "Folder of photos, matched to the label maps by file name.")
    Path images;

    @Option(names = "--label-nc", paramLabel = "N", description = "Number of classes (ids 0..N-1); builtin:scenes has 10.")
    Integer labelNc;

    @Option(names = "--dontcare", description = "Value 255 marks unlabelled pixels (not trained on, not scored).")
    boolean dontcare;

    @Option(names = "--palette", paramLabel = "FILE.json", description = "Label maps are RGB images coded with this palette.")
    Path palette;

    @Option(names = "--size", defaultValue = "64", paramLabel = "PX",
            description = "Square training size: the SPADE model's. Default: ${DEFAULT-VALUE}.")
    int size;

    @Option(names = "--iters", paramLabel = "N", description = "Training steps (default 1500).")
    Long iters;

    @Option(names = "--batch", paramLabel = "B", description = "Pairs per step (default 8).")
    Integer batch;

    @Option(names = "--lr", paramLabel = "R", description = "Adam's initial learning rate (default 0.002).")
    Double lr;

    @Option(names = "--widths", split = ",", paramLabel = "C,C,...",
            description = "Channels per U-Net level, finest first (default 16,32,64,64).")
    List<Integer> widths;

    @Option(names = "--pairs", paramLabel = "N",
            description = "Distinct training pairs (the first N), kept in memory (default 2000; 0: all, read at every draw).")
    Integer pairs;

    @Option(names = "--holdout", paramLabel = "N",
            description = "Pairs held out and scored (default 200; with folders a tenth of the pairs, at most 200; 0: none).")
    Integer holdout;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "Seed of weights, batches and flips. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", paramLabel = "FILE.pt",
            description = "The weights (a state dict); FILE.json is written beside it. Default segmenter<size>.pt.")
    Path out;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() {
        PrintWriter pw = engine.out();
        Path file = out != null ? out : Path.of("segmenter" + size + ".pt");
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pt")) {
            throw new Gan4jException("--out " + file + " must end in .pt (the settings go to the .json beside it)");
        }
        if (holdout != null && holdout < 0) {
            throw new Gan4jException("--holdout must be 0 or more, got " + holdout);
        }
        SegmenterTraining.Options d = SegmenterTraining.Options.defaults();
        SegmenterTraining.Options o = new SegmenterTraining.Options(size, widths != null ? widths : d.widths(),
                iters != null ? iters : d.iters(), batch != null ? batch : d.batch(), lr != null ? lr : d.lr(), seed,
                pairs != null ? pairs : d.pool());
        new Segmenter.Settings(1, false, o.size(), o.widths()); // checks --size against --widths before any data is read
        engine.apply();
        boolean scenes = Scenes.NAME.equals(labels);
        SceneDataset data;
        int trainPairs;
        int held;
        if (scenes) {
            if (images != null || labelNc != null || dontcare || palette != null) {
                throw new Gan4jException(Scenes.NAME + " brings its own photos and classes; drop --images/--label-nc/"
                        + "--dontcare/--palette");
            }
            held = holdout != null ? holdout : 200;
            data = Scenes.dataset(Scenes.DEFAULT_COUNT + held);
            trainPairs = Scenes.DEFAULT_COUNT;
        } else {
            if (images == null) {
                throw new Gan4jException("give the photos with --images DIR beside --labels " + labels);
            }
            if (labelNc == null) {
                throw new Gan4jException("give the number of classes with --label-nc N (label ids 0..N-1)");
            }
            Palette pal = palette == null ? null : Palette.read(palette);
            data = PairedFolders.open(Path.of(labels), images, null, new LabelCoding(labelNc, dontcare, pal));
            held = holdout != null ? holdout : Math.min(200, data.size() / 10);
            trainPairs = data.size() - held;
            if (trainPairs < o.batch()) {
                throw new Gan4jException("--holdout " + held + " leaves " + trainPairs + " of " + data.size()
                        + " pairs to train on, fewer than one batch of " + o.batch());
            }
        }
        pw.println("Segmenter " + o.size() + "x" + o.size() + ", widths " + o.widths().stream().map(String::valueOf)
                .collect(Collectors.joining("-")) + ", " + o.iters() + " steps of " + o.batch() + " pairs, lr " + o.lr()
                + ", seed " + o.seed() + "; " + data.describe() + "; training on pairs 0.." + (o.pairsUsed(trainPairs) - 1)
                + (held > 0 ? ", holding out " + trainPairs + ".." + (trainPairs + held - 1) : ""));
        data.notes().forEach(pw::println);
        pw.flush();
        SegmenterTraining.Result r;
        try (Progress progress = Progress.fromEnvironment()) {
            r = SegmenterTraining.train(data, trainPairs, o, progress);
        }
        try (Segmenter seg = r.segmenter()) {
            SegmenterTraining.Report report = r.report();
            pw.printf(Locale.ROOT, "Trained in %s: cross-entropy %.3f (first tenth of the steps) -> %.3f (last tenth)%n",
                    duration(report.seconds()), report.firstLoss(), report.lastLoss());
            if (held > 0) {
                SegmenterTraining.HeldOut h = SegmenterTraining.heldOut(seg, data, trainPairs, held);
                report = report.withHeldOut(h);
                pw.printf(Locale.ROOT, "Held-out real pairs %d..%d: mIoU %.3f, pixel accuracy %.3f%n", trainPairs,
                        trainPairs + held - 1, h.meanIou(), h.pixelAccuracy());
            }
            seg.save(file, report);
            pw.println("Wrote " + file + " and " + Segmenter.settingsFile(file).getFileName()
                    + "  (evaluate with: gan4j spade eval --model RUN --segmenter " + file + ")");
        }
        return 0;
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? s + "s" : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
