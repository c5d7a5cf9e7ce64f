package org.gan4j.cli;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.gan4j.Gan4jException;
import org.gan4j.data.Images;
import org.gan4j.singan.Pyramid;
import org.gan4j.singan.SinGANConfig;
import org.gan4j.singan.SinGAN;
import org.gan4j.singan.SinGANModel;
import org.gan4j.torch.Seeds;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j singan train}: trains the pyramid on one image into a run directory. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train SinGAN on one image, coarse to fine.",
                "The run directory gets config.json, metrics.csv, loss.png, samples/, checkpoints/latest.pt",
                "(resumable with --resume) and model.pt (the trained model)."},
        footer = {"", "Examples:", "  gan4j singan train --image mountains.png --preset fast --out runs/mountains",
                "  gan4j singan train --resume runs/mountains        continue a killed run where it stopped"})
final class SinganTrain implements Callable<Integer> {

    @Option(names = "--image", paramLabel = "FILE", description = "The training image (PNG, JPEG, BMP or GIF).")
    Path image;

    @Option(names = "--preset", defaultValue = "paper", paramLabel = "NAME",
            description = "paper (2000 iterations per scale, max size 250) or fast (for a 2-core CPU). Default: ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--mode", defaultValue = "train", paramLabel = "MODE",
            description = "train, or animation (noise padding and min size 20, for 'singan animate'). Default: ${DEFAULT-VALUE}.")
    String mode;

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default runs/singan-<timestamp>).")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN", description = "Continue a run from its last checkpoint.")
    Path resume;

    @Option(names = "--iters", paramLabel = "N", description = "Iterations per scale (overrides the preset).")
    Integer iters;

    @Option(names = "--max-size", paramLabel = "PX", description = "Longer side of the finest scale (overrides the preset).")
    Integer maxSize;

    @Option(names = "--min-size", paramLabel = "PX", description = "Shorter side of the coarsest scale (default 25).")
    Integer minSize;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: a fresh one, saved in config.json).")
    Long seed;

    @Option(names = "--samples", defaultValue = "8", paramLabel = "N",
            description = "Random samples to write into the run's samples/ when training ends. Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--dry-run", description = "Print the resolved configuration and the pyramid, then exit.")
    boolean dryRun;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() {
        PrintWriter out = engine.out();
        if (resume != null) {
            if (image != null || iters != null || maxSize != null || minSize != null || seed != null) {
                throw new Gan4jException("--resume continues a run with its saved configuration; drop --image, --iters, --max-size, --min-size and --seed");
            }
            engine.apply();
            RunDir run = RunDir.open(resume, "singan");
            out.println("Resuming " + run.dir() + " from its last checkpoint.");
            SinGANModel m;
            try (Progress progress = Progress.fromEnvironment()) {
                m = SinGAN.resume(resume, progress);
            }
            finish(out, run, m, samples);
            return 0;
        }
        if (image == null) {
            throw new Gan4jException("give the training image with --image FILE (or --resume RUN to continue a run)");
        }
        BufferedImage img = Images.read(image);
        SinGANConfig config = configure();
        Pyramid pyramid = Pyramid.plan(img.getHeight(), img.getWidth(), config);
        if (dryRun) {
            out.println(RunDir.toJson(config));
            out.println("pyramid: " + pyramid.scales() + " scales, r = " + pyramid.scaleFactor() + ": "
                    + String.join(" ", pyramid.describe()));
            return 0;
        }
        engine.apply();
        trainNew(out, img, config, RunDir.create("singan", this.out), samples);
        return 0;
    }

    private SinGANConfig configure() {
        SinGANConfig c = SinGANConfig.preset(preset);
        switch (mode) {
            case "train" -> { }
            case "animation" -> c = c.forAnimation();
            default -> throw new Gan4jException("--mode must be 'train' or 'animation', got '" + mode + "'");
        }
        if (iters != null) {
            c = c.withIters(iters);
        }
        if (maxSize != null) {
            c = c.withMaxSize(maxSize);
        }
        if (minSize != null) {
            c = c.withMinSize(minSize);
        }
        return c.withSeed(seed != null ? seed : Seeds.fresh());
    }

    /** Trains a new run, then writes final samples and says where everything is. */
    static SinGANModel trainNew(PrintWriter out, BufferedImage img, SinGANConfig config, RunDir run, int samples) {
        Pyramid pyramid = Pyramid.plan(img.getHeight(), img.getWidth(), config);
        out.println("SinGAN: " + pyramid.scales() + " scales (" + String.join(" ", pyramid.describe()) + "), r = "
                + String.format("%.4f", pyramid.scaleFactor()) + ", " + config.niter() + " iterations each, preset "
                + config.preset() + ", seed " + config.seed() + "; run " + run.dir());
        SinGANModel m;
        try (Progress progress = Progress.fromEnvironment()) {
            m = SinGAN.train(img, config, run, progress);
        }
        finish(out, run, m, samples);
        return m;
    }

    private static void finish(PrintWriter out, RunDir run, SinGANModel m, int samples) {
        if (samples > 0) {
            Path dir = run.path("samples", "final");
            List<Path> written = SinganSample.writeRandom(m, samples, 0, 1, 1, m.config().seed(), dir, "sample");
            out.println("Wrote " + written.size() + " random samples to " + dir);
        }
        out.println("Model: " + run.path(SinGAN.MODEL_PT) + "  (sample more with: gan4j singan sample --model "
                + run.dir() + " --count 8 --out samples/)");
    }
}
