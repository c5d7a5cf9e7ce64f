package org.gan4j.gangealing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.models.ShippedModel;
import org.gan4j.nn.Padding2d;
import org.gan4j.torch.Tensors;

/**
 * A trained congealing model at test time: T_ema of a run ({@code gangealing.pt}, else its last checkpoint) or of
 * an official checkpoint, with the run's padding. {@link #congeal} is the official {@code forward_with_flip}.
 */
public final class GangealingModel implements AutoCloseable {

    /** The official-layout checkpoint a finished run writes. */
    public static final String CHECKPOINT = "gangealing.pt";

    private final ComposedStn t;
    private final Padding2d padding;
    private final int iters;
    private final ClusterClassifier classifier;

    public GangealingModel(ComposedStn t, Padding2d padding, int iters) {
        this(t, padding, iters, null);
    }

    /** @param classifier a K-head model's cluster classifier, or null */
    public GangealingModel(ComposedStn t, Padding2d padding, int iters, ClusterClassifier classifier) {
        this.t = t;
        this.padding = padding;
        this.iters = iters;
        this.classifier = classifier;
        if (classifier != null) {
            classifier.eval();
            classifier.requiresGrad(false);
        }
        t.eval();
        t.requiresGrad(false);
    }

    /**
     * A run directory (its {@code gangealing.pt}, or {@code checkpoints/latest.pt}), a checkpoint file, or
     * {@code builtin:faces} (the shipped faces model).
     */
    public static GangealingModel load(Path runOrFile) {
        Path file = checkpointFile(runOrFile);
        GangealingCheckpoint ck = GangealingCheckpoint.load(file);
        Map<String, Object> a = ck.args();
        StnShape shape = new StnShape(intArg(a, "flow_size", 128), intArg(a, "real_size", 256),
                intArg(a, "gan4j_stn_channel_max", 512), doubleArg(a, "stn_channel_multiplier", 0.5),
                intArg(a, "gan4j_flow_downsample", 8), intArg(a, "num_heads", 1));
        ComposedStn t = new ComposedStn(shape);
        t.loadStateDict(ck.tEma(), file + "[t_ema]");
        Padding2d p = a.get("padding_mode") instanceof String s ? Padding2d.parse(s) : Padding2d.BORDER;
        ClusterClassifier cls = null;
        if (!ck.classifier().isEmpty()) {
            Tensor logits = ck.classifier().get("to_logits.weight");
            cls = new ClusterClassifier(shape, (int) logits.size(0));
            cls.loadStateDict(ck.classifier(), file + "[classifier]");
        }
        return new GangealingModel(t, p, intArg(a, "gan4j_test_iters", 1), cls);
    }

    /** The checkpoint file a run directory, a file or {@code builtin:faces} stands for. */
    public static Path checkpointFile(Path runOrFile) {
        runOrFile = ShippedModel.FACES_GANGEALING.orFile(runOrFile);
        Path file = runOrFile;
        if (Files.isDirectory(runOrFile)) {
            file = runOrFile.resolve(CHECKPOINT);
            if (!Files.exists(file)) {
                file = runOrFile.resolve("checkpoints").resolve("latest.pt");
            }
        }
        if (!Files.exists(file)) {
            throw new Gan4jException("no GANgealing model at " + runOrFile + " (a run directory or a checkpoint file)");
        }
        return file;
    }

    private static int intArg(Map<String, Object> a, String key, int fallback) {
        return a.get(key) instanceof Number n ? n.intValue() : fallback;
    }

    private static double doubleArg(Map<String, Object> a, String key, double fallback) {
        return a.get(key) instanceof Number n ? n.doubleValue() : fallback;
    }

    public ComposedStn stn() {
        return t;
    }

    public Padding2d padding() {
        return padding;
    }

    /** The similarity iterations this model is meant to run with (3 for several released models). */
    public int iters() {
        return iters;
    }

