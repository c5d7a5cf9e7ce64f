package org.gan4j.orojar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.gan4j.Gan4jException;
import org.gan4j.data.DspritesDrawing;
import org.gan4j.loss.Regulariser;
import org.gan4j.torch.Scope;
import org.gan4j.torch.dist.Launch;
import org.gan4j.torch.dist.TwoProcesses;
import org.gan4j.torch.dist.World;
import org.gan4j.train.LoopOptions;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data-parallel dSprites GAN: two local processes with the global batch 4 (2 each) train the model one process
 * trains with batch 4, with OroJaR weighted so that it dominates the generator's gradient — its max over the batch
 * must then be the global one (each rank's own max, averaged, moves the weights by about the learning rate).
 */
class OrojarDataParallelTest {

    static final long ITERS = 3;

    static OrojarRun spec() {
        return new OrojarRun(OrojarTrainerTest.config(Regulariser.OROJAR, ITERS).withBatch(4).withLambda(10.0));
    }

    static LoopOptions loop() {
        return LoopOptions.defaults().withSampleEvery(0);
    }

    @Test
    @Tag("slow") // about 20 s: two JVMs train alongside the one-process run
    void twoProcessesTrainTheOneProcessModel(@TempDir Path tmp) {
        TwoProcesses.run(Child.class, tmp.resolve("two").toString());

        RunDir one = RunDir.create(OrojarMethod.NAME, tmp.resolve("one"));
        OrojarTraining.train(spec(), new DspritesDrawing(), one, quiet(), loop(), World.single());

        try (Scope s = new Scope()) {
            OrojarCheckpoint a = OrojarCheckpoint.load(one.latestCheckpoint());
            OrojarCheckpoint b = OrojarCheckpoint.load(tmp.resolve("two").resolve("checkpoints/latest.pt"));
            assertThat(b.iter()).isEqualTo(ITERS);
            // within 1e-5 (measured 7.5e-9); a per-rank max of the penalty instead of the global one moves G by 1e-3
            TwoProcesses.assertClose("netG", a.netG(), b.netG(), 1e-5);
            TwoProcesses.assertClose("netD", a.netD(), b.netD(), 1e-5);
        }
    }

    static Progress quiet() {
        return new Progress(Progress.Mode.OFF, System.err, Progress.DEFAULT_PLAIN_EVERY);
    }

    /** One process of the job: rank 0 trains {@link #spec} in {@code args[0]}, the others follow it. */
    public static final class Child {
        public static void main(String[] args) {
            try (World world = World.join(Launch.fromEnvironment())) {
                if (world.leader()) {
                    RunDir run = RunDir.create(OrojarMethod.NAME, Path.of(args[0]));
                    world.agree("run", run.dir().toString());
                    OrojarTraining.train(spec(), new DspritesDrawing(), run, quiet(), loop(), world);
                } else {
                    RunDir run = RunDir.open(Path.of(world.agree("run", null)), OrojarMethod.NAME);
                    OrojarTraining.follow(new DspritesDrawing(), run, loop(), world);
                }
            } catch (Gan4jException e) {
                System.err.println("gan4j: " + e.getMessage());
                System.exit(e.exitCode());
            }
            System.exit(0);
        }
    }
}
