package org.gan4j.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.PtTuple;
import org.gan4j.torch.Tensors;
import org.gan4j.torch.Scope;

/**
 * Adam, step for step as {@code torch.optim.Adam} (no weight decay, no amsgrad), with its state reachable from
 * Java so that checkpoints can store it in PyTorch's optimizer {@code state_dict()} layout and a resumed run
 * continues exactly.
 */
public final class Adam {

    private final List<Tensor> params;
    private final Tensor[] expAvg;
    private final Tensor[] expAvgSq;
    private final long[] steps;
    private double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;

    /**
     * @param params the tensors to optimise (typically {@link Module#parameters()})
     * @param lr     learning rate
     * @param beta1  first-moment decay
     * @param beta2  second-moment decay
     * @param eps    added to the denominator (1e-8)
     */
    public Adam(List<Tensor> params, double lr, double beta1, double beta2, double eps) {
        this.params = new ArrayList<>(params);
        this.expAvg = new Tensor[params.size()];
        this.expAvgSq = new Tensor[params.size()];
        this.steps = new long[params.size()];
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    public Adam(List<Tensor> params, double lr, double beta1, double beta2) {
        this(params, lr, beta1, beta2, 1e-8);
    }

    /** Applies one update to every parameter that has a gradient ({@code p.grad()}). */
    public void step() {
        List<Tensor> grads = new ArrayList<>(params.size());
        for (Tensor p : params) {
            grads.add(p.grad());
        }
        step(grads);
    }

    /**
     * Applies one update with the given gradients, one per parameter in order (undefined or null entries are
     * skipped) — for gradients computed with {@code torch.grad} instead of accumulated into {@code .grad}.
     */
    public void step(List<Tensor> grads) {
        if (grads.size() != params.size()) {
            throw new IllegalArgumentException(grads.size() + " gradients for " + params.size() + " parameters");
        }
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            for (int i = 0; i < params.size(); i++) {
                Tensor p = params.get(i);
                Tensor g = grads.get(i);
                if (g == null || !g.defined()) {
                    continue;
                }
                if (expAvg[i] == null) {
                    expAvg[i] = Scope.keepAlive(torch.zeros_like(p));
                    expAvgSq[i] = Scope.keepAlive(torch.zeros_like(p));
                }
                long t = ++steps[i];
                expAvg[i].mul_(new Scalar(beta1)).add_(g, new Scalar(1 - beta1));
                expAvgSq[i].mul_(new Scalar(beta2)).addcmul_(g, g, new Scalar(1 - beta2));
                double bc1 = 1 - Math.pow(beta1, t);
                double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
                Tensor denom = expAvgSq[i].sqrt().div_(new Scalar(bc2Sqrt)).add_(new Scalar(eps));
                p.addcdiv_(expAvg[i], denom, new Scalar(-lr / bc1));
            }
        }
    }

    public double lr() {
        return lr;
    }

    public void setLr(double lr) {
        this.lr = lr;
    }

    public double beta1() {
        return beta1;
    }

    public double beta2() {
        return beta2;
    }

    public double eps() {
        return eps;
    }

    public int size() {
        return params.size();
    }

    /** Steps taken for parameter {@code i} (0 before its first update). */
    public long step(int i) {
        return steps[i];
    }

    /** First moment of parameter {@code i}, or null before its first update. */
    public Tensor expAvg(int i) {
        return expAvg[i];
    }

    /** Second moment of parameter {@code i}, or null before its first update. */
    public Tensor expAvgSq(int i) {
        return expAvgSq[i];
    }

    /**
     * The state in {@code torch.optim.Adam.state_dict()} layout, so a PyTorch script can load it:
     * {@code {'state': {i: {'step', 'exp_avg', 'exp_avg_sq'}}, 'param_groups': [{'lr', 'betas', ..., 'params'}]}}.
     */
    public Map<Object, Object> stateDict() {
        Map<Object, Object> state = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            if (expAvg[i] == null) {
                continue;
            }
            Map<Object, Object> st = new LinkedHashMap<>();
            st.put("step", Tensors.scalar(steps[i]));
            st.put("exp_avg", expAvg[i].detach().clone());
            st.put("exp_avg_sq", expAvgSq[i].detach().clone());
            state.put((long) i, st);
        }
        Map<Object, Object> group = new LinkedHashMap<>();
        group.put("lr", lr);
        group.put("betas", new PtTuple(List.of(beta1, beta2)));
        group.put("eps", eps);
        group.put("weight_decay", 0L);
        group.put("amsgrad", false);
        group.put("maximize", false);
        group.put("foreach", null);
        group.put("capturable", false);
        group.put("differentiable", false);
        group.put("fused", null);
        List<Object> ids = new ArrayList<>();
        for (long i = 0; i < params.size(); i++) {
            ids.add(i);
        }
        group.put("params", ids);
        Map<Object, Object> out = new LinkedHashMap<>();
        out.put("state", state);
        out.put("param_groups", new ArrayList<>(List.of(group)));
        return out;
    }

    /**
     * Restores a state saved by {@link #stateDict()} or by PyTorch's Adam over the same parameters.
     *
     * @param what names the source in error messages
     */
    public void loadStateDict(Object source, String what) {
        if (!(source instanceof Map<?, ?> sd) || !(sd.get("state") instanceof Map<?, ?> state)) {
            throw new Gan4jException(what + ": not an Adam optimizer state (expected a dict with 'state')");
        }
        if (sd.get("param_groups") instanceof List<?> groups && !groups.isEmpty()
                && groups.get(0) instanceof Map<?, ?> g0 && g0.get("params") instanceof List<?> ids
                && ids.size() != params.size()) {
            throw new Gan4jException(what + ": optimizer state is for " + ids.size() + " parameters, this model has "
                    + params.size());
        }
        for (Map.Entry<?, ?> e : state.entrySet()) {
            int i = ((Number) e.getKey()).intValue();
            if (i < 0 || i >= params.size() || !(e.getValue() instanceof Map<?, ?> st)) {
                throw new Gan4jException(what + ": optimizer state has an entry for parameter " + e.getKey()
                        + " of " + params.size());
            }
            Object step = st.get("step");
            long t = step instanceof Tensor ts ? (long) ts.item_double() : ((Number) step).longValue();
            setState(i, t, (Tensor) st.get("exp_avg"), (Tensor) st.get("exp_avg_sq"));
        }
    }

    /** Restores the state of parameter {@code i} (copies the given moments). */
    public void setState(int i, long step, Tensor avg, Tensor avgSq) {
        Tensor p = params.get(i);
        if (!java.util.Arrays.equals(avg.shape(), p.shape()) || !java.util.Arrays.equals(avgSq.shape(), p.shape())) {
            throw new IllegalArgumentException("optimizer state " + i + " has shape "
                    + java.util.Arrays.toString(avg.shape()) + ", parameter has " + java.util.Arrays.toString(p.shape()));
        }
        steps[i] = step;
        try (NoGrad ng = new NoGrad()) {
            expAvg[i] = Scope.keepAlive(avg.to(p.scalar_type()).clone());
            expAvgSq[i] = Scope.keepAlive(avgSq.to(p.scalar_type()).clone());
        }
    }
}