    /** The side the STN takes its inputs at. */
    public int inputSize() {
        return t.shape().supersize();
    }

    /**
     * Congeals images: T(x) or, with {@code tryFlips}, whichever of T(x) and T(mirror x) has the smoother residual
     * flow (lower TV; the official {@code forward_with_flip}), with that choice's grid (x negated when mirrored so it
     * samples the unmirrored image).
     *
     * @param input  {@code [N,3,S,S]} at {@link #inputSize()}, in [−1, 1]
     * @param source the same images at any size (the output is sampled from them), or {@code input}
     * @param w      output resolution, iterations of the similarity, padding (null: the run's)
     */
    public Congealed congeal(Tensor input, Tensor source, Warping w, boolean tryFlips) {
        Warping ww = w.padding() == null ? w.padding(padding) : w;
        if (t.shape().heads() > 1) {
            return congealClusters(input, source, ww, tryFlips);
        }
        Warped a = t.forward(input, source, ww, null);
        Tensor tvA = CongealingLosses.totalVariationPerImage(a.warp());
        if (!tryFlips) {
            return new Congealed(a.out(), a.grid(), a.warp(), Tensors.zeros(input.size(0)).to(torch.ScalarType.Bool), tvA,
                    zeroHeads(input.size(0)));
        }
        Warped b = t.forward(input.flip(new long[] {3}), source.flip(new long[] {3}), ww, null);
        Tensor tvB = CongealingLosses.totalVariationPerImage(b.warp());
        Tensor mirrored = tvB.lt(tvA); // argmin over (plain, mirrored): ties keep the plain image
        Tensor m4 = mirrored.view(-1, 1, 1, 1);
        Tensor gridB = b.grid().clone();
        gridB.select(3, 0).neg_();
        return new Congealed(torch.where(m4, b.out(), a.out()), torch.where(m4, gridB, a.grid()),
                torch.where(m4, b.warp(), a.warp()), mirrored, torch.where(mirrored, tvB, tvA), zeroHeads(input.size(0)));
    }

    /**
     * With K heads, each image goes through the head (and flip) its cluster classifier picks (the official
     * {@code determine_flips}); a model without one (not yet trained: {@code gan4j gangealing classifier}) uses the
     * head and flip whose residual flow is smoothest, the criterion the official code uses for flips.
     */
    private Congealed congealClusters(Tensor input, Tensor source, Warping w, boolean tryFlips) {
        int k = t.shape().heads();
        long n = input.size(0);
        Warped a = t.forward(input, source, w, null); // N·K
        Tensor tv = CongealingLosses.totalVariationPerImage(a.warp()).view(n, k);
        Tensor outs = a.out();
        Tensor grids = a.grid();
        Tensor deltas = a.warp();
        if (tryFlips) {
            Warped b = t.forward(input.flip(new long[] {3}), source.flip(new long[] {3}), w, null);
            Tensor gridB = b.grid().clone();
            gridB.select(3, 0).neg_();
            tv = torch.cat(new org.bytedeco.pytorch.TensorVector(tv, CongealingLosses.totalVariationPerImage(b.warp())
                    .view(n, k)), 1); // [N,2K]: plain heads, then mirrored heads
            outs = interleave(outs, b.out(), n, k);
            grids = interleave(grids, gridB, n, k);
            deltas = interleave(deltas, b.warp(), n, k);
        }
        long c = tv.size(1);
        Tensor best = tv.argmin(new org.bytedeco.pytorch.LongOptional(1), false); // [N]
        if (classifier != null) { // the official test-time choice: the classifier's class f·K + k
            Tensor cls = classifier.forward(input).argmax(new org.bytedeco.pytorch.LongOptional(1), false);
            best = tryFlips || classifier.classes() == k ? cls.remainder(org.gan4j.torch.Tensors.s(c)) : cls.remainder(
                    org.gan4j.torch.Tensors.s(k));
        }
        Tensor rows = Tensors.arange(n).mul(org.gan4j.torch.Tensors.s(c)).add(best);
        Tensor mirrored = best.ge(org.gan4j.torch.Tensors.s(k));
        return new Congealed(outs.index_select(0, rows), grids.index_select(0, rows), deltas.index_select(0, rows),
                mirrored, tv.gather(1, best.view(n, 1)).view(n), best.remainder(org.gan4j.torch.Tensors.s(k)));
    }

