package org.gan4j.torch;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.pytorch.global.torch;

/**
 * Loads libtorch once and manages its threads.
 *
 * <p>{@link #threads()} is the thread budget ({@link #DEFAULT_THREADS}, chosen by measurement on 2-core machines,
 * see docs/benchmarks.md; override it with {@code --threads}, the system property {@code gan4j.threads} or the
 * environment variable {@code GAN4J_THREADS}). Measured here, libtorch's own intra-op threading (OpenMP) pays
 * off only for large ops and makes small ones up to 30x slower, so the calling thread runs with one intra-op
 * thread and the budget is spent on {@link Lanes} (independent work side by side) or, for one large op stream,
 * through {@link #intraOpThreads(int)}.
 */
public final class Engine {

    /** Measured fastest for SinGAN training on 2 vCPUs (docs/benchmarks.md, "threads"). */
    public static final int DEFAULT_THREADS = 2;

    private static volatile boolean loaded;
    private static int threads;

    private Engine() {}

    /** Loads the natives (idempotent) and applies the configured thread count. */
    public static synchronized void init() {
        if (!loaded) {
            Loader.load(torch.class);
            loaded = true;
            setThreads(configuredThreads());
        }
    }

    /** Sets the thread budget (the calling thread keeps one intra-op thread; OpenBLAS gets one). */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new org.gan4j.Gan4jException("--threads must be at least 1, got " + n);
        }
        if (!loaded) {
            Loader.load(torch.class);
            loaded = true;
        }
        torch.set_num_threads(1);
        // matmul (e.g. the MATLAB resize) runs in OpenBLAS, whose own worker threads ignore libtorch's setting
        // and busy-wait after every call, stealing a core from the other lane: measured 10-25x slower resizes
        // under load, and a 20% slower SinGAN step, with more than one. Our matmuls are small: one thread.
        org.bytedeco.openblas.global.openblas_nolapack.blas_set_num_threads(1);
        threads = n;
    }

    /** The thread budget. */
    public static int threads() {
        init();
        return threads;
    }

    /**
     * Sets libtorch's intra-op threads for the calling thread (e.g. the budget around one large sampling call,
     * then 1 again) and returns the previous value.
     */
    public static int intraOpThreads(int n) {
        init();
        int before = torch.get_num_threads();
        torch.set_num_threads(Math.max(1, n));
        return before;
    }

    private static int configuredThreads() {
        String v = System.getProperty("gan4j.threads");
        if (v == null || v.isBlank()) {
            v = System.getenv("GAN4J_THREADS");
        }
        if (v != null && !v.isBlank()) {
            try {
                return Math.max(1, Integer.parseInt(v.trim()));
            } catch (NumberFormatException e) {
                throw new org.gan4j.Gan4jException("gan4j.threads / GAN4J_THREADS must be a whole number, got '" + v + "'");
            }
        }
        return DEFAULT_THREADS;
    }

    /**
     * The first line of a libtorch error: its message carries the whole C++ backtrace after it, which is
     * noise for a user.
     */
    public static String firstLine(Throwable e) {
        String m = e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        String line = nl < 0 ? m : m.substring(0, nl);
        int bt = line.indexOf("Exception raised from");
        return (bt > 0 ? line.substring(0, bt) : line).trim();
    }
}
