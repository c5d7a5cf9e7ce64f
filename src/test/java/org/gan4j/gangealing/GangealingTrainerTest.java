package org.gan4j.gangealing;

import org.gan4j.stylegan2.DiscriminatorDistance;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.gan4j.stylegan2.Discriminator;
import org.gan4j.stylegan2.Generator;
import org.gan4j.stylegan2.Stylegan2Config;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.train.LoopOptions;
import org.gan4j.train.RunDir;
import org.gan4j.train.TinyTrainer;
import org.gan4j.train.Trainer;
import org.gan4j.train.TrainerContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GANgealing trainer on a tiny random generator: the trainer contract, losses logged, the official checkpoint. */
class GangealingTrainerTest {

    @TempDir
    Path tmp;

    static final Stylegan2Config G = Stylegan2Config.fast(16).withStyleDim(16).withNMlp(2).withChannels(1, 8, 64).withSeed(5);

    /** A 16 px STN of width 8, batch 2, ψ annealed over 3 iterations, cosine period 2. */
    static GangealingConfig config(long iters, long seed) {
        return GangealingConfig.fast(16, 1).withStn(new StnShape(16, 16, 8, 0.125, 4, 1)).withBatch(2)
                .withSchedule(iters, 3, 2).withSampling(500, 20).withSeed(seed);
    }

    static GangealingTrainer trainer(GangealingConfig c, GangealingCheckpoint resume) {
        Seeds.seed(G.seed());
        Generator g = new Generator(G);
        Discriminator d = new Discriminator(G);
        return new GangealingTrainer(c, g, new DiscriminatorDistance(d), resume, 2, 1);
    }

    @Test
    void stepsLogTheLossesAndTheCheckpointIsTheOfficialDict() throws Exception {
        try (Scope s = new Scope(); GangealingTrainer t = trainer(config(4, 1), null)) {
            Map<String, Double> first = t.step(0, 0);
            assertThat(first).containsKeys("perceptual", "tv", "identity", "psi", "lr");
            assertThat(first.get("psi")).isGreaterThan(0.5); // ψ starts near 1 (cosine)
            assertThat(first.values()).allMatch(Double::isFinite);
            Map<String, Double> later = t.step(0, 3);
            assertThat(later.get("psi")).isZero();
            Path f = tmp.resolve("ck.pt");
            t.save(f, 0, 4);
            @SuppressWarnings("unchecked")
            Map<Object, Object> root = (Map<Object, Object>) PtFile.load(f);
            assertThat(root.keySet()).contains("g_ema", "t", "t_ema", "t_optim", "t_sched", "ll", "ll_optim", "ll_sched",
                    "args", "iter");
            assertThat(((Map<?, ?>) root.get("t_ema")).keySet().stream().map(Object::toString).toList()).contains("stns.0.warp_head.linear.weight",
                    "stns.1.warp_head.flow_out.2.weight", "stns.1.warp_head.mask_out.2.bias");
            assertThat(((Map<?, ?>) root.get("ll")).keySet().stream().map(Object::toString).toList()).containsExactlyInAnyOrder("coefficients", "directions",
                    "lat_mean");
        }
    }

    @Test
    void trainerContract() throws Exception {
        GangealingConfig c = config(6, 7);
        TinyTrainer kit = new TinyTrainer() {
            @Override
            public String method() {
                return GangealingMethod.NAME;
            }

            @Override
            public Trainer fresh(RunDir run, int lanes) {
                run.writeConfig(new GangealingRun(c, "tiny-generator.pt", null, 2));
                return trainer(c, null);
            }

            @Override
            public Restored restore(RunDir run, Path checkpoint, int lanes) {
                GangealingCheckpoint ck = GangealingCheckpoint.load(checkpoint);
                return new Restored(trainer(c, ck), new Position(0, ck.iter()));
            }
        };
        TrainerContract.check(kit, LoopOptions.defaults().withCheckpointEvery(2, null).withSampleEvery(0),
                new TinyTrainer.Position(0, 4), tmp);
    }
}
