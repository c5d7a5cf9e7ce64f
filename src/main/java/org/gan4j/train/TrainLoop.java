package org.gan4j.train;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.gan4j.Gan4jException;
import org.gan4j.torch.AtomicFile;
import org.gan4j.torch.Engine;
import org.gan4j.torch.Lanes;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.dist.World;

/**
 * Runs a {@link Trainer} through its stages and iterations and owns everything around the steps: a scope per
 * step, the trainer's EMA updates, the intra-op threads of a stage (and, for a {@link Method}, the lanes),
 * metrics.csv, progress, the NaN guard, atomic checkpoints and artifacts, sample grids, loss.png and the run's
 * state. {@link #train} and {@link #resume} run a {@link Method}; {@link #run} runs a trainer made by hand.
 *
 * <p>Order within an iteration: step (in a {@link Scope}) → metrics row → NaN guard → progress → checkpoint
 * → milestone → samples; the step's scope also holds the EMA updates. The guard runs before any checkpoint of a
 * diverged step, so {@code latest.pt} always holds the last good state. At a stage end: {@link Trainer#endStage}
 * → the trainer's artifacts → checkpoint at (stage + 1, 0) (or, for the last stage, at (stage, iterations),
 * meaning "complete") → stage milestone → samples → loss.png.
 *
 * <p>Resume is exact: {@code run(trainer, s, i)} with the position stored in the checkpoint calls
 * {@code beginStage(s, i)}, runs iterations i.. of stage s and then the later stages, drops any metrics rows
 * at or after (s, i) and continues the run's clock from the last kept row; the checkpoint and sample schedule
 * depends only on the position, so it is the same as in an uninterrupted run.
 *
 * <p>In a data-parallel job ({@link World} of N processes) every rank runs the same steps (the trainer averages
 * gradients in them) and the losses are averaged over the ranks after each step; rank 0 runs this loop as
 * described, alone writing config.json, checkpoints, samples, metrics and progress and updating the EMA, while
 * the others {@link #follow} it: the steps only, from the same start.
 */
public final class TrainLoop {

    private final RunDir run;
    private final LoopOptions options;
    private final Progress progress;
    private final World world;

    private Checkpointer checkpointer;
    private MetricsLog metrics;
    private double secondsBefore;
    private long sessionStartNanos;
    private long lastCheckpointNanos;
    private boolean plotWarned;

    /**
     * @param run      the run directory; its config.json must already be written
     * @param options  when to checkpoint, sample and log ({@link LoopOptions#defaults()})
     * @param progress where progress and messages go (not closed by the loop)
     */
    public TrainLoop(RunDir run, LoopOptions options, Progress progress) {
        this(run, options, progress, World.single());
    }

    /**
     * @param world the job's processes; with more than one, rank 0 calls {@link #train}/{@link #resume} and the
     *              others {@link #follow}
     */
    public TrainLoop(RunDir run, LoopOptions options, Progress progress, World world) {
        this.run = run;
        this.options = options;
        this.progress = progress;
        this.world = world;
    }

    /** What rank 0 tells the others once config.json is in place: a fresh run, or a resumed one. */
    private static final String START_KEY = "start";
    private static final String FRESH = "fresh";
    private static final String RESUMED = "resumed";

    /**
     * Trains a new run of {@code method}: writes {@code config} as {@code config.json}, makes the method's
     * trainer on lanes the loop owns (the thread budget, {@link Engine#threads()}), trains it to the end and
     * returns {@code result} of the finished trainer, which is then closed.
     *
     * @param result what the caller keeps of the finished trainer (SinGAN: its model); called before the trainer
     *               is closed, so it must not return anything the trainer frees
     */
    public <C, T extends Trainer, R> R train(Method<C, T> method, C config, Function<? super T, ? extends R> result) {
        checkMethod(method);
        checkLeader();
        run.writeConfig(config);
        world.agree(START_KEY, FRESH);
        try (Lanes lanes = Lanes.forThreads(Engine.threads())) {
            return runToEnd(Start.fresh(method.newTrainer(config, run, lanes)), result);
        }
    }

