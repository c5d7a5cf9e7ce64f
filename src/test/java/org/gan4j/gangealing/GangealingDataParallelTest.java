package org.gan4j.gangealing;

import org.gan4j.stylegan2.DiscriminatorDistance;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.gan4j.Gan4jException;
import org.gan4j.stylegan2.Discriminator;
import org.gan4j.stylegan2.Generator;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.dist.Launch;
import org.gan4j.torch.dist.TwoProcesses;
import org.gan4j.torch.dist.World;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data-parallel GANgealing: two local processes with the global batch 4 (2 pairs each) train the transformer and the
 * target latent one process trains with batch 4, with two heads (each sample's K target rows and their noise must
 * stay together on its rank) and gradient accumulation over two micro-batches.
 */
class GangealingDataParallelTest {

    static final long ITERS = 3;

    static GangealingConfig config() {
        return GangealingConfig.fast(16, 2).withStn(new StnShape(16, 16, 8, 0.125, 4, 2)).withBatch(4).withAccumulate(2)
                .withSchedule(ITERS, 3, 2).withSampling(500, 20).withSeed(3);
    }

    static GangealingTrainer trainer(World world) {
        Seeds.seed(GangealingTrainerTest.G.seed());
        Generator g = new Generator(GangealingTrainerTest.G);
        Discriminator d = new Discriminator(GangealingTrainerTest.G);
        try (org.gan4j.torch.NoGrad ng = new org.gan4j.torch.NoGrad()) { // noise strengths start at 0: make noise matter
            g.stateDict().forEach((k, v) -> {
                if (k.endsWith("noise.weight")) {
                    v.fill_(org.gan4j.torch.Tensors.s(0.5));
                }
            });
        }
        return new GangealingTrainer(config(), g, new DiscriminatorDistance(d), null, 2, 1, world);
    }

    @Test
    @Tag("slow") // about 20 s: two JVMs train alongside the one-process run
    void twoProcessesTrainTheOneProcessModel(@TempDir Path tmp) throws Exception {
        Path two = tmp.resolve("two.pt");
        TwoProcesses.run(Child.class, two.toString());

        Path one = tmp.resolve("one.pt");
        try (Scope s = new Scope(); GangealingTrainer t = trainer(World.single())) {
            for (long i = 0; i < ITERS; i++) {
                t.step(0, i);
            }
            t.save(one, 0, ITERS);
        }
        try (Scope s = new Scope()) {
            GangealingCheckpoint a = GangealingCheckpoint.load(one);
            GangealingCheckpoint b = GangealingCheckpoint.load(two);
            assertThat(a.ll().get("coefficients").abs().max().item_double()).as("the targets moved").isGreaterThan(1e-4);
            // within 1e-5 (measured 2.4e-7); a wrong shard of the pairs or of their noise, or no average, moves T by
            // ~lr = 1e-3 (each rank's noise drawn for its own rows: 5.8e-3)
            TwoProcesses.assertClose("t", a.t(), b.t(), 1e-5);
            TwoProcesses.assertClose("ll", a.ll(), b.ll(), 1e-5);
        }
    }

    /** One process of the job: every rank steps its trainer; rank 0 saves the checkpoint to {@code args[0]}. */
    public static final class Child {
        public static void main(String[] args) {
            try (World world = World.join(Launch.fromEnvironment()); Scope s = new Scope();
                    GangealingTrainer t = trainer(world)) {
                for (long i = 0; i < ITERS; i++) {
                    t.step(0, i);
                }
                if (world.leader()) {
                    t.save(Path.of(args[0]), 0, ITERS);
                }
            } catch (Gan4jException e) {
                System.err.println("gan4j: " + e.getMessage());
                System.exit(e.exitCode());
            } catch (java.io.IOException e) {
                System.err.println("gan4j: " + e.getMessage());
                System.exit(1);
            }
            System.exit(0);
        }
    }
}
