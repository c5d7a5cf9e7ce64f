/**
 * Run infrastructure shared by every method's training: the run directory and its files, the training loop
 * and what it owns besides the steps.
 *
 * <p>A method implements {@link org.gan4j.train.Method} (its name, config record, and how to make its trainer
 * for a new or a resumed run) and {@link org.gan4j.train.Trainer} (what one step computes, how to save its state,
 * which EMA pairs and artifacts the loop handles for it); the CLI makes a {@link org.gan4j.train.RunDir} and hands
 * it with the method and its config to a {@link org.gan4j.train.TrainLoop}, which writes the config, owns the
 * lanes, and decides when to checkpoint ({@link org.gan4j.train.Checkpointer}, atomic), sample ({@link org.gan4j.train.SampleGrid}), log ({@link org.gan4j.train.MetricsLog},
 * {@link org.gan4j.train.LossPlot}), report ({@link org.gan4j.train.Progress}) and stop
 * ({@link org.gan4j.train.NanGuard}). {@link org.gan4j.train.Ema} keeps the moving average of weights that
 * StyleGAN2 and its descendants sample from.
 *
 * <p>Layout of a run directory:
 * <pre>
 * runs/&lt;method&gt;-&lt;yyyyMMdd-HHmmss&gt;/
 *   run.json        method, gan4j version, state (created, running, finished, failed, interrupted)
 *   config.json     the resolved configuration, written before the first step
 *   checkpoints/    latest.pt (replaced atomically) and optional milestones
 *   samples/        stageSS-iterIIIIIII.png grids
 *   metrics.csv     stage,iter,seconds,&lt;losses...&gt;
 *   loss.png        the losses against the global iteration
 * </pre>
 *
 * <p>Resume: the trainer stores its position (stage, next iteration) in its own checkpoint;
 * {@link org.gan4j.train.TrainLoop#resume} has the method restore the trainer from
 * {@code checkpoints/latest.pt} and read that position ({@link org.gan4j.train.Start}), then continues there.
 */
package org.gan4j.train;