    /**
     * Continues this run of {@code method} from {@code checkpoints/latest.pt} (from the beginning if no checkpoint
     * was written yet) with the configuration in its {@code config.json}; a complete run trains nothing again.
     * Returns {@code result} of the finished trainer, as {@link #train}.
     */
    public <C, T extends Trainer, R> R resume(Method<C, T> method, Function<? super T, ? extends R> result) {
        checkMethod(method);
        checkLeader();
        world.agree(START_KEY, RESUMED);
        C config = run.readConfig(method.configType());
        Path latest = run.checkpoints().resolve(Checkpointer.LATEST);
        try (Lanes lanes = Lanes.forThreads(Engine.threads())) {
            return runToEnd(Files.isRegularFile(latest) ? method.resume(config, run, latest, lanes)
                    : Start.fresh(method.newTrainer(config, run, lanes)), result);
        }
    }

    /**
     * A rank other than 0 of a data-parallel job: waits until rank 0 has written config.json, makes the same trainer
     * (fresh, or from the same {@code latest.pt} for a resumed run) and runs the same steps, writing nothing.
     * Returns {@code result} of the finished trainer.
     */
    public <C, T extends Trainer, R> R follow(Method<C, T> method, Function<? super T, ? extends R> result) {
        checkMethod(method);
        if (world.leader()) {
            throw new IllegalStateException("rank 0 runs train or resume, not follow");
        }
        boolean fresh = FRESH.equals(world.agree(START_KEY, null));
        C config = run.readConfig(method.configType());
        Path latest = run.checkpoints().resolve(Checkpointer.LATEST);
        try (Lanes lanes = Lanes.forThreads(Engine.threads())) {
            Start<T> start = !fresh && Files.isRegularFile(latest) ? method.resume(config, run, latest, lanes)
                    : Start.fresh(method.newTrainer(config, run, lanes));
            try (T trainer = start.trainer()) {
                followSteps(trainer, start.stage(), start.iter());
                return result.apply(trainer);
            }
        }
    }

    private void followSteps(Trainer trainer, int startStage, long startIter) {
        checkPosition(trainer, trainer.stages(), startStage, startIter);
        for (int s = startStage; s < trainer.stages(); s++) {
            long first = s == startStage ? startIter : 0;
            long n = trainer.iterations(s);
            if (first >= n) {
                continue;
            }
            Engine.intraOpThreads(trainer.intraThreads());
            try {
                trainer.beginStage(s, first);
                for (long i = first; i < n; i++) {
                    Map<String, Double> losses;
                    try (Scope scope = new Scope()) {
                        losses = reduced(trainer.step(s, i));
                    }
                    if (!allFinite(losses)) {
                        throw Gan4jException.failed("rank " + world.rank() + ": the losses are not finite at "
                                + trainer.stageLabel(s) + " iteration " + i + "; rank 0 stops the run (see its message)");
                    }
                }
                trainer.endStage(s);
            } finally {
                Engine.intraOpThreads(1);
            }
        }
    }

    private Map<String, Double> reduced(Map<String, Double> out) {
        return world.average(out == null ? Map.of() : new LinkedHashMap<>(out));
    }

    private void checkLeader() {
        if (!world.leader()) {
            throw new IllegalStateException("rank " + world.rank() + " follows rank 0 (TrainLoop.follow)");
        }
    }

    private <T extends Trainer, R> R runToEnd(Start<T> start, Function<? super T, ? extends R> result) {
        try (T trainer = start.trainer()) {
            run(trainer, start.stage(), start.iter());
            return result.apply(trainer);
        }
    }

    private void checkMethod(Method<?, ?> method) {
        if (!method.name().equals(run.method())) {
            throw new IllegalArgumentException(run.dir() + " is a " + run.method() + " run, not a " + method.name() + " run");
        }
    }

    /** Trains from the beginning. */
    public void run(Trainer trainer) {
        run(trainer, 0, 0);
    }

