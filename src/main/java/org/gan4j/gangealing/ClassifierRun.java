package org.gan4j.gangealing;

import org.gan4j.Gan4jException;

/**
 * A cluster-classifier training run ({@code train_cluster_classifier.py}), stored as its {@code config.json}.
 *
 * @param congealing the K-head GANgealing run directory it classifies for (its config.json names the generator)
 * @param batch      generated images per step
 * @param iters      steps
 * @param lr         Adam learning rate (the official 0.001), with the decaying cosine restarts of the congealing
 *                   run's period, multiplier and decay
 * @param seed       random seed
 */
public record ClassifierRun(String congealing, int batch, long iters, double lr, long seed) {

    public ClassifierRun {
        if (congealing == null) {
            throw new Gan4jException("the cluster classifier needs the GANgealing run it classifies for (--model RUN)");
        }
        if (batch < 1 || iters < 1 || !(lr > 0)) {
            throw new Gan4jException("the classifier needs positive batch, iterations and learning rate; got batch " + batch
                    + ", iters " + iters + ", lr " + lr);
        }
    }
}
