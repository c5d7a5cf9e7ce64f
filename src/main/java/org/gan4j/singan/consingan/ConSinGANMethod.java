package org.gan4j.singan.consingan;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.gan4j.data.Images;
import org.gan4j.singan.SinGAN;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Lanes;
import org.gan4j.train.Method;
import org.gan4j.train.RunDir;
import org.gan4j.train.Start;

/**
 * ConSinGAN as a {@link Method}, with SinGAN's run layout: the run keeps its training image ({@code input.png})
 * and the model ({@code model.pt}, written after every stage); a checkpoint holds the model so far, including the
 * stage in training, and that stage's optimizers.
 */
public final class ConSinGANMethod implements Method<ConSinGANConfig, ConSinGANTrainer> {

    /** The method's name in run directories. */
    public static final String NAME = "consingan";

    private final BufferedImage image; // a new run's training image, or null: the run's input.png

    private ConSinGANMethod(BufferedImage image) {
        this.image = image;
    }

    public static ConSinGANMethod on(BufferedImage image) {
        return new ConSinGANMethod(image);
    }

    public static ConSinGANMethod fromRun() {
        return new ConSinGANMethod(null);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<ConSinGANConfig> configType() {
        return ConSinGANConfig.class;
    }

    @Override
    public ConSinGANTrainer newTrainer(ConSinGANConfig config, RunDir run, Lanes lanes) {
        BufferedImage img = image;
        if (img == null) {
            img = Images.read(run.path(SinGAN.INPUT_PNG));
        } else {
            Images.writePng(run.path(SinGAN.INPUT_PNG), img);
        }
        Scales scales = Scales.plan(img.getHeight(), img.getWidth(), config);
        ConSinGANModel m = new ConSinGANModel(config, scales.scaleFactor(), scales.reals(ImageTensors.fromImage(img)));
        return new ConSinGANTrainer(config, scales, m, null, run.path(SinGAN.MODEL_PT).toAbsolutePath(), lanes);
    }

    @Override
    public Start<ConSinGANTrainer> resume(ConSinGANConfig config, RunDir run, Path checkpoint, Lanes lanes) {
        BufferedImage img = Images.read(run.path(SinGAN.INPUT_PNG));
        Scales scales = Scales.plan(img.getHeight(), img.getWidth(), config);
        ModelFile.Checkpoint ck = ModelFile.loadCheckpoint(checkpoint);
        long[] at = ConSinGAN.resumePosition(ck, config);
        return new Start<>(new ConSinGANTrainer(config, scales, ck.model(), ck.current(), run.path(SinGAN.MODEL_PT).toAbsolutePath(),
                lanes), (int) at[0], at[1]);
    }

    @Override
    public List<String> outputs() {
        return List.of(SinGAN.INPUT_PNG, SinGAN.MODEL_PT);
    }
}
