package org.gan4j.stylegan2;

import org.gan4j.Gan4jException;
import org.gan4j.loss.LatentPenalty;

/**
 * What a StyleGAN2 training run needs besides the model settings, stored with them as the run's
 * {@code config.json} so that {@code --resume} rebuilds the same run.
 *
 * @param config      the model and training settings
 * @param data        the training images: a folder, or {@code builtin:landscapes}
 * @param flip        mirror training images at random (rosinality's {@code RandomHorizontalFlip}; default on)
 * @param sampleCount images in each sample grid of g_ema (fixed z)
 * @param reg         a disentanglement regulariser on z (OroJaR or the Hessian Penalty), or none; runs written
 *                    before it existed read as none
 * @param init        a trained checkpoint the run starts from ({@code --init}: g, g_ema and D, fresh optimizers,
 *                    iteration 0 of this run's schedule), or null for networks initialised from the seed
 */
public record TrainingRun(Stylegan2Config config, String data, boolean flip, int sampleCount, LatentPenalty reg,
        String init) {

    public TrainingRun(Stylegan2Config config, String data, boolean flip, int sampleCount) {
        this(config, data, flip, sampleCount, LatentPenalty.none());
    }

    public TrainingRun(Stylegan2Config config, String data, boolean flip, int sampleCount, LatentPenalty reg) {
        this(config, data, flip, sampleCount, reg, null);
    }

    public TrainingRun {
        reg = reg == null ? LatentPenalty.none() : reg;
        int b = config.batch();
        if (b < 1 || (b > Discriminator.STDDEV_GROUP && b % Discriminator.STDDEV_GROUP != 0)) {
            throw new Gan4jException("--batch must be 1 to 4 or a multiple of 4 (the discriminator's minibatch"
                    + " standard deviation works on groups of 4), got " + b);
        }
        if (config.iters() < 1) {
            throw new Gan4jException("the run needs at least one iteration (--kimg too small?), got " + config.iters());
        }
        if (sampleCount < 1) {
            throw new Gan4jException("--samples must be at least 1, got " + sampleCount);
        }
    }

    /** Iterations that see {@code kimg} thousand real images at {@code batch} per iteration (at least 1). */
    public static long itersForKimg(double kimg, int batch) {
        if (!(kimg > 0)) {
            throw new Gan4jException("--kimg must be positive, got " + kimg);
        }
        return Math.max(1, (long) Math.ceil(kimg * 1000 / batch));
    }
}
