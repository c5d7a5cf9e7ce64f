package org.gan4j.torch;

/**
 * Worst-case float32 rounding bounds, so that numeric tests take their tolerance from the computation instead
 * of from one CPU's result: a BLAS kernel may sum a dot product in any order, with or without FMA, and the
 * standard bound covers every order (Higham, Accuracy and Stability of Numerical Algorithms, §3.1).
 */
public final class FloatBounds {

    /** Unit roundoff of float32: 2^-24. */
    public static final double U = 0x1p-24;

    private FloatBounds() {}

    /** γ_n = n·u / (1 − n·u): the relative bound of n rounded operations in sequence. */
    public static double gamma(int n) {
        return n * U / (1 - n * U);
    }

    /**
     * |fl(Σ w_i·x_i) − Σ w_i·x_i| for n terms whose weights were themselves rounded to float32 from doubles:
     * γ_{n+1}·Σ|w_i·x_i|, bounded here by {@code sumAbsW · maxAbsX}.
     */
    public static double dot(int n, double sumAbsW, double maxAbsX) {
        return gamma(n + 1) * sumAbsW * maxAbsX;
    }
}
