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

    /**
     * Runs {@code f} in a scope of its own and hands its result to the enclosing scope: f's temporaries are freed
     * as soon as it returns, not when the enclosing scope closes. A forward pass written as a chain of such steps
     * holds one step's temporaries at a time, as Python's reference counting would (tensors that autograd saved
     * for backward stay alive through the graph).
     */
    public static Tensor run(java.util.function.Supplier<Tensor> f) {
        Tensor out;
        try (Scope s = new Scope()) {
            out = keepAlive(f.get());
        }
        return adopt(out);
    }

    /** The innermost scope open on this thread, or null: an owner for {@link #giveTo}. */
    public static PointerScope innermost() {
        return PointerScope.getInnerScope();
    }

    /**
     * Makes {@code owner} (from {@link #innermost()}, still open) own {@code t} too, so a result cached by an
     * object of that scope outlives the inner scope it was computed in, and is freed with the owner.
     */
    public static Tensor giveTo(PointerScope owner, Tensor t) {
        if (t != null && owner != null && owner != PointerScope.getInnerScope()) {
            owner.attach(t);
        }
        return t;
    }

    @Override
    public void close() {
        scope.close();
    }
}
