package org.gan4j.singan.consingan;

import java.nio.file.Path;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.data.Images;
import org.gan4j.data.Landscape;
import org.gan4j.singan.SinGAN;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Lanes;
import org.gan4j.train.LoopOptions;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import org.gan4j.train.TinyTrainer;
import org.gan4j.train.TrainLoop;
import org.gan4j.train.Trainer;

/** Tiny ConSinGAN runs for tests: a 44x36 landscape, 3 stages (25 to 36 px high), 16-channel blocks. */
final class TinyConSinGAN {

    static final int W = 44;
    static final int H = 36;

    private TinyConSinGAN() {}

    static ConSinGANConfig config(int iters, long seed) {
        return ConSinGANConfig.paper().withIters(iters).withMaxSize(64).withStages(3).withNfc(16).withSeed(seed);
    }

    static Tensor image() {
        return ImageTensors.fromImage(Landscape.render(W, H, 3));
    }

    static ConSinGANTrainer trainer(ConSinGANConfig c, RunDir run, int lanes) {
        Scales s = Scales.plan(H, W, c);
        return new ConSinGANTrainer(c, s, new ConSinGANModel(c, s.scaleFactor(), s.reals(image())), null,
                run == null ? null : run.path(SinGAN.MODEL_PT), new Lanes(lanes, 1));
    }

    /** Trains from scratch into {@code dir}; returns the trainer (its model is the result). */
    static ConSinGANTrainer train(ConSinGANConfig c, Path dir, LoopOptions options) {
        RunDir run = RunDir.create(ConSinGANMethod.NAME, dir);
        run.writeConfig(c);
        ConSinGANTrainer t = trainer(c, run, 1);
        new TrainLoop(run, options, new Progress(Progress.Mode.OFF, System.err, java.time.Duration.ZERO)).run(t);
        return t;
    }

    static LoopOptions quietOptions() {
        return LoopOptions.defaults().withSampleEvery(0);
    }

    /** {@code c} on the tiny landscape for the trainer contract, restored as {@link ConSinGAN#resume} does. */
    static TinyTrainer kit(ConSinGANConfig c) {
        return new TinyTrainer() {
            @Override
            public String method() {
                return ConSinGANMethod.NAME;
            }

            @Override
            public Trainer fresh(RunDir run, int lanes) {
                run.writeConfig(c);
                Images.writePng(run.path(SinGAN.INPUT_PNG), Landscape.render(W, H, 3));
                return trainer(c, run, lanes);
            }

            @Override
            public Restored restore(RunDir run, Path checkpoint, int lanes) {
                ConSinGANConfig config = run.readConfig(ConSinGANConfig.class);
                Start s = start(config, run, checkpoint, lanes);
                return new Restored(s.trainer, new Position(s.stage, s.iter));
            }
        };
    }

    private record Start(ConSinGANTrainer trainer, int stage, long iter) {}

    private static Start start(ConSinGANConfig config, RunDir run, Path checkpoint, int lanes) {
        var st = ConSinGANMethod.fromRun().resume(config, run, checkpoint, new Lanes(lanes, 1));
        return new Start(st.trainer(), st.stage(), st.iter());
    }
}
