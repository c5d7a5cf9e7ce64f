package org.gan4j.cli;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.gan4j.Gan4jException;
import org.gan4j.data.Images;
import org.gan4j.singan.Pyramid;
import org.gan4j.singan.SinGAN;
import org.gan4j.singan.SinGANConfig;
import org.gan4j.singan.SinGANMethod;
import org.gan4j.singan.SinGANModel;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gan4j singan train}: trains the pyramid on one image into a run directory. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train SinGAN on one image, coarse to fine.",
                "The run directory gets config.json, metrics.csv, loss.png, samples/, checkpoints/latest.pt",
                "(resumable with --resume) and model.pt (the trained model)."},
        footer = {"", "Examples:", "  gan4j singan train --image mountains.png --preset fast --out runs/mountains",
                "  gan4j singan train --resume runs/mountains        continue a killed run where it stopped"})
final class SinganTrain extends TrainCommand<SinganTrain.Plan, SinGANModel> {

    @Option(names = "--image", paramLabel = "FILE", description = "The training image (PNG, JPEG, BMP or GIF).")
    Path image;

    @Option(names = "--preset", defaultValue = "paper", paramLabel = "NAME",
            description = "paper (2000 iterations per scale, max size 250) or fast (for a 2-core CPU). Default: ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--mode", defaultValue = "train", paramLabel = "MODE",
            description = "train, or animation (noise padding and min size 20, for 'singan animate'). Default: ${DEFAULT-VALUE}.")
    String mode;

    @Option(names = "--iters", paramLabel = "N", description = "Iterations per scale (overrides the preset).")
    Integer iters;

    @Option(names = "--max-size", paramLabel = "PX", description = "Longer side of the finest scale (overrides the preset).")
    Integer maxSize;

    @Option(names = "--min-size", paramLabel = "PX", description = "Shorter side of the coarsest scale (default 25).")
    Integer minSize;

    @Option(names = "--samples", defaultValue = "8", paramLabel = "N",
            description = "Random samples to write into the run's samples/ when training ends. Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--dry-run", description = "Print the resolved configuration and the pyramid, then exit.")
    void dryRun(boolean on) {
        dryRun = on;
    }

    /** A new run: the training image, the resolved configuration and the pyramid it gives. */
    record Plan(BufferedImage image, SinGANConfig config, Pyramid pyramid) {}

    @Override
    String method() {
        return SinGANMethod.NAME;
    }

    @Override
    List<String> newRunFlags() {
        return List.of("--image", "--iters", "--max-size", "--min-size");
    }

    @Override
    boolean newRunFlagGiven() {
        return image != null || iters != null || maxSize != null || minSize != null;
    }

    @Override
    String missingInput() {
        return image == null ? "give the training image with --image FILE (or --resume RUN to continue a run)" : null;
    }

    @Override
    Plan plan() {
        BufferedImage img = Images.read(image);
        SinGANConfig config = configure();
        return new Plan(img, config, Pyramid.plan(img.getHeight(), img.getWidth(), config));
    }

    @Override
    void printPlan(PrintWriter out, Plan plan) {
        out.println(RunDir.toJson(plan.config()));
        out.println("pyramid: " + plan.pyramid().scales() + " scales, r = " + plan.pyramid().scaleFactor() + ": "
                + String.join(" ", plan.pyramid().describe()));
    }

    @Override
    void announce(PrintWriter out, Plan plan, RunDir run) {
        announce(out, plan.config(), plan.pyramid(), run);
    }

    @Override
    SinGANModel train(Plan plan, RunDir run, Progress progress) {
        return SinGAN.train(plan.image(), plan.config(), run, progress);
    }

    @Override
    SinGANModel resume(RunDir run, Progress progress) {
        return SinGAN.resume(run.dir(), progress);
    }

    @Override
    void finish(PrintWriter out, RunDir run, SinGANModel m) {
        try (m) {
            finish(out, run, m, samples);
        }
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
        return c.withSeed(seedOrFresh());
    }

    /** Trains a new run, then writes final samples and says where everything is (also for sr and demo). */
    static SinGANModel trainNew(PrintWriter out, BufferedImage img, SinGANConfig config, RunDir run, int samples) {
        announce(out, config, Pyramid.plan(img.getHeight(), img.getWidth(), config), run);
        SinGANModel m;
        try (Progress progress = Progress.fromEnvironment()) {
            m = SinGAN.train(img, config, run, progress);
        }
        finish(out, run, m, samples);
        return m;
    }

    private static void announce(PrintWriter out, SinGANConfig config, Pyramid pyramid, RunDir run) {
        out.println("SinGAN: " + pyramid.scales() + " scales (" + String.join(" ", pyramid.describe()) + "), r = "
                + String.format("%.4f", pyramid.scaleFactor()) + ", " + config.niter() + " iterations each, preset "
                + config.preset() + ", seed " + config.seed() + "; run " + run.dir());
    }

    private static void finish(PrintWriter out, RunDir run, SinGANModel m, int samples) {
        if (samples > 0) {
            Path dir = run.path("samples", "final");
            List<Path> written = SinganSample.writeRandom(m, samples, 1, 1, 0, m.config().seed(), dir, "sample");
            out.println("Wrote " + written.size() + " random samples to " + dir);
        }
        out.println("Model: " + run.path(SinGAN.MODEL_PT) + "  (sample more with: gan4j singan sample --model "
                + run.dir() + " --count 8 --out samples/)");
    }
}
