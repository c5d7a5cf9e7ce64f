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

    @Test
    @Tag("slow") // two JVMs, one killed, then two again
    void aKilledRankStopsTheJobInOneLineAndResumeFinishesIt(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        java.util.concurrent.CompletableFuture<Cli> job = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                Cli.run("stylegan2", "train", "--data", "builtin:landscapes", "--size", "16", "--preset", "fast",
                        "--kimg", "2.4", "--batch", "8", "--seed", "4", "--samples", "1", "--nproc", "2", "--out",
                        run.toString()));
        Path checkpoint = run.resolve("checkpoints/latest.pt"); // written at iteration 250 of 300
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
        while (!java.nio.file.Files.exists(checkpoint) && !job.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(job.isDone()).as("the job was still running at its first checkpoint").isFalse();
        // rank 1 is the job's second process
        ProcessHandle rank1 = ProcessHandle.current().children()
                .sorted(java.util.Comparator.comparing(h -> h.info().startInstant().orElse(java.time.Instant.MAX)))
                .skip(1).findFirst().orElseThrow();
        rank1.destroyForcibly();
        Cli killed = job.get(5, java.util.concurrent.TimeUnit.MINUTES);
        assertThat(killed.code()).as(killed.out() + killed.err()).isNotZero();
        List<String> lines = killed.err().lines().filter(l -> l.startsWith("gan4j:")).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("rank 0 of 2: another process of the job stopped").contains("--resume");
        assertThat(killed.err()).doesNotContain("frame #").doesNotContain("Exception raised from");

        Cli again = Cli.run("stylegan2", "train", "--resume", run.toString(), "--nproc", "2");
        assertThat(again.code()).as(again.out() + again.err()).isZero();
        var rows = MetricsLog.read(run.resolve("metrics.csv")).rows();
        assertThat(rows).as("every iteration once").hasSize(300);
    }
}
