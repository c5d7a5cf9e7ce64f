package org.gan4j.cocosnet;

import java.nio.file.Path;
import org.gan4j.data.SceneDataset;
import org.gan4j.data.Scenes;
import org.gan4j.train.LoopOptions;
import org.gan4j.train.RunDir;
import org.gan4j.train.TinyTrainer;
import org.gan4j.train.Trainer;

/** Tiny CoCosNet setups for fast tests: 64 px builtin:scenes (the translation network's least), narrow nets, batch 2. */
final class TinyCocos {

    private TinyCocos() {}

    static final SceneDataset DATA = Scenes.dataset(24);
    static final Exemplars EXEMPLARS = Exemplars.retrieve(DATA);

    /** DATA's exemplars by edge densities at 64 px, made when first asked. */
    private static final class EdgeExemplars {
        static final Exemplars OF_DATA = Exemplars.retrieveByEdges(DATA, 64);
    }

    static Exemplars exemplars(CocosConfig c) {
        return c.input() == InputKind.EDGES ? EdgeExemplars.OF_DATA : EXEMPLARS;
    }

    /** {@link #config} for edge maps (the celebahqedge recipe at the same widths). */
    static CocosConfig edgesConfig(long iters, long seed) {
        return config(iters, seed).forEdges();
    }

    /** The fast preset shrunk: Corr ngf 8, G ngf 4, ndf 4, batch 2. */
    static CocosConfig config(long iters, long seed) {
        CocosConfig c = CocosConfig.fast(DATA.channels(), 64);
        return c.withNets(c.nets().withCorrespondenceWidth(8).withGeneratorWidth(4), 4).withTraining(2, iters, iters / 2)
                .withSeed(seed);
    }

    static CocosTrainer trainer(CocosConfig c) {
        return new CocosTrainer(c, DATA, exemplars(c), null, 2, 1);
    }

    static LoopOptions loop(long checkpointEvery) {
        return LoopOptions.defaults().withCheckpointEvery(checkpointEvery, null).withSampleEvery(0);
    }

    /** {@code c} for the trainer contract, restored as {@link CocosMethod#resume} does. */
    static TinyTrainer kit(CocosConfig c) {
        return new TinyTrainer() {
            @Override
            public String method() {
                return CocosMethod.NAME;
            }

            @Override
            public Trainer fresh(RunDir run, int lanes) {
                // one lane with the whole budget (the batch norms couple the batch): one thread whatever the lanes
                run.writeConfig(CocosRun.onScenes(c, 2));
                return trainer(c);
            }

            @Override
            public Restored restore(RunDir run, Path checkpoint, int lanes) {
                CocosCheckpoint ck = CocosCheckpoint.load(checkpoint);
                CocosTrainer t = new CocosTrainer(c, DATA, exemplars(c), new CocosCheckpoint.Read(ck, checkpoint), 2, 1);
                return new Restored(t, new Position(0, ck.iter()));
            }
        };
    }
}
