package org.gan4j.singan;

import java.nio.file.Path;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.data.Images;
import org.gan4j.data.Landscape;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Lanes;
import org.gan4j.train.LoopOptions;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import org.gan4j.train.TinyTrainer;
import org.gan4j.train.TrainLoop;
import org.gan4j.train.Trainer;

/** Tiny SinGAN runs for tests: a 44x36 landscape, 4 scales (25 to 36 px high), a few iterations each. */
final class TinySinGAN {

    static final int W = 44;
    static final int H = 36;

    private TinySinGAN() {}

    static SinGANConfig config(int iters, long seed) {
        return SinGANConfig.paper().withIters(iters).withMaxSize(64).withSeed(seed);
    }

    static Tensor image() {
        return ImageTensors.fromImage(Landscape.render(W, H, 3));
    }

    /** Trains from scratch into {@code dir}; returns the trainer (its model is the result). */
    static SinGANTrainer train(SinGANConfig c, Path dir, LoopOptions options) {
        Tensor x = image();
        Pyramid p = Pyramid.plan(H, W, c);
        List<Tensor> reals = Reals.build(x, p);
        RunDir run = RunDir.create("singan", dir);
        run.writeConfig(c);
        SinGANTrainer t = new SinGANTrainer(c, p, reals, new SinGANModel(c, p.scaleFactor()), null, run.path("model.pt"));
        new TrainLoop(run, options, new Progress(Progress.Mode.OFF, System.err, java.time.Duration.ZERO)).run(t);
        return t;
    }

    static LoopOptions quietOptions() {
        return LoopOptions.defaults().withSampleEvery(0);
    }

    /**
     * {@code c} on the tiny landscape for the trainer contract; a run keeps its config and image and is restored
     * from them and its checkpoint as {@link SinGAN#resume} does.
     */
    static TinyTrainer kit(SinGANConfig c) {
        return new TinyTrainer() {
            @Override
            public String method() {
                return "singan";
            }

            @Override
            public Trainer fresh(RunDir run, int lanes) {
                run.writeConfig(c);
                Images.writePng(run.path(SinGAN.INPUT_PNG), Landscape.render(W, H, 3));
                Pyramid p = Pyramid.plan(H, W, c);
                return new SinGANTrainer(c, p, Reals.build(image(), p), new SinGANModel(c, p.scaleFactor()), null,
                        run.path(SinGAN.MODEL_PT), new Lanes(lanes, 1));
            }

            @Override
            public Restored restore(RunDir run, Path checkpoint, int lanes) {
                SinGANConfig config = run.readConfig(SinGANConfig.class);
                Tensor x = ImageTensors.fromImage(Images.read(run.path(SinGAN.INPUT_PNG)));
                Pyramid p = Pyramid.plan((int) x.size(2), (int) x.size(3), config);
                ModelFile.Checkpoint ck = ModelFile.loadCheckpoint(checkpoint);
                int[] at = SinGAN.resumePosition(ck, p, config);
                SinGANTrainer t = new SinGANTrainer(config, p, Reals.build(x, p), ck.model(), ck.current(),
                        run.path(SinGAN.MODEL_PT), new Lanes(lanes, 1));
                return new Restored(t, new Position(at[0], at[1]));
            }
        };
    }
}
