package org.gan4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.gan4j.Gan4jException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainLoopTest {

    /** The toy's configuration, as a method's Config record would be. */
    record ToyConfig(long seed, int size, long[] iterations) {}

    private static final int SIZE = 16;

    @TempDir
    Path tmp;

    private static RunDir newRun(Path dir, ToyTrainer t) {
        RunDir run = RunDir.create("toy", dir);
        run.writeConfig(new ToyConfig(t.seed, t.size, t.iterations));
        return run;
    }

    private static Progress quiet() {
        return new Progress(Progress.Mode.OFF, new PrintStream(new ByteArrayOutputStream()), Duration.ZERO);
    }

    private static LoopOptions every(long checkpoints, long samples) {
        return LoopOptions.defaults().withCheckpointEvery(checkpoints, null).withSampleEvery(samples);
    }

    private static List<String> tempFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).collect(Collectors.toList());
        }
    }

    @Test
    void fullRunWritesEveryArtifactAndTheLossFalls() throws IOException {
        ToyTrainer toy = new ToyTrainer(7, SIZE, 30, 20);
        RunDir run = newRun(tmp.resolve("run"), toy);
        new TrainLoop(run, every(10, 10).withMilestones(0, true), quiet()).run(toy);

        assertThat(toy.calls).containsExactly("begin 0 0", "end 0", "begin 1 0", "end 1");
        ToyTrainer.Saved last = ToyTrainer.read(run.checkpoints().resolve("latest.pt"), SIZE);
        assertThat(last.stage()).isEqualTo(1);
        assertThat(last.nextIter()).isEqualTo(20); // complete
        assertThat(last.w()).containsExactly(toy.weights());
        assertThat(run.checkpoints().resolve("stage00.pt")).isRegularFile();
        assertThat(ToyTrainer.read(run.checkpoints().resolve("stage00.pt"), SIZE).stage()).isEqualTo(1);
        assertThat(tempFiles(run.dir())).isEmpty();

        List<String> lines = Files.readAllLines(run.metricsCsv());
        assertThat(lines.get(0)).isEqualTo("stage,iter,seconds,loss,w_mean");
        assertThat(lines).hasSize(1 + 50);
        assertThat(lines.get(1)).startsWith("0,0,");
        assertThat(lines.get(31)).startsWith("1,0,");
        MetricsLog.Table table = MetricsLog.read(run.metricsCsv());
        double firstLoss = table.rows().get(0).values()[0];
        double lastLoss = table.rows().get(table.rows().size() - 1).values()[0];
        assertThat(lastLoss).isLessThan(firstLoss / 10);

        assertThat(LossPlotTest.isPng(run.lossPng())).isTrue();
        assertThat(ImageIO.read(run.lossPng().toFile()).getWidth()).isGreaterThan(100);
        // Samples every 10 iterations inside a stage and at each end: 10, 20, 30(end) and 10, 20(end).
        try (Stream<Path> s = Files.list(run.samples())) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted()).containsExactly(
                    "stage00-iter0000010.png", "stage00-iter0000020.png", "stage00-iter0000030.png",
                    "stage01-iter0000010.png", "stage01-iter0000020.png");
        }
        BufferedImage grid = ImageIO.read(run.samples().resolve("stage01-iter0000020.png").toFile());
        // Toy samples 8x8, 10x6, 12x12 in 2 columns with gap 2: widths 12+10, heights 8+12.
        assertThat(grid.getWidth()).isEqualTo(2 + 12 + 2 + 10 + 2);
        assertThat(grid.getHeight()).isEqualTo(2 + 8 + 2 + 12 + 2);
        assertThat(RunDir.open(run.dir(), "toy").info().state()).isEqualTo(RunInfo.FINISHED);
    }

    /** Kills a run at the given position, resumes it from its checkpoint, and compares with an uninterrupted run. */
    private void resumeMatchesUninterrupted(int killStage, long killIter, LoopOptions options, int resumeStage,
            long resumeIter) throws IOException {
        ToyTrainer straight = new ToyTrainer(11, SIZE, 30, 20);
        RunDir a = newRun(tmp.resolve("straight"), straight);
        new TrainLoop(a, options, quiet()).run(straight);

        ToyTrainer killed = new ToyTrainer(11, SIZE, 30, 20);
        killed.killAt = new ToyTrainer.At(killStage, killIter);
        RunDir b = newRun(tmp.resolve("killed"), killed);
        assertThatThrownBy(() -> new TrainLoop(b, options, quiet()).run(killed))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("simulated kill");
        assertThat(RunDir.open(b.dir()).info().state()).isEqualTo(RunInfo.FAILED);
        assertThat(RunDir.open(b.dir()).info().error()).contains("simulated kill");

        // A new process: a fresh trainer restored from latest.pt continues at the stored position.
        RunDir reopened = RunDir.open(b.dir(), "toy");
        ToyTrainer resumed = new ToyTrainer(11, SIZE, 30, 20);
        ToyTrainer.Saved at = resumed.load(reopened.checkpoints().resolve("latest.pt"));
        assertThat(at.stage()).isEqualTo(resumeStage);
        assertThat(at.nextIter()).isEqualTo(resumeIter);
        new TrainLoop(reopened, options, quiet()).run(resumed, at.stage(), at.nextIter());

        assertThat(resumed.calls.get(0)).isEqualTo("begin " + resumeStage + " " + resumeIter);
        assertThat(resumed.weights()).containsExactly(straight.weights());
        MetricsLog.Table want = MetricsLog.read(a.metricsCsv());
        MetricsLog.Table got = MetricsLog.read(reopened.metricsCsv());
        assertThat(positions(got)).containsExactlyElementsOf(positions(want)); // no duplicates, none missing
        for (int r = 0; r < want.rows().size(); r++) {
            assertThat(got.rows().get(r).values()).containsExactly(want.rows().get(r).values());
        }
        // The clock continues: seconds never go backwards across the resume.
        for (int r = 1; r < got.rows().size(); r++) {
            assertThat(got.rows().get(r).seconds()).isGreaterThanOrEqualTo(got.rows().get(r - 1).seconds());
        }
        assertThat(reopened.info().state()).isEqualTo(RunInfo.FINISHED);
    }

    private static List<String> positions(MetricsLog.Table t) {
        return t.rows().stream().map(r -> r.stage() + "/" + r.iter()).collect(Collectors.toList());
    }

    @Test
    void resumeMidStageContinuesAtTheCheckpointAndMatchesAnUninterruptedRun() throws IOException {
        resumeMatchesUninterrupted(0, 25, every(10, 0), 0, 20);
    }

    @Test
    void resumeAtAStageBoundaryStartsTheNextStage() throws IOException {
        resumeMatchesUninterrupted(1, 5, every(0, 0), 1, 0);
    }

    @Test
    void resumingACompleteRunDoesNothing() throws IOException {
        ToyTrainer toy = new ToyTrainer(3, SIZE, 5);
        RunDir run = newRun(tmp.resolve("run"), toy);
        new TrainLoop(run, every(0, 0), quiet()).run(toy);
        float[] done = toy.weights();
        ToyTrainer again = new ToyTrainer(3, SIZE, 5);
        ToyTrainer.Saved at = again.load(run.checkpoints().resolve("latest.pt"));
        new TrainLoop(RunDir.open(run.dir()), every(0, 0), quiet()).run(again, at.stage(), at.nextIter());
        assertThat(again.calls).isEmpty();
        assertThat(again.weights()).containsExactly(done);
        assertThat(MetricsLog.read(run.metricsCsv()).rows()).hasSize(5);
    }

    @Test
    void aFailingCheckpointWriteKeepsThePreviousCheckpoint() throws IOException {
        ToyTrainer toy = new ToyTrainer(5, SIZE, 30);
        toy.failSavesFrom = 2; // the first save (iteration 10) works, the second (20) fails half-way
        RunDir run = newRun(tmp.resolve("run"), toy);
        assertThatThrownBy(() -> new TrainLoop(run, every(10, 0), quiet()).run(toy))
                .isInstanceOf(Gan4jException.class)
                .hasMessageContaining("cannot write checkpoint " + run.checkpoints().resolve("latest.pt"))
                .hasMessageContaining("simulated write failure");
        ToyTrainer.Saved kept = ToyTrainer.read(run.checkpoints().resolve("latest.pt"), SIZE);
        assertThat(kept.nextIter()).isEqualTo(10);
        assertThat(tempFiles(run.dir())).isEmpty();
        assertThat(RunDir.open(run.dir()).info().state()).isEqualTo(RunInfo.FAILED);
    }

    @Test
    void nanStopsTheRunAndLeavesTheLastGoodCheckpoint() throws IOException {
        ToyTrainer toy = new ToyTrainer(9, SIZE, 30, 20);
        toy.nanAt = new ToyTrainer.At(0, 23);
        RunDir run = newRun(tmp.resolve("run"), toy);
        Path latest = run.checkpoints().resolve("latest.pt");
        // A checkpoint after every iteration: the one after the NaN step must not be written.
        LoopOptions options = every(1, 0);
        Gan4jException e = (Gan4jException) org.junit.jupiter.api.Assertions.assertThrows(Gan4jException.class,
                () -> new TrainLoop(run, options, quiet()).run(toy));
        assertThat(e.getMessage()).isEqualTo("training diverged: loss is NaN at stage 1/2 iteration 23; the last good"
                + " checkpoint is " + latest + " (resume with --resume " + run.dir()
                + ", perhaps with a lower learning rate)");
        assertThat(e.exitCode()).isEqualTo(Gan4jException.FAILED);
        ToyTrainer.Saved good = ToyTrainer.read(latest, SIZE);
        assertThat(good.nextIter()).isEqualTo(23);
        for (float x : good.w()) {
            assertThat(Float.isFinite(x)).isTrue();
        }
        assertThat(Float.isNaN(toy.weights()[0])).isTrue(); // the live weights did diverge
        RunInfo info = RunDir.open(run.dir()).info();
        assertThat(info.state()).isEqualTo(RunInfo.FAILED);
        assertThat(info.error()).isEqualTo(e.getMessage());
        // The diverged row is logged for diagnosis; a resume at 23 drops it.
        assertThat(Files.readAllLines(run.metricsCsv()).get(24)).startsWith("0,23,").contains("NaN");
    }

    @Test
    @Tag("slow")
    void stepsRunInScopesSoNativeMemoryStaysFlat() {
        // 256 KB per tensor and ~10 temporaries a step: without a scope per step 3000 steps would leak gigabytes.
        ToyTrainer toy = new ToyTrainer(1, 65_536, 3000);
        toy.measureEvery = 500;
        RunDir run = newRun(tmp.resolve("run"), toy);
        new TrainLoop(run, every(0, 0).withMetricsEvery(100), quiet()).run(toy);
        List<Long> bytes = toy.physicalBytes;
        assertThat(bytes).hasSize(6);
        // Measured from the second sample on: the first steps warm up allocator caches.
        long growth = bytes.get(bytes.size() - 1) - bytes.get(1);
        assertThat(growth).as("resident memory growth over 2000 steps").isLessThan(64L << 20);
    }

    @Test
    void refusesAPositionOutsideTheSchedule() {
        ToyTrainer toy = new ToyTrainer(1, SIZE, 10, 10);
        RunDir run = newRun(tmp.resolve("run"), toy);
        assertThatThrownBy(() -> new TrainLoop(run, every(0, 0), quiet()).run(toy, 2, 0))
                .isInstanceOf(Gan4jException.class)
                .hasMessage("cannot resume at stage 2 iteration 0: the run has 2 stages; was the configuration"
                        + " changed since the checkpoint?");
        assertThatThrownBy(() -> new TrainLoop(run, every(0, 0), quiet()).run(toy, 1, 11))
                .isInstanceOf(Gan4jException.class).hasMessageContaining("(it has 10 iterations)");
    }

    @Test
    void requiresTheConfigurationBeforeTheFirstStep() {
        ToyTrainer toy = new ToyTrainer(1, SIZE, 10);
        RunDir run = RunDir.create("toy", tmp.resolve("run"));
        assertThatThrownBy(() -> new TrainLoop(run, every(0, 0), quiet()).run(toy))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("writeConfig");
        assertThat(toy.calls).isEmpty();
    }

    @Test
    void plainProgressReportsStagesIterationsRateAndLosses() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ToyTrainer toy = new ToyTrainer(2, SIZE, 4, 3);
        RunDir run = newRun(tmp.resolve("run"), toy);
        try (Progress p = new Progress(Progress.Mode.PLAIN, new PrintStream(buf, true, StandardCharsets.UTF_8), Duration.ZERO)) {
            new TrainLoop(run, every(0, 0), p).run(toy);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("stage 1/2 | iter 1/4 | ").contains("stage 2/2 | iter 3/3 | ")
                .contains(" it/s | ETA ").contains("total ETA ~").contains("loss ").contains("w_mean ")
                .contains("finished " + run.dir());
        if (PeakMemory.megabytes() > 0 && PeakMemory.reset()) { // Linux: every stage of a multi-stage run reports its own peak
            assertThat(out).containsPattern("stage 1/2: peak memory \\d+ MB").containsPattern("stage 2/2: peak memory \\d+ MB");
        }
        assertThat(out).doesNotContain("\u001b").doesNotContain("\r");
    }
}
