package org.gan4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.data.Images;
import org.gan4j.singan.Harmonization;
import org.gan4j.singan.Imresize;
import org.gan4j.singan.SinGANModel;
import org.gan4j.singan.consingan.ConSinGAN;
import org.gan4j.singan.consingan.ConSinGANModel;
import org.gan4j.singan.consingan.NaiveImages;
import org.gan4j.torch.Rng;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What {@code singan harmonize} and {@code singan edit} share: an image and a mask injected at a scale. */
abstract class MaskedInjection implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "RUN", description = "A run directory or its model.pt.")
    Path model;

    @Option(names = "--image", required = true, paramLabel = "FILE", description = "The input image (PNG, JPEG, BMP or GIF).")
    Path image;

    @Option(names = "--mask", required = true, paramLabel = "FILE",
            description = "The region to regenerate: white (any non-zero red) on black, the size of --image.")
    Path mask;

    @Option(names = "--start-scale", paramLabel = "n",
            description = "SinGAN models: injection scale, 1 to the finest (coarser = more change). ConSinGAN models"
                    + " take the image at their coarsest stage and need none.")
    Integer startScale;

    @Option(names = "--fine-tune", paramLabel = "N",
            description = "ConSinGAN models: first fine-tune the finest stage on --image for N iterations (official"
                    + " --fine_tune; the paper's results use it). Default: none.")
    Integer fineTune;

    @Option(names = "--save-tuned", paramLabel = "FILE.pt",
            description = "ConSinGAN models with --fine-tune: also write the fine-tuned model (a model.pt that every"
                    + " singan command takes as --model), to apply it to more naive images without tuning again.")
    Path saveTuned;

    @Mixin
    SeedOption seed = new SeedOption();

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The output PNG.")
    Path out;

    @Mixin
    EngineOptions engine = new EngineOptions();

    /** Runs the application on the prepared inputs. */
    abstract Harmonization.Result run(SinGANModel m, Tensor image, Tensor mask, int n);

    /** Writes extra outputs beside {@code out} (editing: the raw output). */
    void writeExtra(Harmonization.Result r, PrintWriter pw) {}

    @Override
    public Integer call() {
        PrintWriter pw = engine.out();
        AppFiles.checkWritable(out, "--out");
        long s = seed.value();
        engine.apply();
        if (ConSinGAN.isConSinGAN(model)) {
            return callConSinGAN(pw, s);
        }
        if (startScale == null) {
            throw new Gan4jException("--start-scale is required for a SinGAN model (1 to its finest scale)");
        }
        if (fineTune != null || saveTuned != null) {
            throw new Gan4jException("--fine-tune and --save-tuned are for ConSinGAN models (singan train --arch consingan --mode "
                    + "harmonization|editing); " + model + " is a SinGAN model");
        }
        try (SinGANModel m = SinganSample.loadModel(model)) {
            m.checkScale(startScale, 1, "--start-scale");
            Tensor img = AppFiles.read(image);
            Tensor msk = AppFiles.read(mask);
            if (img.size(2) != msk.size(2) || img.size(3) != msk.size(3)) {
                throw new Gan4jException("the mask " + mask + " is " + AppFiles.size(msk) + " but the image " + image
                        + " is " + AppFiles.size(img) + "; give a mask of the image's size");
            }
            img = AppFiles.fitToModel(m, img, image, pw);
            msk = AppFiles.fitToModel(m, msk, mask, pw);
            Seeds.seed(s);
            try (Scope sc = new Scope()) {
                Harmonization.Result r;
                try {
                    r = run(m, img, msk, startScale);
                } catch (Gan4jException e) {
                    throw new Gan4jException(mask + ": " + e.getMessage(), e);
                }
                write(r, pw, "injected at scale " + startScale + " of 0.." + m.finest() + ", seed " + s);
            }
            return 0;
        }
    }

    /** A ConSinGAN model trained with --mode harmonization or editing: the naive image at its coarsest stage. */
    private int callConSinGAN(PrintWriter pw, long s) {
        if (startScale != null) {
            throw new Gan4jException("--start-scale is for SinGAN models; a ConSinGAN model takes the image at its"
                    + " coarsest stage (drop --start-scale)");
        }
        if (fineTune != null && fineTune < 1) {
            throw new Gan4jException("--fine-tune must be at least 1 iteration, got " + fineTune);
        }
        if (saveTuned != null && fineTune == null) {
            throw new Gan4jException("--save-tuned writes the model --fine-tune makes; add --fine-tune N or drop it");
        }
        try (ConSinGANModel m = ConSinGAN.load(model)) {
            int h = m.heights()[m.finest()];
            int w = m.widths()[m.finest()];
            Tensor img = AppFiles.read(image);
            Tensor msk = AppFiles.read(mask);
            if (img.size(2) != msk.size(2) || img.size(3) != msk.size(3)) {
                throw new Gan4jException("the mask " + mask + " is " + AppFiles.size(msk) + " but the image " + image
                        + " is " + AppFiles.size(img) + "; give a mask of the image's size");
            }
            if (img.size(2) != h || img.size(3) != w) {
                pw.println("Resized " + image + " and its mask from " + AppFiles.size(img) + " to " + w + "x" + h
                        + ", the model's training size (as the official code does).");
                img = Imresize.imresizeTo(img, h, w);
                msk = Imresize.imresizeTo(msk, h, w);
            }
            try (Scope sc = new Scope()) {
                if (fineTune != null) {
                    pw.println("Fine-tuning the finest stage on " + image + " for " + fineTune + " iterations.");
                    pw.flush();
                    Tensor naive = img;
                    NaiveImages.fineTune(m, naive, fineTune, s, org.gan4j.torch.Engine.threads(), line -> {
                        pw.println(line);
                        pw.flush();
                    });
                    if (saveTuned != null) {
                        try {
                            org.gan4j.singan.consingan.ModelFile.saveAtomic(m, saveTuned);
                        } catch (java.io.IOException e) {
                            throw new Gan4jException("cannot write " + saveTuned + ": " + e.getMessage(), e);
                        }
                        pw.println("Wrote the fine-tuned model " + saveTuned + " (use it as --model)");
                    }
                }
                Harmonization.Result r;
                try {
                    r = NaiveImages.apply(m, img, msk, Rng.seeded(s));
                } catch (Gan4jException e) {
                    throw new Gan4jException(mask + ": " + e.getMessage(), e);
                }
                write(r, pw, "ConSinGAN " + m.config().mode().id() + (fineTune != null ? ", fine-tuned "
                        + fineTune + " iterations" : "") + ", seed " + s);
            }
            return 0;
        }
    }

    private void write(Harmonization.Result r, PrintWriter pw, String how) {
        Images.writePng(out, ImageTensors.toImage(r.output()));
        Path maskOut = AppFiles.beside(out, "mask");
        Images.writePng(maskOut, ImageTensors.toImage(r.mask().mul(new org.bytedeco.pytorch.Scalar(2.0))
                .sub(new org.bytedeco.pytorch.Scalar(1.0))));
        pw.println("Wrote " + out + " (" + AppFiles.size(r.output()) + ", " + how + ") and its dilated mask " + maskOut);
        writeExtra(r, pw);
    }
}
