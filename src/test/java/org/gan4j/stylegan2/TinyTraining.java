package org.gan4j.stylegan2;

import java.nio.file.Path;
import java.time.Duration;
import org.gan4j.data.Batches;
import org.gan4j.data.ProceduralImages;
import org.gan4j.torch.Lanes;
import org.gan4j.train.LoopOptions;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import org.gan4j.train.TinyTrainer;
import org.gan4j.train.Trainer;

/** Tiny StyleGAN2 training setups for fast tests: 16 px landscapes, 16/8 channels, batch 8. */
final class TinyTraining {

    private TinyTraining() {}

    static final ProceduralImages DATA = ProceduralImages.named("landscapes", 16, 32);

    /** {@link Tiny#config()} trained with batch 8 for {@code iters} iterations. */
    static Stylegan2Config config(long iters, long seed) {
        return Tiny.config().withBatch(8).withIters(iters).withSeed(seed);
    }

    static Stylegan2Trainer trainer(Stylegan2Config c, Lanes lanes) {
        return new Stylegan2Trainer(c, new Batches(DATA, c.batch(), c.seed(), true), null, lanes, 4);
    }

    static Progress quiet() {
        return new Progress(Progress.Mode.OFF, System.err, Duration.ZERO);
    }

    static LoopOptions loop(long checkpointEvery) {
        return LoopOptions.defaults().withCheckpointEvery(checkpointEvery, null).withSampleEvery(0);
    }

    /** {@code c} on the procedural landscapes for the trainer contract, restored as {@link Stylegan2Training#resume} does. */
    static TinyTrainer kit(Stylegan2Config c) {
        return new TinyTrainer() {
            @Override
            public String method() {
                return Stylegan2Training.METHOD;
            }

            @Override
            public Trainer fresh(RunDir run, int lanes) {
                run.writeConfig(new TrainingRun(c, "builtin:landscapes", true, 4));
                return trainer(c, new Lanes(lanes, 1));
            }

            @Override
            public Restored restore(RunDir run, Path checkpoint, int lanes) {
                Stylegan2Checkpoint ck = Stylegan2Checkpoint.load(checkpoint);
                Stylegan2Trainer t = new Stylegan2Trainer(c, new Batches(DATA, c.batch(), c.seed(), true), ck, new Lanes(lanes, 1), 4);
                return new Restored(t, new Position(0, Stylegan2Trainer.position(ck)));
            }
        };
    }
}
