package org.gan4j.gangealing;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.nn.Adam;
import org.gan4j.stylegan2.Generator;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.StateDict;

/**
 * A GANgealing checkpoint as train.py's {@code save_state_dict} writes it: {@code g_ema}, {@code t}, {@code t_ema},
 * {@code t_optim}, {@code t_sched}, {@code ll}, {@code ll_optim}, {@code ll_sched}, {@code args} (the official
 * option names), plus gan4j's {@code iter} (the next iteration; the official code reads it from the file name).
 * The official applications need only {@code t_ema} (and {@code ll}, {@code g_ema} for visuals); a K-head model's
 * file also holds the {@code classifier} once it is trained ({@code train_cluster_classifier.py}'s key).
 */
public record GangealingCheckpoint(Map<String, Tensor> gEma, Map<String, Tensor> t, Map<String, Tensor> tEma,
        Object tOptim, Map<String, Tensor> ll, Object llOptim, Map<String, Object> args, long iter,
        Map<String, Tensor> classifier) {

    public static GangealingCheckpoint of(Generator g, ComposedStn t, ComposedStn tEma, TargetLatent ll, Adam tOptim,
            Adam llOptim, GangealingConfig c, long iter) {
        return new GangealingCheckpoint(g.stateDict(), t.stateDict(), tEma.stateDict(), tOptim.stateDict(),
                ll.stateDict(), llOptim.stateDict(), args(c, g), iter, Map.of());
    }

    /** The official option names and values this run stands for. */
    static Map<String, Object> args(GangealingConfig c, Generator g) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("gen_size", (long) g.config().size());
        a.put("real_size", (long) c.stn().supersize());
        a.put("dim_latent", (long) g.styleDim());
        a.put("n_mlp", (long) g.config().nMlp());
        a.put("flow_size", (long) c.stn().flowSize());
        a.put("stn_channel_multiplier", c.stn().channelMultiplier());
        a.put("gan4j_stn_channel_max", (long) c.stn().channelMax()); // the official table's 512 at ≤ 32 px
        a.put("gan4j_flow_downsample", (long) c.stn().flowDownsample()); // the official 8
        a.put("num_heads", (long) c.heads());
        a.put("flips", c.flips());
        a.put("transform", List.of("similarity", "flow"));
        a.put("padding_mode", c.padding().name().toLowerCase(java.util.Locale.ROOT));
        a.put("ndirs", (long) c.ndirs());
        a.put("inject", (long) c.inject());
        a.put("anneal_psi", c.annealPsi());
        a.put("anneal_fn", c.annealFn().name().toLowerCase(java.util.Locale.ROOT));
        a.put("tv_weight", c.tvWeight());
        a.put("flow_identity_weight", c.flowIdentityWeight());
        a.put("freeze_ll", c.freezeLl());
        a.put("sample_from_full_res", c.sampleFromFullRes());
        a.put("stn_lr", c.stnLr());
        a.put("ll_lr", c.llLr());
        a.put("period", c.period());
        a.put("decay", c.decay());
        a.put("tm", (long) c.tm());
        a.put("batch", (long) c.batch());
        a.put("iter", c.iters());
        a.put("seed", c.seed());
        return a;
    }

    public Map<String, Object> toTree() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("g_ema", StateDict.of(gEma));
        root.put("t", StateDict.of(t));
        root.put("t_ema", StateDict.of(tEma));
        root.put("t_optim", tOptim);
        root.put("t_sched", sched());
        root.put("ll", StateDict.of(ll));
        root.put("ll_optim", llOptim);
        root.put("ll_sched", sched());
        root.put("args", args);
        root.put("iter", iter);
        if (!classifier.isEmpty()) {
            root.put("classifier", StateDict.of(classifier));
        }
        return root;
    }

    /**
     * What congealing needs and nothing more: {@code t_ema}, {@code ll}, {@code args}, {@code iter} and the cluster
     * classifier when there is one (no generator, no training-only networks or optimiser states), for shipping a
     * model; the official {@code load_stn} reads {@code t_ema} from it as from a full checkpoint.
     */
    public Map<String, Object> toCongealingTree() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("t_ema", StateDict.of(tEma));
        if (!ll.isEmpty()) {
            root.put("ll", StateDict.of(ll));
        }
        root.put("args", args);
        root.put("iter", iter);
        if (!classifier.isEmpty()) {
            root.put("classifier", StateDict.of(classifier));
        }
        return root;
    }

    /** A scheduler state: gan4j recomputes the rate from the iteration, so this records only where it is. */
    private Map<String, Object> sched() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("T_0", 1L);
        s.put("T_mult", args.getOrDefault("tm", 2L));
        s.put("decay", args.getOrDefault("decay", 0.9));
        s.put("last_epoch", iter);
        return s;
    }

    void restore(ComposedStn tNet, ComposedStn tEmaNet, TargetLatent llNet, Adam tOpt, Adam llOpt) {
        tNet.loadStateDict(t, "checkpoint[t]");
        tEmaNet.loadStateDict(tEma, "checkpoint[t_ema]");
        llNet.loadStateDict(ll, "checkpoint[ll]");
        tOpt.loadStateDict(tOptim, "checkpoint[t_optim]");
        llOpt.loadStateDict(llOptim, "checkpoint[ll_optim]");
    }

    /** Reads a gan4j or official GANgealing checkpoint (it needs at least {@code t_ema}). */
    public static GangealingCheckpoint load(Path file) {
        Object o = PtFile.load(file);
        if (!(o instanceof Map<?, ?> m) || !m.containsKey("t_ema")) {
            throw new Gan4jException(file + " is not a GANgealing checkpoint (it has no t_ema: a StyleGAN2 generator"
                    + " goes to `gan4j gangealing train --model`)");
        }
        Map<String, Tensor> tEma = StateDict.tensors(m.get("t_ema"), file + "[t_ema]");
        Map<String, Tensor> t = m.containsKey("t") ? StateDict.tensors(m.get("t"), file + "[t]") : tEma;
        Map<String, Tensor> ll = m.containsKey("ll") ? StateDict.tensors(m.get("ll"), file + "[ll]") : Map.of();
        Map<String, Tensor> g = m.containsKey("g_ema") ? StateDict.tensors(m.get("g_ema"), file + "[g_ema]") : Map.of();
        @SuppressWarnings("unchecked")
        Map<String, Object> args = m.get("args") instanceof Map<?, ?> a ? (Map<String, Object>) a : Map.of();
        long iter = m.get("iter") instanceof Number n ? n.longValue() : 0;
        Map<String, Tensor> cls = m.containsKey("classifier") ? StateDict.tensors(m.get("classifier"), file + "[classifier]")
                : Map.of();
        return new GangealingCheckpoint(g, t, tEma, m.get("t_optim"), ll, m.get("ll_optim"), args, iter, cls);
    }
}
