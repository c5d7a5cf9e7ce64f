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
import org.gan4j.singan.consingan.ConSinGAN;
import org.gan4j.singan.consingan.ConSinGANConfig;
import org.gan4j.singan.consingan.ConSinGANMethod;
import org.gan4j.singan.consingan.ConSinGANModel;
import org.gan4j.singan.consingan.Sampling;
import org.gan4j.singan.consingan.Scales;
import org.gan4j.singan.consingan.TrainMode;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gan4j singan train}: trains the pyramid on one image into a run directory. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train SinGAN on one image, coarse to fine (--arch singan: one generator per scale; --arch",
                "consingan: one growing generator whose newest 3 stages train together, ConSinGAN).",
                "The run directory gets config.json, metrics.csv, loss.png, samples/, checkpoints/latest.pt",
                "(resumable with --resume) and model.pt (the trained model)."},
        footer = {"", "Examples:", "  gan4j singan train --image mountains.png --preset fast --out runs/mountains",
                "  gan4j singan train --image mountains.png --arch consingan --preset fast --out runs/mountains-c",
                "  gan4j singan train --resume runs/mountains        continue a killed run where it stopped"})
final class SinganTrain extends TrainCommand<SinganTrain.Plan, AutoCloseable> {

    @Option(names = "--arch", paramLabel = "ARCH",
            description = "singan (a generator per scale, the default) or consingan (concurrent multi-stage training).")
    String arch;

    @Option(names = "--stages", paramLabel = "N", description = "ConSinGAN: stages of the generator (default 6).")
    Integer stages;

    @Option(names = "--train-depth", paramLabel = "N", description = "ConSinGAN: stages trained at once (default 3).")
    Integer trainDepth;

    @Option(names = "--lr-scale", paramLabel = "X", description = "ConSinGAN: learning-rate factor per stage below the newest (default 0.1).")
    Double lrScale;

    @Option(names = "--image", paramLabel = "FILE", description = "The training image (PNG, JPEG, BMP or GIF).")
    Path image;

    @Option(names = "--images", paramLabel = "DIR",
            description = "Train one model per image of DIR, one after another, into RUN/<image>/; resumable as a whole with --resume RUN.")
    Path images;

    @Option(names = "--preset", defaultValue = "paper", paramLabel = "NAME",
            description = "paper (2000 iterations per scale, max size 250) or fast (for a 2-core CPU). Default: ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--mode", defaultValue = "train", paramLabel = "MODE",
            description = "train, or animation (noise padding and min size 20, for 'singan animate'); with --arch consingan"
                    + " also the official train modes retarget, harmonization and editing (the latter two train for"
                    + " 'singan harmonize' and 'singan edit'). Default: ${DEFAULT-VALUE}.")
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

    /**
     * A new run: the training image, the resolved configuration and the pyramid it gives (SinGAN's, or
     * ConSinGAN's when {@code cconfig} is given).
     */
    record Plan(BufferedImage image, SinGANConfig config, Pyramid pyramid, ConSinGANConfig cconfig, Scales scales) {}

    @Override
    Integer callSpecial(PrintWriter pw) {
        if (resume != null && SinganFolder.isFolderRun(resume)) {
            if (newRunFlagGiven() || images != null || seed != null) {
                throw new Gan4jException("--resume continues a folder run with its saved configuration; drop "
                        + String.join(", ", newRunFlags()) + ", --images and --seed");
            }
            engine.apply();
            return SinganFolder.resume(this, pw, resume);
        }
        if (images == null) {
            return null;
        }
        if (image != null || resume != null) {
            throw new Gan4jException("--images trains a folder; drop " + (image != null ? "--image" : "--resume"));
        }
        if (out == null && !dryRun) {
            throw new Gan4jException("give the folder run's directory with --out RUN");
        }
        List<Path> files = SinganFolder.images(images);
        Object config = consingan() ? configureConSinGAN() : configure();
        if (stages != null || trainDepth != null || lrScale != null) {
            if (!consingan()) {
                throw new Gan4jException("--stages, --train-depth and --lr-scale are ConSinGAN's; add --arch consingan");
            }
        }
        if (dryRun) {
            pw.println(RunDir.toJson(config));
            pw.println(files.size() + " images: " + String.join(" ", files.stream().map(p -> p.getFileName().toString()).toList()));
            return 0;
        }
        engine.apply();
        return SinganFolder.start(this, pw, images, out, consingan(), config, samples);
    }

    /** Trains one image of a folder run into {@code dir} with the folder's configuration. */
    void trainOne(PrintWriter pw, Path file, Object config, Path dir, int samples) {
        BufferedImage img = Images.read(file);
        Plan plan = config instanceof ConSinGANConfig cc
                ? new Plan(img, null, null, cc, Scales.plan(img.getHeight(), img.getWidth(), cc))
                : new Plan(img, (SinGANConfig) config, Pyramid.plan(img.getHeight(), img.getWidth(), (SinGANConfig) config),
                        null, null);
        RunDir run = RunDir.create(method(plan), dir);
        announce(pw, plan, run);
        AutoCloseable result;
        try (Progress progress = Progress.fromEnvironment()) {
            result = train(plan, run, progress);
        }
        int keep = this.samples;
        this.samples = samples;
        finish(pw, run, result);
        this.samples = keep;
    }

