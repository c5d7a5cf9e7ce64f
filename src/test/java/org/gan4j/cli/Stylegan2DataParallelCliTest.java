package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.gan4j.train.MetricsLog;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gan4j stylegan2 train --nproc 2}: the command starts two processes of itself with torchrun's variables set
 * (so this is also the torchrun-style path); rank 0 writes the run, and the job resumes as a whole.
 */
class Stylegan2DataParallelCliTest {

    @Test
    @Tag("slow") // two JVMs, twice
    void nprocTwoTrainsOneRunAndResumesIt(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        Cli t = Cli.run("stylegan2", "train", "--data", "builtin:landscapes", "--size", "16", "--preset", "fast",
                "--kimg", "0.016", "--batch", "8", "--seed", "4", "--samples", "4", "--nproc", "2", "--out", run.toString());
        assertThat(t.code()).as(t.out() + t.err()).isZero();
        assertThat(t.out()).contains("Starting 2 processes").contains("StyleGAN2 16x16, preset fast: 2 iterations of batch 8")
                .contains("Checkpoint: ");
        // Rank 1 prints nothing of its own (Gloo's C++ code notes its connection on stdout).
        assertThat(t.out().lines().filter(l -> l.startsWith("[rank 1]") && !l.startsWith("[rank 1] [Gloo]"))).isEmpty();
        for (String f : List.of("config.json", "run.json", "metrics.csv", "loss.png", "checkpoints/latest.pt")) {
            assertThat(run.resolve(f)).as(f).isRegularFile();
        }
        assertThat(MetricsLog.read(run.resolve("metrics.csv")).rows()).hasSize(2);
        assertThat(t.err()).contains("2 processes, 4 images each per batch");

        Cli again = Cli.run("stylegan2", "train", "--resume", run.toString(), "--nproc", "2");
        assertThat(again.code()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("Resuming");
        assertThat(MetricsLog.read(run.resolve("metrics.csv")).rows()).as("no iteration trained again").hasSize(2);
    }
}
