package org.gan4j.singan;

import org.gan4j.Gan4jException;

/**
 * How SinGAN's super-resolution reaches a factor F: k steps of F^(1/k), with k the number of steps of the
 * nominal 2^(1/3) ≈ 1.26 that come closest to F (official SR.py, calc_init_scale): 6 steps for ×4.
 */
public final class SuperResolutionSteps {

    private SuperResolutionSteps() {}

    /** Number of upsampling steps k for factor F. */
    public static int steps(double factor) {
        if (!(factor > 1)) {
            throw new Gan4jException("--factor must be greater than 1, got " + factor);
        }
        double nominal = Math.pow(0.5, 1.0 / 3);
        long k = (long) Math.rint(Math.log(1 / factor) / Math.log(nominal)); // Python round(): half to even
        return (int) Math.max(1, k);
    }

    /** The upscaling per step, F^(1/k). */
    public static double stepScale(double factor) {
        return Math.pow(factor, 1.0 / steps(factor));
    }
}