    /** Resumes the image of a folder run that was training when it stopped. */
    void resumeOne(PrintWriter pw, RunDir run, int samples) {
        pw.println("Resuming " + run.dir() + " from its last checkpoint.");
        AutoCloseable result;
        try (Progress progress = Progress.fromEnvironment()) {
            result = resume(run, progress);
        }
        int keep = this.samples;
        this.samples = samples;
        finish(pw, run, result);
        this.samples = keep;
    }

    private static String method(Plan plan) {
        return plan.cconfig() != null ? ConSinGANMethod.NAME : SinGANMethod.NAME;
    }

    private boolean consingan() {
        String a = arch == null ? SinGANMethod.NAME : arch;
        return switch (a) {
            case SinGANMethod.NAME -> false;
            case ConSinGANMethod.NAME -> true;
            default -> throw new Gan4jException("--arch must be 'singan' or 'consingan', got '" + a + "'");
        };
    }

    @Override
    String method() {
        if (resume != null) { // the run says which architecture it trains
            String m = RunDir.open(resume).method();
            return ConSinGANMethod.NAME.equals(m) ? m : SinGANMethod.NAME;
        }
        return consingan() ? ConSinGANMethod.NAME : SinGANMethod.NAME;
    }

    @Override
    List<String> newRunFlags() {
        return List.of("--image", "--arch", "--iters", "--max-size", "--min-size", "--stages", "--train-depth", "--lr-scale");
    }

    @Override
    boolean newRunFlagGiven() {
        return image != null || arch != null || iters != null || maxSize != null || minSize != null || stages != null
                || trainDepth != null || lrScale != null;
    }

    @Override
    String missingInput() {
        return image == null ? "give the training image with --image FILE (or --resume RUN to continue a run)" : null;
    }

    @Override
    Plan plan() {
        if (consingan()) {
            ConSinGANConfig cc = configureConSinGAN();
            BufferedImage img = Images.read(image);
            return new Plan(img, null, null, cc, Scales.plan(img.getHeight(), img.getWidth(), cc));
        }
        if (stages != null || trainDepth != null || lrScale != null) {
            throw new Gan4jException("--stages, --train-depth and --lr-scale are ConSinGAN's; add --arch consingan");
        }
        BufferedImage img = Images.read(image);
        SinGANConfig config = configure();
        return new Plan(img, config, Pyramid.plan(img.getHeight(), img.getWidth(), config), null, null);
    }

    private ConSinGANConfig configureConSinGAN() {
        ConSinGANConfig c = ConSinGANConfig.preset(preset)
                .withMode(TrainMode.of("train".equals(mode) ? "generation" : mode));
        if (iters != null) {
            c = c.withIters(iters);
        }
        if (maxSize != null) {
            c = c.withMaxSize(maxSize);
        }
        if (minSize != null) {
            c = c.withMinSize(minSize);
        }
        if (stages != null) {
            c = c.withStages(stages);
        }
        if (trainDepth != null) {
            c = c.withTrainDepth(trainDepth);
        }
        if (lrScale != null) {
            c = c.withLrScale(lrScale);
        }
        return c.withSeed(seedOrFresh());
    }

    @Override
    void printPlan(PrintWriter out, Plan plan) {
        if (plan.cconfig() != null) {
            out.println(RunDir.toJson(plan.cconfig()));
            out.println("stages: " + plan.scales().stages() + ", r = " + plan.scales().scaleFactor() + ": "
                    + String.join(" ", plan.scales().describe()));
            return;
        }
        out.println(RunDir.toJson(plan.config()));
        out.println("pyramid: " + plan.pyramid().scales() + " scales, r = " + plan.pyramid().scaleFactor() + ": "
                + String.join(" ", plan.pyramid().describe()));
    }

    @Override
    void announce(PrintWriter out, Plan plan, RunDir run) {
        if (plan.cconfig() != null) {
            ConSinGANConfig c = plan.cconfig();
            out.println("ConSinGAN: " + plan.scales().stages() + " stages (" + String.join(" ", plan.scales().describe())
                    + "), " + c.trainDepth() + " trained at once, " + c.niter() + " iterations each, preset "
                    + c.preset() + ", seed " + c.seed() + "; run " + run.dir());
            return;
        }
        announce(out, plan.config(), plan.pyramid(), run);
    }

    @Override
    AutoCloseable train(Plan plan, RunDir run, Progress progress) {
        if (plan.cconfig() != null) {
            return ConSinGAN.train(plan.image(), plan.cconfig(), run, progress);
        }
        return SinGAN.train(plan.image(), plan.config(), run, progress);
    }

    @Override
    AutoCloseable resume(RunDir run, Progress progress) {
        if (ConSinGANMethod.NAME.equals(run.method())) {
            return ConSinGAN.resume(run.dir(), progress);
        }
        return SinGAN.resume(run.dir(), progress);
    }

    @Override
    void finish(PrintWriter out, RunDir run, AutoCloseable result) {
        if (result instanceof ConSinGANModel m) {
            try (m) {
                if (samples > 0) {
                    Path dir = run.path("samples", "final");
                    List<Path> written = SinganSample.writeImages(Sampling.images(m, samples, 1, 1, m.config().seed()),
                            dir, "sample");
                    out.println("Wrote " + written.size() + " random samples to " + dir);
                }
                out.println("Model: " + run.path(SinGAN.MODEL_PT) + "  (sample more with: gan4j singan sample --model "
                        + run.dir() + " --count 8 --out samples/)");
            }
            return;
        }
        try (SinGANModel m = (SinGANModel) result) {
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
