package org.gan4j.torch;

import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;

/**
 * Frees the native memory of every tensor created inside it when closed. Every training step and sampling
 * call runs in one: native memory is invisible to the garbage collector, and without scopes a 2000-step loop
 * grows by hundreds of megabytes and slows down.
 *
 * <pre>{@code
 * try (Scope s = new Scope()) {
 *     Tensor loss = ...;            // temporaries die with the scope
 *     float value = loss.item_float();
 *     best = Scope.keepAlive(candidate); // survives the scope
 * }
 * }</pre>
 */
public final class Scope implements AutoCloseable {

    private final PointerScope scope = new PointerScope();

    /**
     * Keeps {@code t} alive beyond every enclosing scope. Use for long-lived state made inside a scope:
     * parameters, EMA copies, fixed noise, cached results.
     */
    public static Tensor keepAlive(Tensor t) {
        if (t != null && PointerScope.getInnerScope() != null) {
            t.retainReference();
        }
        return t;
    }

    /** Keeps every tensor of {@code ts} alive beyond every enclosing scope (undefined ones too: their handles
     *  must outlive the scope); returns {@code ts}. */
    public static List<Tensor> keepAlive(List<Tensor> ts) {
        ts.forEach(Scope::keepAlive);
        return ts;
    }

    /**
     * Makes the current thread's innermost scope the owner of {@code t}, a tensor kept alive elsewhere (e.g.
     * returned by a task that ran on another thread, see {@link Lanes}). Without an enclosing scope it stays
     * alive until garbage-collected.
     */
    public static Tensor adopt(Tensor t) {
        PointerScope inner = PointerScope.getInnerScope();
        if (t != null && inner != null) {
            inner.attach(t);
            t.releaseReference();
        }
        return t;
    }

    @Override
    public void close() {
        scope.close();
    }
}
