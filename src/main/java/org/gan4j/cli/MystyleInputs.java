package org.gan4j.cli;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.data.Images;
import org.gan4j.data.SquareImages;
import org.gan4j.mystyle.AlphaProjector;
import org.gan4j.mystyle.AttributeControl;
import org.gan4j.mystyle.AttributeTerm;
import org.gan4j.mystyle.Degradation;
import org.gan4j.loss.ImageDistance;
import org.gan4j.mystyle.MystyleModel;
import org.gan4j.mystyle.SingleImageTuning;
import org.gan4j.torch.ImageTensors;
import org.gan4j.train.Progress;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options {@code gan4j mystyle project} and {@code edit} share: how an image is projected into P_β. */
final class MystyleInputs {

    @Option(names = "--steps", defaultValue = "1000", paramLabel = "N", description = "Projection steps (Adam 5e-3)."
            + " Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--beta", defaultValue = "0.03", paramLabel = "B", description = "Dilation β of the personal space"
            + " P_β (α_i ≥ −β). Default: ${DEFAULT-VALUE}.")
    double beta;

    @Mixin
    LpipsOptions weights = new LpipsOptions();

    @Option(names = "--tune", defaultValue = "0", paramLabel = "N", description = "Then tune the generator on this one"
            + " image for N steps at its projection (MyStyle++'s editing of real images; MyStyle's tuning loss, Adam 3e-4),"
            + " so the result keeps details the personal space lacks. Default: 0 (no tuning).")
    int tune;

    AlphaProjector.Options options() {
        return AlphaProjector.Options.defaults().withSteps(steps).withBeta(beta);
    }

    /** With {@code --tune N}: tunes {@code m}'s generator on the (degraded) target at the projection; prints the losses. */
    void tuneOn(MystyleModel m, AlphaProjector.Result r, Tensor target, Degradation deg, PrintWriter pw) {
        if (tune < 0) {
            throw new Gan4jException("--tune must be 0 (none) or a number of steps, got " + tune);
        }
        if (tune == 0) {
            return;
        }
        try (Progress progress = Progress.fromEnvironment()) {
            SingleImageTuning.Result t = SingleImageTuning.tune(m.generator(), r.wPlus(), target, deg,
                    m.distance(weights.vgg16, weights.alexnet, weights.lpips), tune, progress);
            pw.println(String.format("Tuned the generator on this image for %d steps: loss %.4f -> %.4f", tune,
                    t.startLoss(), t.loss()));
        }
    }

    /** {@code image} centre-cropped and resized to {@code size}, with a note when it was changed. */
    static BufferedImage fit(Path image, BufferedImage img, int size, PrintWriter pw) {
        if (img.getWidth() != size || img.getHeight() != size) {
            pw.println("Note: " + image + " is " + img.getWidth() + "x" + img.getHeight() + "; centre-cropped and resized to "
                    + size + "x" + size + " (the model's size).");
        }
        return SquareImages.fit(img, size);
    }

    /** Projects the (already degraded) {@code target} into the model's P_β. */
    AlphaProjector.Result project(MystyleModel m, Tensor target, Degradation deg) {
        return project(m, target, deg, null);
    }

    /** As above, with MyStyle++'s attribute term (or null). */
    AlphaProjector.Result project(MystyleModel m, Tensor target, Degradation deg, AttributeTerm attributes) {
        ImageDistance distance = m.distance(weights.check().vgg16, weights.alexnet, weights.lpips);
        try (Progress progress = Progress.fromEnvironment()) {
            return AlphaProjector.project(m.generator(), m.anchors(), target, deg, distance,
                    options().withAttributes(attributes), progress);
        }
    }

    /** The MyStyle++ control of {@code m} for {@code --set}; one line when the model has none. */
    static AttributeControl control(MystyleModel m, Path model) {
        if (m.control() == null) {
            throw new Gan4jException("--set needs a MyStyle++ model (gan4j mystyle personalize --plus); " + model
                    + " has no attribute axes");
        }
        return m.control();
    }

    /** Reads an image, one line on failure. */
    static BufferedImage read(Path image) {
        return Images.read(image);
    }

    /** The image as {@code [1,3,size,size]}. */
    static Tensor tensor(BufferedImage img) {
        return ImageTensors.fromImage(img);
    }
}
