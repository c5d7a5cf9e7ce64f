package org.gan4j.metrics;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.data.Batches;
import org.gan4j.data.EpochOrder;
import org.gan4j.data.LabelMap;
import org.gan4j.data.SceneDataset;
import org.gan4j.data.ScenePair;
import org.gan4j.data.SemanticInputs;
import org.gan4j.nn.Adam;
import org.gan4j.torch.Autograd;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Rng;
import org.gan4j.torch.Scope;
import org.gan4j.train.Progress;

/**
 * Trains a {@link Segmenter} on the real photos of a paired dataset: per step a batch of pairs at
 * {@code size × size}, each mirrored with probability ½, and the pixel-wise cross-entropy
 * <pre>
 *   L = −(1/|P|) Σ_{p ∈ P} log softmax(f(x))_{y_p}(p),   P = the pixels whose label is not don't-care
 * </pre>
 * minimised with Adam (β = (0.9, 0.999)) at the "poly" learning rate of DeepLab,
 * {@code lr_t = lr · (1 − t/T)^0.9}. Batch t holds the pairs {@link EpochOrder} gives for (seed, t) and the flips come
 * from (seed, t), and the initial weights from the seed, so a seed gives the same network on the same machine.
 * Only pairs {@code 0 .. trainPairs−1} are used, so those after them can be held out; of those, the first
 * {@link Options#pool} are kept in memory, as reading a pair costs as much as a step (a 64 px builtin:scenes pair
 * takes about 19 ms to paint, a step of 8 about 150 ms on one core).
 */
public final class SegmenterTraining {

    /** The exponent of DeepLab's poly learning-rate schedule. */
    private static final double POLY = 0.9;

    private SegmenterTraining() {}

    /**
     * @param size   the square training size (a multiple of 2^(levels − 1))
     * @param widths channels per U-Net level, finest first
     * @param iters  training steps
     * @param batch  pairs per step
     * @param lr     Adam's initial learning rate
     * @param seed   initial weights, batch order and flips
     * @param pool   distinct training pairs (the first ones), each read once and kept in memory at {@code size}
     *               (about 32 KB a pair at 64 px); 0 for every training pair, read again at each draw
     */
    public record Options(int size, List<Integer> widths, long iters, int batch, double lr, long seed, int pool) {

        public Options {
            if (iters < 1) {
                throw new Gan4jException("--iters must be at least 1, got " + iters);
            }
            if (batch < 1) {
                throw new Gan4jException("--batch must be at least 1, got " + batch);
            }
            if (!(lr > 0) || Double.isInfinite(lr)) {
                throw new Gan4jException("--lr must be positive, got " + lr);
            }
            if (pool < 0) {
                throw new Gan4jException("--pairs must be 0 (all) or more, got " + pool);
            }
            widths = List.copyOf(widths);
        }

        /**
         * 64 px, widths 16-32-64-64, 1500 steps of 8 pairs at lr 2e-3, from a pool of 2000 pairs: a few minutes on
         * one core.
         */
        public static Options defaults() {
            return new Options(64, Segmenter.DEFAULT_WIDTHS, 1500, 8, 2e-3, 1, 2000);
        }

        public Options withSize(int s) {
            return new Options(s, widths, iters, batch, lr, seed, pool);
        }

        public Options withIters(long n) {
            return new Options(size, widths, n, batch, lr, seed, pool);
        }

        public Options withBatch(int b) {
            return new Options(size, widths, iters, b, lr, seed, pool);
        }

        public Options withWidths(List<Integer> w) {
            return new Options(size, w, iters, batch, lr, seed, pool);
        }

        public Options withLr(double r) {
            return new Options(size, widths, iters, batch, r, seed, pool);
        }

        public Options withSeed(long s) {
            return new Options(size, widths, iters, batch, lr, s, pool);
        }

        public Options withPool(int p) {
            return new Options(size, widths, iters, batch, lr, seed, p);
        }

        /** The distinct pairs drawn from the {@code trainPairs} available: the pool, or all when it is 0 or larger. */
        public int pairsUsed(int trainPairs) {
            return pool == 0 ? trainPairs : Math.min(pool, trainPairs);
        }
    }

    /**
     * What a training did, stored under {@code "training"} in the segmenter's JSON.
     *
     * @param data       the dataset's description
     * @param trainPairs pairs 0..trainPairs−1 were drawn from (the pool)
     * @param seconds    wall time of the steps
     * @param firstLoss  mean cross-entropy of the first tenth of the steps
     * @param lastLoss   mean cross-entropy of the last tenth
     * @param heldOut    scores on held-out real pairs, or null
     */
    public record Report(String data, int trainPairs, Options options, double seconds, double firstLoss, double lastLoss,
                         HeldOut heldOut) {

        public Report withHeldOut(HeldOut h) {
            return new Report(data, trainPairs, options, seconds, firstLoss, lastLoss, h);
        }
    }