    /**
     * Trains from ({@code startStage}, {@code startIter}) to the end; on any exception marks the run failed
     * (keeping the last good checkpoint) and rethrows.
     *
     * @param trainer    the method's per-step computation, already restored from the checkpoint if resuming
     * @param startStage 0, or the stage stored in the checkpoint
     * @param startIter  0, or the next iteration stored in the checkpoint ({@code iterations(startStage)}
     *                   means that stage is complete)
     */
    public void run(Trainer trainer, int startStage, long startIter) {
        int stages = trainer.stages();
        checkPosition(trainer, stages, startStage, startIter);
        if (!Files.isRegularFile(run.configJson())) {
            throw new IllegalStateException("write the configuration (RunDir.writeConfig) before training");
        }
        double total = 0;
        double done = startIter * trainer.relativeCost(startStage);
        for (int s = 0; s < stages; s++) {
            total += trainer.iterations(s) * trainer.relativeCost(s);
            done += s < startStage ? trainer.iterations(s) * trainer.relativeCost(s) : 0;
        }
        Thread onKill = new Thread(this::markInterruptedIfRunning, "gan4j-run-interrupted");
        try {
            checkpointer = new Checkpointer(run.checkpoints());
            checkpointer.deleteStaleTemps();
            metrics = MetricsLog.open(run.metricsCsv(), startStage, startIter);
        } catch (IOException e) {
            throw Gan4jException.failed("cannot prepare " + run.dir() + ": " + e.getMessage());
        }
        NanGuard guard = new NanGuard(run.dir(), checkpointer.latest());
        secondsBefore = metrics.elapsedSeconds();
        sessionStartNanos = System.nanoTime();
        lastCheckpointNanos = sessionStartNanos;
        run.markRunning();
        Runtime.getRuntime().addShutdownHook(onKill);
        try {
            progress.start(total, done);
            if (startStage > 0 || startIter > 0) {
                progress.log("resuming " + run.dir() + " at " + trainer.stageLabel(startStage) + " iteration " + startIter);
            }
            for (int s = startStage; s < stages; s++) {
                runStage(trainer, guard, s, s == startStage ? startIter : 0, stages);
            }
            plot();
            run.markFinished();
            progress.log("finished " + run.dir() + " in " + Progress.duration(seconds()) + " of training; checkpoint "
                    + checkpointer.latest());
        } catch (RuntimeException | Error e) {
            fail(e);
            throw e;
        } finally {
            progress.endStage();
            closeMetrics();
            try {
                Runtime.getRuntime().removeShutdownHook(onKill);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or will run; nothing to undo
            }
        }
    }

    private void runStage(Trainer trainer, NanGuard guard, int s, long first, int stages) {
        long n = trainer.iterations(s);
        if (first >= n) {
            return; // completed (and ended) before the checkpoint was written
        }
        Engine.intraOpThreads(trainer.intraThreads());
        // Multi-stage runs only: the reset also lowers what getrusage and /usr/bin/time report for the process.
        boolean peak = stages > 1 && PeakMemory.reset();
        try {
            trainStage(trainer, guard, s, first, n);
        } finally {
            Engine.intraOpThreads(1); // the loop's thread keeps one intra-op thread outside a stage (see Engine)
        }
        progress.endStage();
        long mb = peak ? PeakMemory.megabytes() : -1;
        if (mb > 0) {
            progress.log(trainer.stageLabel(s) + ": peak memory " + mb + " MB");
        }
        writeArtifacts(trainer, s);
        if (s + 1 < stages) {
            checkpoint(trainer, s + 1, 0);
        } else {
            checkpoint(trainer, s, n);
        }
        if (options.stageMilestones()) {
            io("keep a milestone", () -> checkpointer.keepMilestone(String.format(Locale.ROOT, "stage%02d", s)));
        }
        samples(trainer, s, n);
        plot();
    }

    /** beginStage, the iterations from {@code first} (each step followed by the trainer's EMA updates), endStage. */
    private void trainStage(Trainer trainer, NanGuard guard, int s, long first, long n) {
        String label = trainer.stageLabel(s);
        trainer.beginStage(s, first);
        progress.beginStage(label, n, first, trainer.relativeCost(s));
        List<Ema> emas = trainer.emas();
        for (long i = first; i < n; i++) {
            Map<String, Double> losses;
            try (Scope scope = new Scope()) {
                losses = reduced(trainer.step(s, i));
                for (Ema ema : emas) {
                    ema.update();
                }
            }
            long iter = i;
            long next = i + 1;
            boolean last = next == n;
            if (next % options.metricsEvery() == 0 || last || !allFinite(losses)) {
                io("append to " + run.metricsCsv(), () -> metrics.append(s, iter, seconds(), losses));
            }
            guard.check(losses, label, i);
            progress.update(next, losses);
            if (last) {
                break;
            }
            boolean milestone = options.milestoneEvery() > 0 && next % options.milestoneEvery() == 0;
            if (milestone || checkpointDue(next)) {
                checkpoint(trainer, s, next);
            }
            if (milestone) {
                io("keep a milestone", () -> checkpointer.keepMilestone(String.format(Locale.ROOT, "stage%02d-iter%07d", s, next)));
            }
            if (options.sampleEvery() > 0 && next % options.sampleEvery() == 0) {
                samples(trainer, s, next);
                plot();
            }
        }
        trainer.endStage(s);
    }

