package org.gan4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;

/**
 * Defers BatchNorm's running-statistics updates. While a recorder is open on a thread, training-mode
 * {@link BatchNorm2d} forwards on that thread normalise with the batch statistics as usual but, instead of
 * updating their running averages in place, record the batch statistics here; {@link #apply()} performs the
 * updates later, in recording order. This lets forward passes through one network run concurrently (see
 * {@link org.gan4j.torch.Lanes}) while the running averages still receive the same updates in a fixed order.
 *
 * <pre>{@code
 * try (RunningStats stats = RunningStats.record()) { fake = g.forward(z, prev); }
 * ...
 * stats.apply();   // running_mean = (1-m)·running_mean + m·mean, likewise running_var (unbiased)
 * }</pre>
 */
public final class RunningStats implements AutoCloseable {

    private static final ThreadLocal<RunningStats> CURRENT = new ThreadLocal<>();

    private record Update(BatchNorm2d bn, Tensor mean, Tensor varUnbiased) {}

    private final List<Update> updates = new ArrayList<>();
    private final RunningStats outer;
    private boolean open = true;

    private RunningStats(RunningStats outer) {
        this.outer = outer;
    }

    /** Starts recording on the current thread (until {@link #close()}). */
    public static RunningStats record() {
        RunningStats r = new RunningStats(CURRENT.get());
        CURRENT.set(r);
        return r;
    }

    /** The recorder open on this thread, or null. */
    static RunningStats current() {
        return CURRENT.get();
    }

    void add(BatchNorm2d bn, Tensor mean, Tensor varUnbiased) {
        updates.add(new Update(bn, Scope.keepAlive(mean), Scope.keepAlive(varUnbiased)));
    }

    /** Number of recorded updates. */
    public int size() {
        return updates.size();
    }

    /** Applies the recorded updates in order, as the forwards would have done in place, and forgets them. */
    public void apply() {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad(); Scalar one = new Scalar(1L)) {
            for (Update u : updates) {
                double m = u.bn().momentum();
                u.bn().runningMean.mul_(new Scalar(1 - m)).add_(u.mean(), new Scalar(m));
                u.bn().runningVar.mul_(new Scalar(1 - m)).add_(u.varUnbiased(), new Scalar(m));
                if (u.bn().countsBatches()) {
                    u.bn().numBatchesTracked.add_(one);
                }
            }
        }
        discard();
    }

    /** Forgets the recorded updates without applying them. */
    public void discard() {
        for (Update u : updates) {
            u.mean().releaseReference();
            u.varUnbiased().releaseReference();
        }
        updates.clear();
    }

    /** Stops recording on this thread; the recorded updates stay until {@link #apply()} or {@link #discard()}. */
    @Override
    public void close() {
        if (open) {
            open = false;
            if (CURRENT.get() == this) {
                if (outer == null) {
                    CURRENT.remove();
                } else {
                    CURRENT.set(outer);
                }
            }
        }
    }
}