    /** Scores on real pairs {@code first .. first+pairs−1}, which the training did not draw. */
    public record HeldOut(int first, int pairs, double meanIou, double pixelAccuracy, double seconds) {}

    /** The trained segmenter (in eval mode), the report, and the loss of every step. */
    public record Result(Segmenter segmenter, Report report, float[] losses) {}

    /** Trains on pairs {@code 0 .. trainPairs−1} of {@code data}, reporting progress as stage "segmenter". */
    public static Result train(SceneDataset data, int trainPairs, Options o, Progress progress) {
        if (trainPairs < o.batch() || trainPairs > data.size()) {
            throw new Gan4jException("the segmenter trains on " + trainPairs + " of " + data.size() + " pairs, fewer than"
                    + " one batch of " + o.batch() + "; lower --holdout or --batch");
        }
        Segmenter.Settings settings = new Segmenter.Settings(data.labelNc(), data.dontCare(), o.size(), o.widths());
        Segmenter seg = Segmenter.seeded(settings, o.seed());
        try {
            seg.train(true);
            List<Tensor> params = seg.parameters();
            Adam adam = new Adam(params, o.lr(), 0.9, 0.999);
            int used = o.pairsUsed(trainPairs);
            ScenePair[] cache = o.pool() > 0 ? new ScenePair[used] : null;
            EpochOrder order = new EpochOrder(used, o.batch(), o.seed(), "pairs");
            long ignore = data.dontCare() ? data.labelNc() : -100; // -100: PyTorch's default, no id is ignored
            float[] losses = new float[(int) o.iters()];
            progress.beginStage("segmenter " + o.size() + "px", o.iters(), 0);
            long start = System.nanoTime();
            for (long t = 0; t < o.iters(); t++) {
                try (Scope s = new Scope()) {
                    adam.setLr(o.lr() * Math.pow(1.0 - (double) t / o.iters(), POLY));
                    List<BufferedImage> images = new ArrayList<>();
                    List<LabelMap> labels = new ArrayList<>();
                    Random flips = Rng.javaRandom(o.seed(), t, 2);
                    for (int i : order.indices(t)) {
                        ScenePair p = cache == null ? data.pair(i, o.size()) : cache[i];
                        if (p == null) {
                            ScenePair q = data.pair(i, o.size());
                            p = cache[i] = new ScenePair(q.labels(), q.image(), null); // instances are not needed
                        }
                        boolean flip = flips.nextBoolean();
                        images.add(flip ? Batches.mirror(p.image()) : p.image());
                        labels.add(flip ? mirror(p.labels()) : p.labels());
                    }
                    Tensor logits = seg.forward(ImageTensors.fromImages(images));
                    Tensor target = SemanticInputs.labels(labels, data.channels());
                    Tensor loss = torch.cross_entropy_loss(logits, target, new TensorOptional(), 1, ignore, 0.0);
                    float v = loss.item_float();
                    if (!Float.isFinite(v)) {
                        if (isAllIgnored(labels, ignore)) {
                            losses[(int) t] = Float.NaN;
                            continue; // a batch without a labelled pixel: nothing to learn, skip the step
                        }
                        throw Gan4jException.failed("segmenter training diverged at step " + t + " (loss " + v
                                + "); lower --lr");
                    }
                    adam.step(Autograd.grad(loss, params, null, false));
                    losses[(int) t] = v;
                    progress.update(t + 1, Map.of("CE", (double) v));
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            progress.endStage();
            seg.eval();
            int tenth = Math.max(1, losses.length / 10);
            Report r = new Report(data.describe(), used, o, seconds, mean(losses, 0, tenth),
                    mean(losses, losses.length - tenth, losses.length), null);
            return new Result(seg, r, losses);
        } catch (RuntimeException e) {
            seg.close();
            throw e;
        }
    }

    /** Scores {@code seg} on the real pairs {@code first .. first+count−1} (held out from its training). */
    public static HeldOut heldOut(Segmenter seg, SceneDataset data, int first, int count) {
        long start = System.nanoTime();
        SegmentationScores s = seg.scores(data, first, count);
        return new HeldOut(first, count, s.meanIou(), s.pixelAccuracy(), (System.nanoTime() - start) / 1e9);
    }

    private static boolean isAllIgnored(List<LabelMap> labels, long ignore) {
        for (LabelMap m : labels) {
            for (int id : m.ids()) {
                if (id != ignore) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The mean of the finite values of {@code a[from..to)}. */
    private static double mean(float[] a, int from, int to) {
        double sum = 0;
        int n = 0;
        for (int i = from; i < to; i++) {
            if (Float.isFinite(a[i])) {
                sum += a[i];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static LabelMap mirror(LabelMap m) {
        int w = m.width();
        int[] ids = m.ids();
        int[] out = new int[ids.length];
        for (int y = 0; y < m.height(); y++) {
            for (int x = 0; x < w; x++) {
                out[y * w + w - 1 - x] = ids[y * w + x];
            }
        }
        return new LabelMap(w, m.height(), out);
    }
}
