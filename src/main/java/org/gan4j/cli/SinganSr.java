package org.gan4j.cli;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.data.Images;
import org.gan4j.singan.Pyramid;
import org.gan4j.singan.SinGANConfig;
import org.gan4j.singan.SinGANModel;
import org.gan4j.singan.SuperResolution;
import org.gan4j.singan.SuperResolutionSteps;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.train.RunDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j singan sr}: super-resolution by re-applying the finest generator (official SR.py). */
@Command(name = "sr", mixinStandardHelpOptions = true,
        description = {"Super-resolution: upscale an image by --factor with SinGAN.",
                "Without --model, first trains SinGAN on the image with the official SR settings (reconstruction",
                "weight 100, min size 18, scale factor F^(-1/k)) into a run directory; then upsamples in k steps",
                "of F^(1/k) (about 1.26 each: 6 steps for x4), re-applying the finest generator at every step.",
                "The output is F x the input size."},
        footer = {"", "Examples:",
                "  gan4j singan sr --image photo_LR.png --factor 4 --preset fast --out photo_HR.png",
                "  gan4j singan sr --model runs/singan-20261122-120000 --factor 4 --out hr.png   reuse a trained run",
                "", "With --model and no --image, the model's own training image is upscaled."})
final class SinganSr implements Callable<Integer> {

    @Option(names = "--image", paramLabel = "FILE", description = "The low-resolution image (PNG, JPEG, BMP or GIF).")
    Path image;

    @Option(names = "--factor", defaultValue = "4", paramLabel = "F", description = "Upscaling factor (> 1). Default: ${DEFAULT-VALUE}.")
    double factor;

    @Option(names = "--model", paramLabel = "RUN", description = "Use a trained run (or its model.pt) instead of training.")
    Path model;

    @Option(names = "--preset", defaultValue = "paper", paramLabel = "NAME",
            description = "Training preset without --model: paper (2000 iterations per scale) or fast. Default: ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--iters", paramLabel = "N", description = "Iterations per scale when training (overrides the preset).")
    Integer iters;

    @Option(names = "--run", paramLabel = "DIR", description = "Run directory for the training (default runs/singan-<timestamp>).")
    Path run;

    @Mixin
    SeedOption seed = new SeedOption();

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The upscaled PNG.")
    Path out;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() {
        PrintWriter pw = engine.out();
        if (!(factor > 1) || factor > 64) {
            throw new Gan4jException("--factor must be greater than 1 (and at most 64), got " + factor);
        }
        if (model == null && image == null) {
            throw new Gan4jException("give the low-resolution image with --image FILE (or --model RUN to use a trained run)");
        }
        if (model != null && (iters != null || run != null)) {
            throw new Gan4jException("--iters and --run set up a training; with --model nothing is trained (drop them)");
        }
        AppFiles.checkWritable(out, "--out");
        long s = seed.value();
        engine.apply();
        SinGANModel m;
        Tensor lr;
        if (model != null) {
            m = SinganSample.loadModel(model);
            lr = image != null ? AppFiles.read(image) : m.scale(m.finest()).real();
            if (!SuperResolution.trainedFor(m)) {
                pw.println("Note: " + model + " was trained for random samples, not super-resolution (the official SR"
                        + " training uses reconstruction weight 100 and min size 18: run 'gan4j singan sr' without --model);"
                        + " its scale factor sets the step.");
            }
        } else {
            BufferedImage img = Images.read(image);
            SinGANConfig c = configure(img, s);
            Pyramid p = Pyramid.plan(img.getHeight(), img.getWidth(), c);
            // Check the upsampling's memory before spending the training time on it.
            SuperResolution.checkMemory(c, c.channelsAt(p.stopScale()),
                    SuperResolution.plan(SuperResolutionSteps.steps(factor), factor, img.getHeight(), img.getWidth()), img.getHeight(),
                    img.getWidth());
            pw.println("Training SinGAN for x" + trim(factor) + " super-resolution ("
                    + SuperResolutionSteps.steps(factor) + " steps of x" + String.format(Locale.ROOT, "%.4f",
                            SuperResolutionSteps.stepScale(factor)) + ", reconstruction weight 100, min size 18).");
            m = SinganTrain.trainNew(pw, img, c, RunDir.create("singan", run), 0);
            lr = ImageTensors.fromImage(img);
        }
        int h = (int) lr.size(2);
        int w = (int) lr.size(3);
        SuperResolution.Plan plan = SuperResolution.plan(m, factor, h, w);
        SuperResolution.checkMemory(m.config(), m.scale(m.finest()).channels(), plan, h, w);
        Seeds.seed(s);
        try (Scope sc = new Scope()) {
            Tensor hr = SuperResolution.upsample(m, lr, plan);
            Images.writePng(out, ImageTensors.toImage(hr));
            pw.println("Wrote " + out + " (" + AppFiles.size(hr) + ", x" + trim(factor) + " of " + w + "x" + h
                    + " in " + plan.steps() + " steps of x" + String.format(Locale.ROOT, "%.4f", plan.stepScale())
                    + ", seed " + s + ")");
        }
        return 0;
    }

    /**
     * The official SR settings on the chosen preset. DEVIATION: the official code first downscales images
     * larger than max size (250), so its output is F x the downscaled size; here the model trains at the
     * input's own size so that the output is F x the input.
     */
    private SinGANConfig configure(BufferedImage img, long s) {
        SinGANConfig c = SinGANConfig.preset(preset).forSuperResolution(factor);
        if (iters != null) {
            c = c.withIters(iters);
        }
        int longer = Math.max(img.getWidth(), img.getHeight());
        return c.withMaxSize(Math.max(c.maxSize(), longer)).withSeed(s);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
