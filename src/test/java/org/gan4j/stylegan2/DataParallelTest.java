package org.gan4j.stylegan2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.Scope;
import org.gan4j.torch.dist.LocalJob;
import org.gan4j.torch.dist.World;
import org.gan4j.train.RunDir;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data-parallel StyleGAN2: two local processes with the global batch 8 (4 each) train the model one process trains
 * with batch 8, up to the order of float sums, through every phase of a step (D, R1, G, path length).
 */
class DataParallelTest {

    static final long SEED = 17;

    static TrainingRun spec(long iters) {
        return new TrainingRun(TinyTraining.config(iters, SEED), "builtin:landscapes", true, 4);
    }

    @Test
    @Tag("slow") // about 30 s: two JVMs train alongside the one-process run
    void twoProcessesTrainTheOneProcessModel(@TempDir Path tmp) {
        long iters = 3; // iteration 0 runs all four phases (R1 and path length are lazy, every 16 and 4)
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LocalJob.run(LocalJob.javaCommand(DataParallelChild.class.getName(),
                List.of(tmp.resolve("two").toString(), Long.toString(iters))), 2, new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as(out + "\n" + err).isZero();

        RunDir one = RunDir.create(Stylegan2Training.METHOD, tmp.resolve("one"));
        Stylegan2Training.train(spec(iters), TinyTraining.DATA, one, TinyTraining.quiet(), TinyTraining.loop(0), World.single());

        try (Scope s = new Scope()) {
            Stylegan2Checkpoint a = Stylegan2Checkpoint.load(one.latestCheckpoint());
            Stylegan2Checkpoint b = Stylegan2Checkpoint.load(tmp.resolve("two").resolve("checkpoints/latest.pt"));
            assertThat(Stylegan2Trainer.position(b)).isEqualTo(iters);
            compare("g", a.g().stateDict(), b.g().stateDict());
            compare("d", a.d().stateDict(), b.d().stateDict());
            compare("g_ema", a.gEma().stateDict(), b.gEma().stateDict());
        }
    }

    /**
     * Every tensor equal within 1e-5 (measured 2.4e-7 after 3 steps: float sums in another order, through Adam); a
     * wrong shard, a missing average or an unsynchronised path-length mean moves weights by ~lr = 2e-3.
     */
    private static void compare(String what, Map<String, Tensor> a, Map<String, Tensor> b) {
        assertThat(b.keySet()).isEqualTo(a.keySet());
        double worst = 0;
        String where = "";
        for (String k : a.keySet()) {
            double d = a.get(k).sub(b.get(k)).abs().max().item_double();
            if (d > worst) {
                worst = d;
                where = k;
            }
        }
        System.out.printf("%s: largest difference %.3g at %s%n", what, worst, where);
        assertThat(worst).as(what + " at " + where).isLessThan(1e-5);
    }
}
