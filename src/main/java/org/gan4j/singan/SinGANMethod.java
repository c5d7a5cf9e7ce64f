package org.gan4j.singan;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.data.Images;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Lanes;
import org.gan4j.train.Method;
import org.gan4j.train.RunDir;
import org.gan4j.train.Start;

/**
 * SinGAN as a {@link Method}: a run keeps its training image ({@code input.png}) and the trained pyramid
 * ({@code model.pt}, an artifact of every scale); a checkpoint holds the finished scales and the one in progress.
 */
public final class SinGANMethod implements Method<SinGANConfig, SinGANTrainer> {

    /** The method's name in run directories and on the command line. */
    public static final String NAME = "singan";

    private final BufferedImage image; // the training image of a new run, or null: the run's input.png

    private SinGANMethod(BufferedImage image) {
        this.image = image;
    }

    /** A new run on {@code image}, which the run keeps as {@code input.png}. */
    public static SinGANMethod on(BufferedImage image) {
        return new SinGANMethod(image);
    }

    /** A run that already holds its {@code input.png} (for resuming). */
    public static SinGANMethod fromRun() {
        return new SinGANMethod(null);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<SinGANConfig> configType() {
        return SinGANConfig.class;
    }

    @Override
    public SinGANTrainer newTrainer(SinGANConfig config, RunDir run, Lanes lanes) {
        BufferedImage img = image;
        if (img == null) {
            img = Images.read(run.path(SinGAN.INPUT_PNG));
        } else {
            Images.writePng(run.path(SinGAN.INPUT_PNG), img);
        }
        Pyramid pyramid = Pyramid.plan(img.getHeight(), img.getWidth(), config);
        return trainer(config, run, img, pyramid, new SinGANModel(config, pyramid.scaleFactor()), null, lanes);
    }

    @Override
    public Start<SinGANTrainer> resume(SinGANConfig config, RunDir run, Path checkpoint, Lanes lanes) {
        BufferedImage img = Images.read(run.path(SinGAN.INPUT_PNG));
        Pyramid pyramid = Pyramid.plan(img.getHeight(), img.getWidth(), config);
        ModelFile.Checkpoint ck = ModelFile.loadCheckpoint(checkpoint);
        int[] at = SinGAN.resumePosition(ck, pyramid, config);
        return new Start<>(trainer(config, run, img, pyramid, ck.model(), ck.current(), lanes), at[0], at[1]);
    }

    @Override
    public List<String> outputs() {
        return List.of(SinGAN.INPUT_PNG, SinGAN.MODEL_PT);
    }

    private static SinGANTrainer trainer(SinGANConfig config, RunDir run, BufferedImage image, Pyramid pyramid,
            SinGANModel model, StageState current, Lanes lanes) {
        List<Tensor> reals = Reals.build(ImageTensors.fromImage(image), pyramid);
        return new SinGANTrainer(config, pyramid, reals, model, current, run.path(SinGAN.MODEL_PT).toAbsolutePath(), lanes);
    }
}
