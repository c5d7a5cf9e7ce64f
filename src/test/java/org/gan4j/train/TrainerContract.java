package org.gan4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Scope;
import org.gan4j.torch.StateDicts;

/**
 * The contract every method's trainer keeps, run on a {@link TinyTrainer}: (a) killed at a (stage, iteration)
 * and resumed from its checkpoint it ends bit for bit where the uninterrupted run ends, (b) one lane and two
 * lanes train the same model bit for bit, (c) a checkpoint loaded and saved again is the same checkpoint.
 */
public final class TrainerContract {

    // "The same run" means every .pt file of the run directory (checkpoints, the method's model files) and the
    // rows of metrics.csv; two lanes also log the same values.

    private TrainerContract() {}

    /**
     * @param kit  the method's tiny trainer
     * @param loop checkpoint schedule (every few iterations, no samples)
     * @param kill where the killed run stops; a checkpoint must have been written before it
     * @param tmp  an empty directory for the runs
     */
    public static void check(TinyTrainer kit, LoopOptions loop, TinyTrainer.Position kill, Path tmp) throws IOException {
        RunDir whole = train(kit, tmp.resolve("whole"), loop, 1);

        RunDir killed = RunDir.create(kit.method(), tmp.resolve("killed"));
        Trainer first = kit.fresh(killed, 1);
        try {
            assertThatThrownBy(() -> new TrainLoop(killed, loop, quiet()).run(new KillAt(first, kill.stage(), kill.iter())))
                    .hasMessageContaining(KillAt.MESSAGE);
        } finally {
            close(first);
        }
        Path latest = killed.checkpoints().resolve("latest.pt");
        Object mid = PtFile.load(latest);
        TinyTrainer.Position expected = lastCheckpointBefore(kill, loop.checkpointEvery());

        // (c) load → save gives the same checkpoint
        Path again = tmp.resolve("saved-again.pt");
        TinyTrainer.Restored r = kit.restore(killed, latest, 1);
        try {
            assertThat(r.at()).as("position of the last checkpoint before the kill").isEqualTo(expected);
            Trainer t = r.trainer();
            try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
                if (expected.iter() > 0 && expected.iter() < t.iterations(expected.stage())) {
                    t.beginStage(expected.stage(), expected.iter()); // a mid-stage save follows beginStage in the loop
                }
                t.save(again, expected.stage(), expected.iter());
            }
        } finally {
            close(r.trainer());
        }
        StateDicts.assertTreeBitEqual(mid, PtFile.load(again), "checkpoint loaded and saved again");

        // (a) resume, as a new process would: reopen the run directory, restore, continue at the stored position
        RunDir reopened = RunDir.open(killed.dir());
        TinyTrainer.Restored resumed = kit.restore(reopened, latest, 1);
        try {
            new TrainLoop(reopened, loop, quiet()).run(resumed.trainer(), resumed.at().stage(), resumed.at().iter());
        } finally {
            close(resumed.trainer());
        }
        assertSameRun(whole, reopened, "killed and resumed");
        // The state did move after the kill, so the comparison above is not one of two unchanged copies.
        assertThatThrownBy(() -> StateDicts.assertTreeBitEqual(mid, PtFile.load(latest), "mid-run against final"))
                .isInstanceOf(AssertionError.class);

        // (b) two lanes
        RunDir twoLanes = train(kit, tmp.resolve("two-lanes"), loop, 2);
        assertSameRun(whole, twoLanes, "two lanes");
        assertSameLoggedValues(whole, twoLanes, "two lanes");
    }

    private static RunDir train(TinyTrainer kit, Path dir, LoopOptions loop, int lanes) {
        RunDir run = RunDir.create(kit.method(), dir);
        Trainer t = kit.fresh(run, lanes);
        try {
            new TrainLoop(run, loop, quiet()).run(t);
        } finally {
            close(t);
        }
        return run;
    }

    /** The checkpoint a kill at {@code kill} leaves: the last multiple of {@code every} in its stage, or its start. */
    static TinyTrainer.Position lastCheckpointBefore(TinyTrainer.Position kill, long every) {
        assertThat(every).as("the contract needs checkpoints every few iterations").isPositive();
        long iter = kill.iter() / every * every;
        assertThat(kill.stage() > 0 || iter > 0).as("a checkpoint before the kill at " + kill).isTrue();
        return new TinyTrainer.Position(kill.stage(), iter);
    }

    private static void assertSameRun(RunDir a, RunDir b, String what) throws IOException {
        List<Path> files = ptFiles(a);
        assertThat(ptFiles(b)).as(what + ": .pt files").containsExactlyElementsOf(files);
        assertThat(files).as(what + ": .pt files").isNotEmpty();
        for (Path f : files) {
            StateDicts.assertTreeBitEqual(PtFile.load(a.dir().resolve(f)), PtFile.load(b.dir().resolve(f)), what + ": " + f);
        }
        MetricsLog.Table ma = MetricsLog.read(a.metricsCsv());
        MetricsLog.Table mb = MetricsLog.read(b.metricsCsv());
        assertThat(mb.columns()).as(what + ": metrics columns").isEqualTo(ma.columns());
        assertThat(mb.rows()).as(what + ": metrics rows").hasSameSizeAs(ma.rows());
        for (int i = 0; i < ma.rows().size(); i++) {
            MetricsLog.Row x = ma.rows().get(i);
            MetricsLog.Row y = mb.rows().get(i);
            String row = what + ": metrics row " + i;
            assertThat(new long[] {y.stage(), y.iter()}).as(row).containsExactly(x.stage(), x.iter());
        }
    }

    /**
     * Every logged value equal. Not required of a resumed run: a method may log a lazily computed term as "the
     * last value", which a resumed run only knows again once it has computed it (StyleGAN2's r1 logs 0 until
     * then); it logs what it computed, and the weights above are what must match.
     */
    private static void assertSameLoggedValues(RunDir a, RunDir b, String what) throws IOException {
        List<MetricsLog.Row> ra = MetricsLog.read(a.metricsCsv()).rows();
        List<MetricsLog.Row> rb = MetricsLog.read(b.metricsCsv()).rows();
        for (int i = 0; i < ra.size(); i++) {
            MetricsLog.Row x = ra.get(i);
            assertThat(rb.get(i).values()).as(what + ": metrics at stage " + x.stage() + " iteration " + x.iter())
                    .containsExactly(x.values());
        }
    }

    private static List<Path> ptFiles(RunDir run) throws IOException {
        try (Stream<Path> s = Files.walk(run.dir())) {
            return s.filter(p -> p.toString().endsWith(".pt")).map(run.dir()::relativize).sorted().toList();
        }
    }

    private static Progress quiet() {
        return new Progress(Progress.Mode.OFF, System.err, Duration.ZERO);
    }

    private static void close(Trainer t) {
        t.close();
    }
}
