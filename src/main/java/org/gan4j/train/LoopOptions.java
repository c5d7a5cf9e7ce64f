package org.gan4j.train;

import java.time.Duration;

/**
 * When {@link TrainLoop} checkpoints, samples and logs; {@link #defaults()} suits multi-hour runs.
 *
 * <p>Iteration counts are counted within a stage ({@code nextIter % every == 0}), so the schedule of a resumed
 * run is the same as that of an uninterrupted one. Every stage also ends with a checkpoint, a sample grid and
 * a fresh {@code loss.png}, whatever these settings say.
 *
 * @param checkpointEvery    write {@code latest.pt} every this many iterations (0: only by time and at stage
 *                           ends); default 250
 * @param checkpointInterval also write it when this much time has passed since the last one (null or zero:
 *                           never by time); default 5 minutes, so a kill costs at most that much work
 * @param milestoneEvery     keep a copy {@code stageSS-iterIIIIIII.pt} every this many iterations (0: none);
 *                           default 0
 * @param stageMilestones    keep a copy {@code stageSS.pt} at the end of every stage (SinGAN's per-scale
 *                           models); default false
 * @param sampleEvery        write a sample grid and refresh {@code loss.png} every this many iterations (0: at
 *                           stage ends only); default 500
 * @param metricsEvery       log every this many iterations to {@code metrics.csv} (1: all; the last iteration
 *                           of a stage is always logged); default 1
 * @param logScalePlot       draw {@code loss.png} with a logarithmic y axis; default false
 */
public record LoopOptions(
        long checkpointEvery,
        Duration checkpointInterval,
        long milestoneEvery,
        boolean stageMilestones,
        long sampleEvery,
        long metricsEvery,
        boolean logScalePlot) {

    public LoopOptions {
        if (checkpointEvery < 0 || milestoneEvery < 0 || sampleEvery < 0) {
            throw new IllegalArgumentException("checkpoint, milestone and sample intervals must be >= 0");
        }
        if (metricsEvery < 1) {
            throw new IllegalArgumentException("metricsEvery must be >= 1, got " + metricsEvery);
        }
        if (checkpointInterval != null && checkpointInterval.isNegative()) {
            throw new IllegalArgumentException("checkpointInterval must not be negative");
        }
    }

    /** Every 250 iterations or 5 minutes, samples every 500, every iteration logged, linear plot. */
    public static LoopOptions defaults() {
        return new LoopOptions(250, Duration.ofMinutes(5), 0, false, 500, 1, false);
    }

    public LoopOptions withCheckpointEvery(long every, Duration interval) {
        return new LoopOptions(every, interval, milestoneEvery, stageMilestones, sampleEvery, metricsEvery, logScalePlot);
    }

    public LoopOptions withMilestones(long every, boolean atStageEnds) {
        return new LoopOptions(checkpointEvery, checkpointInterval, every, atStageEnds, sampleEvery, metricsEvery, logScalePlot);
    }

    public LoopOptions withSampleEvery(long every) {
        return new LoopOptions(checkpointEvery, checkpointInterval, milestoneEvery, stageMilestones, every, metricsEvery, logScalePlot);
    }

    public LoopOptions withMetricsEvery(long every) {
        return new LoopOptions(checkpointEvery, checkpointInterval, milestoneEvery, stageMilestones, sampleEvery, every, logScalePlot);
    }

    public LoopOptions withLogScalePlot(boolean on) {
        return new LoopOptions(checkpointEvery, checkpointInterval, milestoneEvery, stageMilestones, sampleEvery, metricsEvery, on);
    }

    /** Whether a time-based checkpoint is configured. */
    boolean checkpointsByTime() {
        return checkpointInterval != null && !checkpointInterval.isZero();
    }
}
