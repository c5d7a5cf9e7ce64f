package org.gan4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.torch.Engine;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;

/**
 * A container of named parameters, buffers and sub-modules, like {@code torch.nn.Module}.
 *
 * <p>Names follow the official repositories ({@code head.conv.weight}, {@code convs.0.conv.weight}), so
 * {@link #stateDict()} lines up key for key with a PyTorch {@code state_dict()}. Forward passes are ordinary
 * Java methods on the subclasses; this class only owns the bookkeeping. Parameters and buffers are kept alive
 * across {@link Scope}s until {@link #close()} releases them; the module owns its sub-modules and closes them too.
 */
public abstract class Module implements AutoCloseable {

    private final Map<String, Tensor> params = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;
    private boolean closed;

    protected Module() {
        Engine.init();
    }

    /** Registers a trainable tensor under {@code name}; it requires grad from now on. */
    protected Tensor registerParameter(String name, Tensor t) {
        checkName(name);
        Scope.keepAlive(t);
        t.set_requires_grad(true);
        params.put(name, t);
        return t;
    }

    /** Registers a non-trainable tensor that is saved in the state dict (running stats, fixed noise, kernels). */
    protected Tensor registerBuffer(String name, Tensor t) {
        checkName(name);
        Scope.keepAlive(t);
        buffers.put(name, t);
        return t;
    }

    /** Registers a sub-module; its entries appear in the state dict as {@code name.*}. */
    protected <M extends Module> M registerModule(String name, M m) {
        checkName(name);
        children.put(name, m);
        return m;
    }

    private void checkName(String name) {
        if (params.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalStateException("duplicate name '" + name + "' in " + getClass().getSimpleName());
        }
    }

    /** The direct sub-modules, in registration order. */
    public Map<String, Module> children() {
        return java.util.Collections.unmodifiableMap(children);
    }

    /** All parameters, depth first, with dotted names. */
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect(out, "", true, false);
        return out;
    }

    /** All buffers, depth first, with dotted names. */
    public Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect(out, "", false, true);
        return out;
    }

    public List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /**
     * Parameters and buffers in PyTorch's {@code state_dict()} order: a module's own parameters, then its own
     * buffers, then each child's entries. The tensors are the live ones (not copies).
     */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect(out, "", true, true);
        return out;
    }

    private void collect(Map<String, Tensor> out, String prefix, boolean withParams, boolean withBuffers) {
        if (withParams) {
            params.forEach((k, v) -> out.put(prefix + k, v));
        }
        if (withBuffers) {
            buffers.forEach((k, v) -> out.put(prefix + k, v));
        }
        children.forEach((k, m) -> m.collect(out, prefix + k + ".", withParams, withBuffers));
    }

    /**
     * Copies {@code source} into this module's parameters and buffers, in place (so optimizers keep their
     * references). Every key must be present with the right shape and nothing else may be there; otherwise
     * the error names the missing, unexpected and mismatched keys.
     *
     * @param what names the source for the error message, e.g. a file path
     */
    public void loadStateDict(Map<String, Tensor> source, String what) {
        Map<String, Tensor> own = stateDict();
        TreeSet<String> missing = new TreeSet<>(own.keySet());
        missing.removeAll(source.keySet());
        TreeSet<String> unexpected = new TreeSet<>(source.keySet());
        unexpected.removeAll(own.keySet());
        List<String> mismatched = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            Tensor src = source.get(e.getKey());
            if (src != null && !Arrays.equals(src.shape(), e.getValue().shape())) {
                mismatched.add(e.getKey() + " " + Arrays.toString(src.shape()) + " (expected "
                        + Arrays.toString(e.getValue().shape()) + ")");
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty() || !mismatched.isEmpty()) {
            StringBuilder b = new StringBuilder(what).append(" does not fit ").append(getClass().getSimpleName()).append(':');
            if (!missing.isEmpty()) {
                b.append(" missing keys ").append(abbreviate(missing));
            }
            if (!unexpected.isEmpty()) {
                b.append(missing.isEmpty() ? "" : ";").append(" unexpected keys ").append(abbreviate(unexpected));
            }
            if (!mismatched.isEmpty()) {
                b.append(missing.isEmpty() && unexpected.isEmpty() ? "" : ";").append(" wrong shapes ")
                        .append(abbreviate(mismatched));
            }
            throw new Gan4jException(b.toString());
        }
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            for (Map.Entry<String, Tensor> e : own.entrySet()) {
                Tensor dst = e.getValue();
                dst.copy_(source.get(e.getKey()).to(dst.scalar_type()));
            }
        }
    }

    private static String abbreviate(java.util.Collection<String> keys) {
        List<String> l = new ArrayList<>(keys);
        if (l.size() <= 8) {
            return l.toString();
        }
        return l.subList(0, 8) + " and " + (l.size() - 8) + " more";
    }

    /** Copies another module of the same structure into this one (e.g. for EMA init or a warm start). */
    public void copyFrom(Module other) {
        loadStateDict(other.stateDict(), other.getClass().getSimpleName());
    }

    /** Training mode for this module and its children (batch statistics in BatchNorm). */
    public Module train(boolean on) {
        training = on;
        children.values().forEach(c -> c.train(on));
        return this;
    }

    public Module eval() {
        return train(false);
    }

    public boolean isTraining() {
        return training;
    }

    /** Turns gradient recording for all parameters on or off (freezing a module). */
    public void requiresGrad(boolean on) {
        for (Tensor p : parameters()) {
            p.set_requires_grad(on);
        }
    }

    /** Drops the accumulated gradients (PyTorch's {@code zero_grad(set_to_none=True)}). */
    public void zeroGrad() {
        for (Tensor p : parameters()) {
            p.mutable_grad().reset();
        }
    }

    /** Number of scalar parameters. */
    public long parameterCount() {
        return parameters().stream().mapToLong(Tensor::numel).sum();
    }

    /**
     * Releases this module's handles on its parameters and buffers and closes its sub-modules, so their native
     * memory is freed now rather than whenever the garbage collector gets to it. A tensor still referenced
     * elsewhere (a state dict taken earlier, an optimizer's list, a {@code new Tensor(ref)} copy) lives on through
     * that handle. The module must not be used afterwards; closing twice does nothing.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Module m : children.values()) {
            m.close();
        }
        for (Tensor t : params.values()) {
            t.close();
        }
        for (Tensor t : buffers.values()) {
            t.close();
        }
    }
}