    /** Per image its K plain then K mirrored candidates: {@code [N·K,...]} twice to {@code [N·2K,...]}. */
    private static Tensor interleave(Tensor plain, Tensor mirrored, long n, int k) {
        long[] shape = plain.sizes().vec().get();
        long[] view = new long[shape.length + 1];
        view[0] = n;
        view[1] = k;
        System.arraycopy(shape, 1, view, 2, shape.length - 1);
        Tensor both = torch.cat(new org.bytedeco.pytorch.TensorVector(plain.view(view), mirrored.view(view)), 1);
        shape[0] = n * 2 * k;
        return both.reshape(shape);
    }

    private static Tensor zeroHeads(long n) {
        return Tensors.zeros(n).to(torch.ScalarType.Long);
    }

    /** Number of clusters (warp heads). */
    public int heads() {
        return t.shape().heads();
    }

    /**
     * For cluster {@code k} of a K-head model, whether each image is congealed mirrored (the official
     * {@code run_flip_target}): the classifier's logit for class K + k against class k; without a classifier, the
     * smoother of head k's plain and mirrored residual flows.
     */
    public Tensor flipsFor(Tensor input, int k) {
        if (k < 0 || k >= heads()) {
            throw new org.gan4j.Gan4jException("--cluster " + k + " outside the model's clusters 0–" + (heads() - 1));
        }
        if (classifier != null && classifier.classes() == 2 * heads()) {
            Tensor logits = classifier.forward(input);
            return logits.select(1, heads() + k).gt(logits.select(1, k));
        }
        Tensor head = Tensors.full(torch.ScalarType.Long, k, input.size(0));
        Warping w = Warping.defaults().iters(iters).padding(padding);
        Tensor tvA = CongealingLosses.totalVariationPerImage(t.forward(input, input, w, head).warp());
        Tensor flipped = input.flip(new long[] {3});
        Tensor tvB = CongealingLosses.totalVariationPerImage(t.forward(flipped, flipped, w, head).warp());
        return tvB.lt(tvA);
    }

    /** Fails in one line for what clustering models cannot do. */
    public void requireOneHead(String what) {
        PointTransfer.requireOneHead(t, what);
    }

    /**
     * Congealed images.
     *
     * @param out        {@code [N,3,h,w]}
     * @param grid       where each output pixel samples the (unmirrored) source, {@code [N,h,w,2]} in [−1, 1]
     * @param delta      the residual flows {@code [N,H,W,2]}
     * @param mirrored   {@code [N]} whether the mirror image was congealed
     * @param smoothness {@code [N]} the residual flow's TV: lower is smoother (a confident alignment)
     * @param head       {@code [N]} int64, the cluster (warp head) each image went through; 0 with one head
     */
    public record Congealed(Tensor out, Tensor grid, Tensor delta, Tensor mirrored, Tensor smoothness, Tensor head) {}

    @Override
    public void close() {
        t.close();
        if (classifier != null) {
            classifier.close();
        }
    }

    @Override
    public String toString() {
        return describe(iters);
    }

    /** One line naming the STN, its padding and {@code n} similarity iterations (the model's own or a caller's). */
    public String describe(int n) {
        StnShape s = t.shape();
        return String.format(Locale.ROOT, "GANgealing STN %d px (flow %d, K=%d), padding %s, %d similarity iteration%s",
                s.supersize(), s.flowSize(), s.heads(), padding.name().toLowerCase(Locale.ROOT), n, n == 1 ? "" : "s");
    }
}
