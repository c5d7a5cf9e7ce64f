package org.gan4j.spade;

import java.nio.file.Path;
import java.time.Duration;
import org.gan4j.data.SceneDataset;
import org.gan4j.data.Scenes;
import org.gan4j.train.LoopOptions;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import org.gan4j.train.TinyTrainer;
import org.gan4j.train.Trainer;

/** Tiny SPADE setups for fast tests: 32 px builtin:scenes, ngf 4, ndf 4, batch 2. */
final class TinySpade {

    private TinySpade() {}

    static final SceneDataset DATA = Scenes.dataset(16);

    /** The fast preset shrunk: 32 px, ngf 4, ndf 4, random VGG19 up to relu2_1; with or without the style encoder. */
    static SpadeConfig config(long iters, long seed, boolean styleEncoder) {
        SpadeConfig c = SpadeConfig.fast(DATA.labelNc(), 32);
        SpadeNets n = c.nets().withWidths(4, 4).withVae(styleEncoder);
        return c.withNets(n).withTraining(2, iters, iters / 2).withPerceptual(Perceptual.RANDOM_VGG19, null, 2).withSeed(seed);
    }

    static SpadeTrainer trainer(SpadeConfig c, int threads) {
        return new SpadeTrainer(c, DATA, null, 2, threads);
    }

    static Progress quiet() {
        return new Progress(Progress.Mode.OFF, System.err, Duration.ZERO);
    }

    static LoopOptions loop(long checkpointEvery) {
        return LoopOptions.defaults().withCheckpointEvery(checkpointEvery, null).withSampleEvery(0);
    }

    /** {@code c} on builtin:scenes for the trainer contract, restored as {@link SpadeMethod#resume} does. */
    static TinyTrainer kit(SpadeConfig c) {
        return new TinyTrainer() {
            @Override
            public String method() {
                return SpadeMethod.NAME;
            }

            @Override
            public Trainer fresh(RunDir run, int lanes) {
                // SPADE's step runs on one lane with the whole thread budget (its batch norms couple the batch), so
                // the budget is fixed here: one thread, whatever the lane count the contract asks for.
                run.writeConfig(SpadeRun.onScenes(c, 2));
                return trainer(c, 1);
            }

            @Override
            public Restored restore(RunDir run, Path checkpoint, int lanes) {
                SpadeCheckpoint ck = SpadeCheckpoint.load(checkpoint);
                SpadeTrainer t = new SpadeTrainer(c, DATA, new SpadeTrainer.SpadeCheckpointFile(ck, checkpoint), 2, 1);
                return new Restored(t, new Position(0, ck.iter()));
            }
        };
    }
}
