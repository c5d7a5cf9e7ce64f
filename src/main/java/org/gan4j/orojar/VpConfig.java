package org.gan4j.orojar;

import org.gan4j.Gan4jException;

/**
 * The VP metric's protocol (Zhu, Xu &amp; Tao, ECCV 2020; the official VP-metric-pytorch settings the OroJaR README
 * gives: lr 5e-4, batch 32, 300 epochs, test ratio 0.99, the best test top-1 accuracy, averaged over 3 runs).
 *
 * @param pairs         image pairs generated (paper 10,000)
 * @param trainFraction the share of pairs the classifier learns from (paper 1%)
 * @param epochs        passes over the training pairs
 * @param batch         classifier batch size
 * @param lr            Adam learning rate
 * @param evalEvery     epochs between accuracy checks
 * @param selectPairs   test pairs the best epoch is chosen on (0: the whole test split, the official)
 * @param runs          classifier runs averaged (paper 3)
 */
public record VpConfig(int pairs, double trainFraction, int epochs, int batch, double lr, int evalEvery, int selectPairs,
        int runs) {

    public VpConfig {
        if (pairs < 10 || !(trainFraction > 0 && trainFraction < 1) || epochs < 1 || batch < 1 || evalEvery < 1
                || selectPairs < 0 || runs < 1) {
            throw new Gan4jException("VP settings out of range: pairs " + pairs + ", train fraction " + trainFraction
                    + ", epochs " + epochs + ", batch " + batch + ", eval every " + evalEvery + ", runs " + runs);
        }
    }

    /** The official protocol: 10,000 pairs, 1% to train, 300 epochs, the best of every epoch on the whole test split. */
    public static VpConfig paper() {
        return new VpConfig(10_000, 0.01, 300, 32, 5e-4, 1, 0, 3);
    }

    /**
     * A 2-core CPU protocol: the same pairs and split, 100 epochs, the best epoch (checked every 5) chosen on 1,000
     * test pairs and then scored on the whole test split.
     */
    public static VpConfig fast() {
        return new VpConfig(10_000, 0.01, 100, 32, 5e-4, 5, 1000, 3);
    }

    public VpConfig withPairs(int n) {
        return new VpConfig(n, trainFraction, epochs, batch, lr, evalEvery, selectPairs, runs);
    }

    public VpConfig withRuns(int n) {
        return new VpConfig(pairs, trainFraction, epochs, batch, lr, evalEvery, selectPairs, n);
    }

    public VpConfig withEpochs(int n, int every) {
        return new VpConfig(pairs, trainFraction, n, batch, lr, every, selectPairs, runs);
    }

    /** Training pairs: 1% of 10,000 = 100. */
    public int trainPairs() {
        return Math.max(1, (int) Math.round(pairs * trainFraction));
    }
}
