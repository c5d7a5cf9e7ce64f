package org.gan4j.torch;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Two lanes of work for a training step: independent pieces (e.g. the critic on the real image and the gradient
 * penalty) run at the same time on a helper thread and the caller's thread, each with libtorch's intra-op
 * threading at 1. On these 2-core machines that measured 1.7-1.9x faster than one thread for SinGAN-sized
 * convolutions, where libtorch's own two intra-op threads were 1.8x faster on large ones but up to 30x slower on
 * small ones (OpenMP wake-up latency). With one lane, forked work runs on the caller's thread when joined.
 *
 * <p>A forked task runs in its own {@link Scope}; tensors it returns must be kept with
 * {@link Scope#keepAlive} and the caller hands them to its own scope with {@link #adopt} after joining (a task
 * run on the caller's lane with {@link #here} is handed over at once). Grad mode and scopes are per thread: a
 * task sets up what it needs.
 */
public final class Lanes implements AutoCloseable {

    /** A task's result that holds tensors kept alive for the caller (null entries are skipped). */
    public interface Kept {
        /** The kept tensors, for {@link Lanes#adopt}. */
        List<Tensor> kept();
    }

    private final ExecutorService helper;
    private final int intraThreads;

    /**
     * @param lanes        1 (everything on the caller's thread) or 2
     * @param intraThreads libtorch intra-op threads of each lane
     */
    public Lanes(int lanes, int intraThreads) {
        if (lanes < 1 || lanes > 2) {
            throw new IllegalArgumentException("lanes must be 1 or 2, got " + lanes);
        }
        Engine.init();
        this.intraThreads = intraThreads;
        this.helper = lanes == 1 ? null : Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "gan4j-lane");
            t.setDaemon(true);
            return t;
        });
        if (helper != null) {
            join(helper.submit(() -> {
                torch.set_num_threads(intraThreads);
                return null;
            }));
        }
    }

    /** Two lanes when the thread budget allows, each with an equal share of intra-op threads. */
    public static Lanes forThreads(int threads) {
        return threads >= 2 ? new Lanes(2, Math.max(1, threads / 2)) : new Lanes(1, 1);
    }

    public int count() {
        return helper == null ? 1 : 2;
    }

    /** Intra-op threads to use on the caller's lane while a step runs. */
    public int intraThreads() {
        return intraThreads;
    }

    /** A forked piece of work; {@link #join()} waits for it (or, with one lane, runs it). */
    public final class Task<T> {
        private final Callable<T> work;
        private final Future<T> future;
        private T inlineResult;
        private boolean done;

        private Task(Callable<T> work) {
            this.work = work;
            this.future = helper == null ? null : helper.submit(() -> scoped(work));
        }

        /** The task's result; rethrows its failure. */
        public T join() {
            if (future != null) {
                return Lanes.join(future);
            }
            if (!done) {
                try {
                    inlineResult = scoped(work);
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                done = true;
            }
            return inlineResult;
        }
    }

    /** Starts {@code work} on the helper lane (or defers it to {@link Task#join()} with one lane). */
    public <T> Task<T> fork(Callable<T> work) {
        return new Task<>(work);
    }

    /**
     * Runs {@code task} on this lane in its own scope, so its temporaries die at once; what it kept alive is handed
     * to the caller's scope ({@link #adopt}).
     */
    public static <T> T here(Callable<T> task) {
        T out;
        try (Scope s = new Scope()) {
            out = task.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return adopt(out);
    }

    /**
     * Hands what a finished task kept alive ({@link Scope#keepAlive}) to the current thread's innermost scope: a
     * tensor, the tensors of a list, or those of a {@link Kept} result.
     */
    public static <T> T adopt(T result) {
        if (result instanceof Tensor t) {
            Scope.adopt(t);
        } else if (result instanceof List<?> l) {
            l.forEach(x -> {
                if (x instanceof Tensor t) {
                    Scope.adopt(t);
                }
            });
        } else if (result instanceof Kept k) {
            k.kept().forEach(Scope::adopt);
        }
        return result;
    }

    private static <T> T scoped(Callable<T> work) throws Exception {
        Autocast.applyToThisThread(); // per-thread in libtorch: a helper lane computes as the caller does
        try (Scope s = new Scope()) {
            return work.call();
        }
    }

    private static <T> T join(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a lane", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }

    /**
     * Stops the helper lane, waiting for a task still running there (e.g. one forked before the caller failed), so
     * that no native work outlives the tensors the caller is about to free.
     */
    @Override
    public void close() {
        if (helper != null) {
            helper.shutdownNow();
            boolean interrupted = false;
            while (true) {
                try {
                    if (helper.awaitTermination(1, TimeUnit.MINUTES)) {
                        break;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
