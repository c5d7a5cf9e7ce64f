package org.gan4j.nn;

import java.util.function.Supplier;
import org.bytedeco.pytorch.GradMode;
import org.bytedeco.pytorch.Tensor;

/**
 * A weight derived from parameters and buffers (spectral norm's W/σ, the stacked taps of SPADE's γ and β), kept between
 * forwards of a frozen network — eval mode, no gradient, as in synthesis — and made again as soon as any source
 * changes in place (a training step, a power iteration, a loaded state dict all bump the tensors' version
 * counters). The official code recomputes it on every forward; at the generator's small start grids that
 * recomputation costs more than the convolutions themselves. Safe to call from several threads; {@link #release()}
 * frees the kept value (its owner's {@code close()} calls it).
 */
final class FrozenWeight {

    private Tensor value; // retained by this object, or null
    private Tensor[] sources;
    private long[] versions;

    /** {@code make.get()}, or the value made last time when gradients are off and no source changed since. */
    synchronized Tensor get(Supplier<Tensor> make, Tensor... from) {
        if (GradMode.is_enabled()) {
            return make.get();
        }
        if (value != null && same(from)) {
            return value;
        }
        Tensor fresh = make.get();
        fresh.retainReference(); // outlives the scope it was made in
        if (value != null) {
            value.releaseReference();
        }
        value = fresh;
        sources = from.clone();
        versions = new long[from.length];
        for (int i = 0; i < from.length; i++) {
            versions[i] = from[i]._version();
        }
        return value;
    }

    /** Frees the kept value, if any. */
    synchronized void release() {
        if (value != null) {
            value.releaseReference();
            value = null;
            sources = null;
        }
    }

    private boolean same(Tensor[] from) {
        if (from.length != sources.length) {
            return false;
        }
        for (int i = 0; i < from.length; i++) {
            if (from[i] != sources[i] || from[i]._version() != versions[i]) {
                return false;
            }
        }
        return true;
    }
}
