package org.gan4j.train;

import java.nio.file.Path;
import java.util.List;
import org.gan4j.torch.Lanes;

/**
 * A training method as {@link TrainLoop} sees it: its name, its configuration record, how to make its
 * {@link Trainer} for a new run or restore it from a checkpoint, and which files a finished run holds. Everything
 * that is not the method's maths (threads and lanes, EMA, checkpoints, artifacts, metrics, samples, the NaN
 * guard) belongs to the loop.
 *
 * <p>An instance may carry what a run needs besides its configuration and run directory, e.g. an image already
 * read or a dataset already opened, so that bad input fails before a run directory exists.
 *
 * @param <C> the configuration record, stored as the run's {@code config.json}
 * @param <T> the method's trainer
 */
public interface Method<C, T extends Trainer> {

    /** The method's name in run directories ({@code run.json}, {@code runs/<name>-...}) and on the command line. */
    String name();

    /** The configuration record that {@code config.json} is read back as on resume. */
    Class<C> configType();

    /**
     * A trainer for a new run. {@code config.json} is already written; the method writes its other inputs into
     * {@code run} here (SinGAN: {@code input.png}).
     *
     * @param lanes where the halves of a step run; owned (and closed) by the loop
     */
    T newTrainer(C config, RunDir run, Lanes lanes);

    /**
     * A trainer restored from {@code checkpoint} (the run's {@code checkpoints/latest.pt}) and the position
     * stored in it.
     *
     * @param lanes where the halves of a step run; owned (and closed) by the loop
     */
    Start<T> resume(C config, RunDir run, Path checkpoint, Lanes lanes);

    /**
     * The files a finished run holds besides those every run has ({@code run.json}, {@code config.json},
     * {@code checkpoints/latest.pt}, {@code samples/}, {@code metrics.csv}, {@code loss.png}), relative to the
     * run directory.
     */
    List<String> outputs();
}
