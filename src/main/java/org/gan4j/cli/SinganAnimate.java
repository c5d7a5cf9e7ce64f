package org.gan4j.cli;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.data.AnimatedGif;
import org.gan4j.data.Images;
import org.gan4j.singan.Animation;
import org.gan4j.singan.SinGANModel;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Scope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j singan animate}: a looping GIF from a random walk in noise space (official generate_gif). */
@Command(name = "animate", mixinStandardHelpOptions = true,
        description = {"Animation: a random walk of the noise maps, pulled towards the reconstruction noise",
                "(alpha) with momentum (beta), from --start-scale up (the official generate_gif), written as a",
                "looping animated GIF. Works with any SinGAN model; a model trained with",
                "'gan4j singan train --mode animation' (noise padding, min size 20) gives the paper's behaviour.",
                "ConSinGAN models walk every stage's noise in one generator pass per frame (start stage 1 by default)."},
        footer = {"", "Examples:",
                "  gan4j singan train --image lightning.png --mode animation --preset fast --out runs/lightning",
                "  gan4j singan animate --model runs/lightning --frames 100 --alpha 0.1 --beta 0.9 --out lightning.gif",
                "  gan4j singan animate --model runs/lightning --start-scale 1 --frames-dir frames/ --out more.gif"})
final class SinganAnimate implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "RUN", description = "A run directory or its model.pt.")
    Path model;

    @Option(names = "--frames", defaultValue = "100", paramLabel = "N", description = "Number of frames. Default: ${DEFAULT-VALUE}.")
    int frames;

    @Option(names = "--alpha", defaultValue = "0.1", paramLabel = "A", description = "Pull towards z_opt, in [0, 1]. Default: ${DEFAULT-VALUE}.")
    double alpha;

    @Option(names = "--beta", defaultValue = "0.9", paramLabel = "B", description = "Momentum of the walk, in [0, 1]. Default: ${DEFAULT-VALUE}.")
    double beta;

    @Option(names = "--start-scale", paramLabel = "n",
            description = "The walk runs from this scale up; z_opt below it (default 2, as the official code, or the finest scale if lower).")
    Integer startScale;

    @Option(names = "--fps", defaultValue = "10", paramLabel = "F", description = "Frames per second of the GIF. Default: ${DEFAULT-VALUE}.")
    double fps;

    @Option(names = "--frames-dir", paramLabel = "DIR", description = "Also write every frame as frame-000.png ... here.")
    Path framesDir;

    @Mixin
    SeedOption seed = new SeedOption();

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The animated GIF.")
    Path out;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() {
        PrintWriter pw = engine.out();
        if (frames < 1 || frames > 10_000) {
            throw new Gan4jException("--frames must be between 1 and 10000, got " + frames);
        }
        if (!(alpha >= 0 && alpha <= 1) || !(beta >= 0 && beta <= 1)) {
            throw new Gan4jException("--alpha and --beta must be in [0, 1], got " + alpha + " and " + beta);
        }
        if (!(fps > 0) || fps > 100) {
            throw new Gan4jException("--fps must be in (0, 100], got " + fps);
        }
        AppFiles.checkWritable(out, "--out");
        if (framesDir != null) {
            AppFiles.checkWritable(framesDir.resolve("frame-000.png"), "--frames-dir");
        }
        long s = seed.value();
        engine.apply();
        if (org.gan4j.singan.consingan.ConSinGAN.isConSinGAN(model)) {
            return animateConSinGAN(pw, s);
        }
        try (SinGANModel m = SinganSample.loadModel(model)) {
            int start = startScale != null ? startScale : Math.min(2, m.finest());
            m.checkScale(start, 0, "--start-scale");
            if (!m.config().animation()) {
                pw.println("Note: " + model + " was trained with zero-padded noise; the walk fills the padding with noise as"
                        + " the official animation does, so borders may flicker: for the paper's behaviour train with"
                        + " 'gan4j singan train --mode animation'.");
            }
            List<BufferedImage> images;
            try (Scope sc = new Scope()) {
                Tensor x = Animation.frames(m, new Animation.Walk(frames, alpha, beta, start), s);
                images = ImageTensors.toImages(x);
            }
            return write(pw, images, "start scale " + start + ", seed " + s);
        }
    }

    /** A ConSinGAN run: the official generate_gif (start stage 1 by default, as its signature). */
    private int animateConSinGAN(PrintWriter pw, long s) {
        try (org.gan4j.singan.consingan.ConSinGANModel m = org.gan4j.singan.consingan.ConSinGAN.load(model)) {
            int start = startScale != null ? startScale : Math.min(1, m.finest());
            if (m.config().mode() != org.gan4j.singan.consingan.TrainMode.ANIMATION) {
                pw.println("Note: " + model + " was trained in " + m.config().mode().id() + " mode; for the paper's"
                        + " animations train with 'gan4j singan train --arch consingan --mode animation'.");
            }
            List<BufferedImage> images;
            try (Scope sc = new Scope()) {
                Tensor x = org.gan4j.singan.consingan.Animation.frames(m, new Animation.Walk(frames, alpha, beta, start), s);
                images = ImageTensors.toImages(x);
            }
            return write(pw, images, "ConSinGAN, start stage " + start + ", seed " + s);
        }
    }

    private int write(PrintWriter pw, List<BufferedImage> images, String how) {
        AnimatedGif.write(out, images, fps);
        if (framesDir != null) {
            for (int i = 0; i < images.size(); i++) {
                Images.writePng(framesDir.resolve(String.format("frame-%03d.png", i)), images.get(i));
            }
        }
        BufferedImage f = images.get(0);
        pw.println("Wrote " + out + " (" + frames + " frames of " + f.getWidth() + "x" + f.getHeight() + " at " + fps
                + " fps, alpha " + alpha + ", beta " + beta + ", " + how + ")"
                + (framesDir != null ? " and the frames to " + framesDir : ""));
        return 0;
    }
}
