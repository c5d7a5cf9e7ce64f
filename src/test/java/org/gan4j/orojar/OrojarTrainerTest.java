package org.gan4j.orojar;

import org.gan4j.loss.Regulariser;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.gan4j.data.DspritesDrawing;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Scope;
import org.gan4j.train.LoopOptions;
import org.gan4j.train.RunDir;
import org.gan4j.train.TinyTrainer;
import org.gan4j.train.Trainer;
import org.gan4j.train.TrainerContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The regularised dSprites GAN's trainer on tiny networks: the trainer contract, the terms logged, the checkpoint. */
class OrojarTrainerTest {

    @TempDir
    Path tmp;

    static OrojarConfig config(Regulariser reg, long iters) {
        return OrojarConfig.fast(reg).withNets(OrojarNetworksTest.TINY).withBatch(2).withSchedule(iters, 2).withSeed(3);
    }

    @Test
    void everyRegulariserStepsAndTheCheckpointHasTheOfficialNetworks() throws Exception {
        for (Regulariser reg : Regulariser.values()) {
            try (Scope s = new Scope(); OrojarTrainer t = new OrojarTrainer(config(reg, 3), new DspritesDrawing(), null, 1)) {
                Map<String, Double> m = t.step(0, 0);
                assertThat(m).containsKeys("d", "gp", "wasserstein", "g", "reg", "lr");
                assertThat(m.values()).allMatch(Double::isFinite);
                if (reg == Regulariser.NONE) {
                    assertThat(m.get("reg")).isZero();
                } else {
                    assertThat(m.get("reg")).isPositive();
                }
                assertThat(t.samples(0, 1)).hasSize(1); // one picture, a traversal row per latent dimension
                Path f = tmp.resolve(reg + ".pt");
                t.save(f, 0, 1);
                Map<?, ?> root = (Map<?, ?>) PtFile.load(f);
                assertThat(root.keySet().stream().map(Object::toString).toList()).contains("netG", "netD",
                        "optimizer_G", "optimizer_D", "iter");
            }
        }
    }

    @Test
    void trainerContract() throws Exception {
        OrojarConfig c = config(Regulariser.OROJAR, 4);
        TinyTrainer kit = new TinyTrainer() {
            @Override
            public String method() {
                return OrojarMethod.NAME;
            }

            @Override
            public Trainer fresh(RunDir run, int lanes) {
                run.writeConfig(new OrojarRun(c));
                return new OrojarTrainer(c, new DspritesDrawing(), null, 1);
            }

            @Override
            public Restored restore(RunDir run, Path checkpoint, int lanes) {
                OrojarCheckpoint ck = OrojarCheckpoint.load(checkpoint);
                return new Restored(new OrojarTrainer(c, new DspritesDrawing(), ck, 1), new Position(0, ck.iter()));
            }
        };
        TrainerContract.check(kit, LoopOptions.defaults().withCheckpointEvery(2, null).withSampleEvery(0),
                new TinyTrainer.Position(0, 3), tmp);
    }
}
