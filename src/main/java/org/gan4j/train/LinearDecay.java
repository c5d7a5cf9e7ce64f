package org.gan4j.train;

/** The learning-rate factor of the pix2pix-family trainers (SPADE, CoCosNet): 1, then linearly to 0 over the last iterations. */
public final class LinearDecay {

    private LinearDecay() {}

    /**
     * The factor at iteration {@code i} of {@code iters}, falling linearly over the last {@code decayIters} (the
     * official lowers it by lr/niter_decay after every epoch of the decay phase).
     */
    // DEVIATION: the official decays once per epoch; gan4j per iteration, the same line without the steps.
    public static double factor(long i, long iters, long decayIters) {
        long start = iters - decayIters;
        return i < start || decayIters == 0 ? 1.0 : 1.0 - (double) (i - start) / decayIters;
    }
}
