package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.stylegan2.Generator;
import org.gan4j.stylegan2.Stylegan2Checkpoint;
import org.gan4j.stylegan2.Stylegan2Config;
import org.gan4j.torch.Engine;
import org.gan4j.torch.Seeds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gan4j stylegan2 train --init CKPT}: a run that starts from a trained (exported) StyleGAN2, and its refusals. */
class Stylegan2InitCliTest {

    @TempDir
    Path tmp;

    private final int threadsBefore = Engine.threads();

    @AfterEach
    void restoreThreads() {
        Engine.setThreads(threadsBefore);
    }

    private Cli train(String out, long seed, String... more) {
        return train(16, out, seed, more);
    }

    private Cli train(int size, String out, long seed, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("stylegan2", "train", "--data", "builtin:landscapes", "--size",
                String.valueOf(size), "--preset", "fast", "--batch", "8", "--seed", String.valueOf(seed), "--samples", "4", "--threads", "1",
                "--out", tmp.resolve(out).toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    /** The largest absolute difference over the tensors two state dicts share by name. */
    private static double maxDiff(Map<String, Tensor> a, Map<String, Tensor> b) {
        double m = 0;
        for (Map.Entry<String, Tensor> e : a.entrySet()) {
            m = Math.max(m, e.getValue().sub(b.get(e.getKey())).abs().max().item_double());
        }
        return m;
    }

    @Test
    void aRunStartsFromTheExportedNetworksAndOnlyMovesThemBySteps() throws Exception {
        Cli a = train("a", 4, "--kimg", "0.024"); // 3 iterations
        assertThat(a.code()).as(a.err()).isZero();
        Path exported = tmp.resolve("a.pt");
        Cli e = Cli.run("stylegan2", "export", "--model", tmp.resolve("a").toString(), "--out", exported.toString());
        assertThat(e.code()).as(e.err()).isZero();

        Cli b = train("b", 5, "--kimg", "0.008", "--init", exported.toString()); // 1 iteration from a's networks
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(b.out()).contains("1 iterations of batch 8").contains("from " + exported.toAbsolutePath());
        Cli fresh = train("c", 5, "--kimg", "0.008"); // the same iteration from the seed's networks
        assertThat(fresh.code()).as(fresh.err()).isZero();

        try (Stylegan2Checkpoint from = Stylegan2Checkpoint.load(exported);
                Stylegan2Checkpoint started = Stylegan2Checkpoint.load(tmp.resolve("b/checkpoints/latest.pt"));
                Stylegan2Checkpoint seeded = Stylegan2Checkpoint.load(tmp.resolve("c/checkpoints/latest.pt"))) {
            assertThat(from.g()).as("an export keeps g_ema, not g").isNull();
            // One Adam step (lr 0.002) moves each weight by about the learning rate; a fresh init differs by O(1).
            double dStarted = maxDiff(from.d().stateDict(), started.d().stateDict());
            double dSeeded = maxDiff(from.d().stateDict(), seeded.d().stateDict());
            assertThat(dStarted).isLessThan(0.01);
            assertThat(dSeeded).isGreaterThan(0.5);
            // g started from the export's g_ema; g_ema from g_ema (one EMA step towards g)
            assertThat(maxDiff(from.gEma().namedParameters(), started.g().namedParameters())).isLessThan(0.05);
            assertThat(maxDiff(from.gEma().namedParameters(), started.gEma().namedParameters())).isLessThan(0.01);
            assertThat(maxDiff(from.gEma().namedParameters(), seeded.gEma().namedParameters())).isGreaterThan(0.5);
        }
        // resuming the started run does not apply --init again
        Cli again = Cli.run("stylegan2", "train", "--resume", tmp.resolve("b").toString(), "--threads", "1");
        assertThat(again.code()).as(again.err()).isZero();
    }

    @Test
    void checkpointsARunCannotStartFromAreOneLineErrorsBeforeAnyRunDirectory() throws Exception {
        Cli missing = train("m", 1, "--kimg", "0.008", "--init", tmp.resolve("none.pt").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().trim()).isEqualTo("gan4j: --init: checkpoint not found: " + tmp.resolve("none.pt"));

        Path gOnly = tmp.resolve("g-only.pt");
        Seeds.seed(1);
        Stylegan2Checkpoint.of(new Generator(Stylegan2Config.fast(16)), null).save(gOnly);
        Cli noD = train("n", 1, "--kimg", "0.008", "--init", gOnly.toString());
        assertThat(noD.err().trim()).isEqualTo("gan4j: " + gOnly + " has no discriminator ('d'); --init needs a checkpoint"
                + " that kept it (a training checkpoint, or one exported by gan4j stylegan2 export)");

        Cli big = train(32, "big", 6, "--kimg", "0.008");
        // the run dir of a 32-px model: started from by a 16-px run
        Cli other = train("o", 1, "--kimg", "0.008", "--init", tmp.resolve("big/checkpoints/latest.pt").toString());
        assertThat(big.code()).as(big.err()).isZero();
        assertThat(other.err()).contains("holds a StyleGAN2 of 32 px").contains("but the run's flags make one of 16 px");
        for (Cli c : List.of(missing, noD, other)) {
            assertThat(c.code()).isEqualTo(2);
            assertThat(c.errLines()).as(c.err()).isEqualTo(1);
        }
        for (String run : List.of("m", "n", "o")) {
            assertThat(tmp.resolve(run)).as(run).doesNotExist();
        }
    }
}
