/**
 * Run infrastructure shared by every method's training: the run directory and its files, the training loop
 * and what it owns besides the steps.
 *
 * <p>A method implements {@link org.gan4j.train.Trainer} (what one step computes, how to save its state); the
 * CLI makes a {@link org.gan4j.train.RunDir}, writes the resolved config into it, and hands both to a
 * {@link org.gan4j.train.TrainLoop}, which decides when to checkpoint ({@link org.gan4j.train.Checkpointer},
 * atomic), sample ({@link org.gan4j.train.SampleGrid}), log ({@link org.gan4j.train.MetricsLog},
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
 * <p>Resume: the trainer stores its position (stage, next iteration) in its own checkpoint; the caller
 * restores the trainer from {@code checkpoints/latest.pt} and calls
 * {@link org.gan4j.train.TrainLoop#run(Trainer, int, long)} with that position.
 */
package org.gan4j.train;
