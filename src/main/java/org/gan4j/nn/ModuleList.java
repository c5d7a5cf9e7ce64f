package org.gan4j.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An indexed list of sub-modules whose state-dict keys are {@code 0.*, 1.*, ...}, as {@code nn.ModuleList} and {@code nn.Sequential}. */
public final class ModuleList<M extends Module> extends Module {

    private final List<M> items = new ArrayList<>();
    private int nextIndex;

    /** Appends {@code m} under the next index and returns it. */
    public M add(M m) {
        registerModule(Integer.toString(nextIndex++), m);
        items.add(m);
        return m;
    }

    /**
     * Passes over the next index, taken in the official sequential by a layer without state ({@code nn.ReLU},
     * {@code nn.ReflectionPad2d}), so the next module's keys carry the official index.
     */
    public ModuleList<M> skipIndex() {
        nextIndex++;
        return this;
    }

    /** The i-th module added (indices passed over do not count). */
    public M get(int i) {
        return items.get(i);
    }

    public int size() {
        return items.size();
    }

    public List<M> items() {
        return Collections.unmodifiableList(items);
    }
}