    /** Writes the files the trainer declares for the end of {@code stage}, each atomically. */
    private void writeArtifacts(Trainer trainer, int stage) {
        for (Artifact a : trainer.artifacts(stage)) {
            Path target = run.dir().resolve(a.file());
            io("write " + target, () -> {
                try (Scope scope = new Scope(); NoGrad ng = new NoGrad()) {
                    AtomicFile.write(target, a.writer());
                }
            });
        }
    }

    private boolean checkpointDue(long next) {
        if (options.checkpointEvery() > 0 && next % options.checkpointEvery() == 0) {
            return true;
        }
        return options.checkpointsByTime()
                && System.nanoTime() - lastCheckpointNanos >= options.checkpointInterval().toNanos();
    }

    private void checkpoint(Trainer trainer, int stage, long nextIter) {
        io("write checkpoint " + checkpointer.latest(), () -> checkpointer.saveLatest(tmp -> {
            try (Scope scope = new Scope(); NoGrad ng = new NoGrad()) {
                trainer.save(tmp, stage, nextIter);
            }
        }));
        lastCheckpointNanos = System.nanoTime();
    }

    private void samples(Trainer trainer, int stage, long iter) {
        List<BufferedImage> images;
        try (Scope scope = new Scope(); NoGrad ng = new NoGrad()) {
            images = trainer.samples(stage, iter);
        }
        if (images != null && !images.isEmpty()) {
            String label = String.format(Locale.ROOT, "stage%02d-iter%07d", stage, iter);
            io("write samples", () -> SampleGrid.write(run.samples(), label, images));
        }
    }

    /** Redraws loss.png; a plot that cannot be drawn is reported once and never stops a run. */
    private void plot() {
        try {
            LossPlot.render(run.metricsCsv(), run.lossPng(), options.logScalePlot());
        } catch (IOException | RuntimeException e) {
            if (!plotWarned) {
                plotWarned = true;
                progress.log("warning: cannot draw " + run.lossPng() + ": " + Engine.firstLine(e));
            }
        }
    }

    private double seconds() {
        return secondsBefore + (System.nanoTime() - sessionStartNanos) / 1e9;
    }

    private void fail(Throwable e) {
        closeMetrics();
        plot();
        String reason = e instanceof Gan4jException ? e.getMessage() : Engine.firstLine(e);
        try {
            run.markFailed(reason);
        } catch (RuntimeException marking) {
            e.addSuppressed(marking);
        }
    }

    private void markInterruptedIfRunning() {
        if (RunInfo.RUNNING.equals(run.info().state())) {
            run.markInterrupted();
        }
    }

    private void closeMetrics() {
        try {
            if (metrics != null) {
                metrics.close();
            }
        } catch (IOException ignored) {
            // every row was flushed when written
        }
    }

    private static void checkPosition(Trainer trainer, int stages, int stage, long iter) {
        if (stages < 1) {
            throw new IllegalArgumentException("a trainer needs at least one stage");
        }
        if (stage < 0 || stage >= stages || iter < 0 || iter > trainer.iterations(stage)) {
            String limit = stage >= 0 && stage < stages ? " (it has " + trainer.iterations(stage) + " iterations)" : "";
            throw new Gan4jException("cannot resume at stage " + stage + " iteration " + iter + ": the run has " + stages
                    + " stages" + limit + "; was the configuration changed since the checkpoint?");
        }
    }

    private static boolean allFinite(Map<String, Double> losses) {
        return losses.values().stream().allMatch(Double::isFinite);
    }

    @FunctionalInterface
    private interface IOAction {
        void run() throws IOException;
    }

    /** Runs {@code action}; an I/O failure ends the run with a one-line message (most likely a full disk). */
    private static void io(String what, IOAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw Gan4jException.failed("cannot " + what + ": " + e + " (is the disk full or read-only?)");
        }
    }
}
