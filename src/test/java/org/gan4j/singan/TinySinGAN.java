package org.gan4j.singan;

import java.nio.file.Path;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.data.Landscape;
import org.gan4j.torch.ImageTensors;
import org.gan4j.train.LoopOptions;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import org.gan4j.train.TrainLoop;

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
}
