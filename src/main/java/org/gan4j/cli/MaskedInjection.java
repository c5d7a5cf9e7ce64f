package org.gan4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.data.Images;
import org.gan4j.singan.Harmonization;
import org.gan4j.singan.SinGANModel;
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

    @Option(names = "--start-scale", required = true, paramLabel = "n",
            description = "Injection scale, 1 to the finest (coarser = more change).")
    int startScale;

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
                Images.writePng(out, ImageTensors.toImage(r.output()));
                Path maskOut = AppFiles.beside(out, "mask");
                Images.writePng(maskOut, ImageTensors.toImage(r.mask().mul(new org.bytedeco.pytorch.Scalar(2.0))
                        .sub(new org.bytedeco.pytorch.Scalar(1.0))));
                pw.println("Wrote " + out + " (" + AppFiles.size(r.output()) + ", injected at scale " + startScale + " of 0.."
                        + m.finest() + ", seed " + s + ") and its dilated mask " + maskOut);
                writeExtra(r, pw);
            }
            return 0;
        }
    }
}
