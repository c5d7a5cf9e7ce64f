package org.gan4j.mystyle;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.loss.ImageDistance;
import org.gan4j.nn.Adam;
import org.gan4j.stylegan2.Discriminator;
import org.gan4j.stylegan2.DiscriminatorDistance;
import org.gan4j.stylegan2.Generator;
import org.gan4j.stylegan2.NoiseMode;
import org.gan4j.stylegan2.Stylegan2Checkpoint;
import org.gan4j.torch.Autograd;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Shapes;
import org.gan4j.torch.Tensors;
import org.gan4j.torch.dist.Shard;
import org.gan4j.torch.dist.World;
import org.gan4j.train.Artifact;
import org.gan4j.train.SampleGrid;
import org.gan4j.train.SingleStageTrainer;

/**
 * MyStyle's generator tuning (the official {@code tune_net.py}): every parameter of the synthesis network is
 * trained (the mapping network is not used: the anchors are already in W), with Adam (0.9, 0.999) at 3e-4; each
 * outer step makes one update per album image, in album order, on
 * <pre>  d(G(w_i), x_i) + λ_L2·MSE(G(w_i), x_i)</pre>
 * with the generator's constant noise. Nothing is random, so a resumed run repeats an uninterrupted one.
 *
 * <p>With a batch B ({@link MystyleConfig#tuneBatch}) each update takes the next B pictures in album order (the
 * last batch of a pass may be shorter) on the mean of their losses; B = 1 is the official loop. Data-parallel (a
 * {@link World} of N processes, B a multiple of N) each rank renders its {@link Shard} rows of every batch and the
 * gradients are averaged before each Adam step, so N processes make the one-process update of batch B.
 *
 * <p>MyStyle++ ({@link Attributes} given) optimises the anchors with the generator, on
 * <pre>  d(G(w_i), x_i) + λ_L2·MSE(G(w_i), x_i) + λ_anc·L_anc(w_1..w_N)</pre>
 * per update (with a batch B > 1, the first two terms averaged over the batch), the attribute axes d_m of
 * {@link AnchorLoss} re-assigned ({@link AttributeAxes}) from the anchors' principal components at the start of
 * every outer step.
 */
public final class MystyleTrainer implements SingleStageTrainer {

    /** The checkpoint key of the next step. */
    public static final String ITER_KEY = "gan4j_mystyle_iter";
    /** The checkpoint key of the anchors, {@code [N,S]}. */
    public static final String ANCHORS_KEY = "anchors";
    /** The checkpoint key of MyStyle++'s attributes: {names: [..], values: [N,M], levels: P}. */
    public static final String PLUS_KEY = "mystyle_plus";
    /** The checkpoint key of the anchors' Adam state (MyStyle++). */
    public static final String ANCHOR_OPTIM_KEY = "gan4j_anchor_optim";
    /** The checkpoint key of the last step's attribute axes {@code [M,S]}, which the next step follows (MyStyle++). */
    public static final String AXES_KEY = "gan4j_anchor_axes";

    /**
     * MyStyle++'s part of a run: the album's attributes, their levels and the settings, and, to continue a run, the
     * anchors' saved Adam state and the last step's axes {@code [M,S]} (both null for a new run).
     */
    public record Attributes(AttributeTable table, MystylePlus settings, Object optimState, Tensor lastAxes) {
        public Attributes(AttributeTable table, MystylePlus settings) {
            this(table, settings, null, null);
        }

        Levels levels() {
            return Levels.quantise(table, settings.levels());
        }
    }

    private final MystyleConfig c;
    private final Generator g;
    private final Tensor latentAvg;
    private final Tensor anchors;
    private final Tensor album;
    private final ImageDistance distance;
    private final List<Tensor> params;
    private final Adam optim;
    private final int threads;
    private final Attributes plus;       // null for MyStyle
    private final Levels levels;         // MyStyle++'s quantised attributes
    private final Adam anchorOptim;      // MyStyle++: the anchors' optimiser
    private Tensor axes;                 // MyStyle++: d_m of the current (or last) outer step, [M,S]
    private final World world;

    /**
     * @param g         the generator to tune (owned and closed by the trainer)
     * @param latentAvg the base model's {@code latent_avg}, kept in the checkpoints, or null
     * @param anchors   the anchors {@code [N,S]}
     * @param album     the album {@code [N,3,H,W]} in [−1, 1], in the anchors' order
     * @param optimState a saved Adam state to continue from, or null
     */
    public MystyleTrainer(MystyleConfig config, Generator g, Tensor latentAvg, Tensor anchors, Tensor album,
            ImageDistance distance, Object optimState, int threads) {
        this(config, g, latentAvg, anchors, album, distance, optimState, threads, null);
    }

    /** As above; with {@code plus} given, MyStyle++ (the anchors are optimised too). */
    public MystyleTrainer(MystyleConfig config, Generator g, Tensor latentAvg, Tensor anchors, Tensor album,
            ImageDistance distance, Object optimState, int threads, Attributes plus) {
        this(config, g, latentAvg, anchors, album, distance, optimState, threads, plus, World.single());
    }

    /**
     * As above, data-parallel over {@code world}: every rank holds the whole album and all anchors and renders its
     * rows of each batch; rank 0's weights (and MyStyle++'s anchors) are broadcast at the start, as DDP does.
     */
    public MystyleTrainer(MystyleConfig config, Generator g, Tensor latentAvg, Tensor anchors, Tensor album,
            ImageDistance distance, Object optimState, int threads, Attributes plus, World world) {
        checkWorld(config, world.size());
        this.world = world;
        this.c = config;
        this.g = g;
        this.latentAvg = latentAvg;
        this.plus = plus;
        Tensor a = Shapes.check(anchors, "anchors", -1, g.styleDim());
        if (plus != null) {
            if (plus.table().values().length != a.size(0)) {
                throw new Gan4jException("the attributes have " + plus.table().values().length + " rows but there are "
                        + a.size(0) + " anchors");
            }
            a = a.detach().clone().requires_grad_(true); // a leaf that Adam moves
        }
        this.anchors = Scope.keepAlive(a);
        int size = g.config().size();
        this.album = Scope.keepAlive(Shapes.check(album, "album", anchors.size(0), 3, size, size));
        this.distance = distance;
        this.threads = threads;
        params = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : g.namedParameters().entrySet()) {
            boolean synthesis = !e.getKey().startsWith("style.");
            e.getValue().requires_grad_(synthesis);
            if (synthesis) {
                params.add(e.getValue());
            }
        }
        optim = new Adam(params, c.tuneLr(), 0.9, 0.999);
        if (optimState != null) {
            optim.loadStateDict(optimState, "checkpoint g_optim");
        }
        if (plus != null) {
            levels = plus.levels();
            anchorOptim = new Adam(List.of(this.anchors), plus.settings().anchorLr(), 0.9, 0.999);
            if (plus.optimState() != null) {
                anchorOptim.loadStateDict(plus.optimState(), "checkpoint " + ANCHOR_OPTIM_KEY);
            }
            if (plus.lastAxes() != null) {
                axes = keep(Shapes.check(plus.lastAxes(), "checkpoint " + AXES_KEY, levels.attributes(), g.styleDim()));
            }
        } else {
            levels = null;
            anchorOptim = null;
        }
        List<Tensor> replicated = new ArrayList<>(g.stateDict().values());
        if (plus != null) {
            replicated.add(this.anchors);
        }
        world.broadcast(replicated); // DDP's start: rank 0's weights (equal already when loaded from one file)
    }

    /** Refuses a batch that does not split evenly over {@code n} processes. */
    public static void checkWorld(MystyleConfig c, int n) {
        if (n > 1 && c.tuneBatch() % n != 0) {
            throw new Gan4jException("--batch " + c.tuneBatch() + " does not split evenly over " + n
                    + " processes; give --batch a multiple of " + n + " (the default 1 is one update per picture)");
        }
    }

    public Generator generator() {
        return g;
    }

    public Tensor anchors() {
        return anchors;
    }

    @Override
    public long iterations() {
        return c.tuneSteps();
    }

    @Override
    public String label() {
        return "MyStyle tuning, " + anchors.size(0) + " images at " + g.config().size() + "x" + g.config().size()
                + (c.tuneBatch() > 1 ? ", batch " + c.tuneBatch() : "");
    }

    @Override
    public int intraThreads() {
        return threads;
    }

    @Override
    public Map<String, Double> step(int stage, long iter) {
        int n = (int) anchors.size(0);
        int batch = c.tuneBatch();
        int updates = (n + batch - 1) / batch;
        int ranks = world.size();
        Shard shard = world.shard();
        double d = 0;
        double mse = 0;
        double anc = 0;
        if (plus != null) {
            try {
                replaceAxes(AttributeAxes.assign(anchors, levels, plus.table().values(), axes).axes());
            } catch (Gan4jException e) {
                if (axes == null) {
                    throw e;
                }
                // the anchors span too few directions for a moment: this step keeps the last axes
            }
        }
        for (int u = 0; u < updates; u++) {
            int first = u * batch;
            int rows = Math.min(batch, n - first); // the global batch: pictures first.., short at the album's end
            int mine = shard.count(rows);
            try (Scope s = new Scope()) {
                Tensor loss = null;
                Tensor[] terms = null;
                if (mine > 0) {
                    terms = terms(g, shard.rows(anchors.narrow(0, first, rows)), shard.rows(album.narrow(0, first, rows)),
                            distance); // Σ d over this rank's rows, their mean MSE
                    Tensor mseSum = mine == 1 ? terms[1] : terms[1].mul(Tensors.s(mine));
                    loss = terms[0].add(mseSum.mul(Tensors.s(c.l2Weight())));
                    // Each rank's share of the mean over the global batch; averaging the ranks' gradients divides by N.
                    double share = (double) ranks / rows;
                    if (share != 1) {
                        loss = loss.mul(Tensors.s(share));
                    }
                }
                if (plus == null) {
                    List<Tensor> grads = loss == null ? zeros(params)
                            : Autograd.zerosForUndefined(Autograd.grad(loss, params, null, false), params);
                    optim.step(world.average(grads));
                } else {
                    Tensor lAnc = AnchorLoss.loss(anchors, axes, levels.index());
                    Tensor weighted = lAnc.mul(Tensors.s(plus.settings().anchorWeight()));
                    loss = loss == null ? weighted : loss.add(weighted);
                    List<Tensor> all = new ArrayList<>(params);
                    all.add(anchors);
                    List<Tensor> grads = world.average(
                            Autograd.zerosForUndefined(Autograd.grad(loss, all, null, false), all));
                    optim.step(grads.subList(0, params.size()));
                    try (NoGrad ng = new NoGrad()) {
                        anchorOptim.step(grads.subList(params.size(), all.size()));
                    }
                    anc += lAnc.item_double() / updates;
                }
                if (mine > 0) { // sums over this rank's rows, × N: TrainLoop averages the ranks' values
                    d += terms[0].item_double() * ranks / n;
                    mse += terms[1].item_double() * mine * ranks / n;
                }
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("loss", d + c.l2Weight() * mse + (plus == null ? 0 : plus.settings().anchorWeight() * anc));
        out.put("distance", d);
        out.put("mse", mse);
        if (plus != null) {
            out.put("anchor", anc);
        }
        return out;
    }

    /** The new step's axes, kept beyond the step's scope (the next step follows them); the old ones freed. */
    private void replaceAxes(Tensor fresh) {
        Tensor old = axes;
        axes = keep(fresh);
        if (old != null) {
            old.releaseReference();
        }
    }

    private static Tensor keep(Tensor t) {
        Tensor c = t.clone();
        c.retainReference();
        return c;
    }

    /** MyStyle++'s anchor loss L_anc of the current anchors on axes assigned from them (no update). */
    public double anchorLoss() {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            AttributeAxes ax = AttributeAxes.assign(anchors, levels, plus.table().values());
            return AnchorLoss.loss(anchors.detach(), ax.axes(), levels.index()).item_double();
        }
    }

    private static List<Tensor> zeros(List<Tensor> params) {
        List<Tensor> out = new ArrayList<>(params.size());
        for (Tensor p : params) {
            out.add(torch.zeros_like(p));
        }
        return out;
    }

    /** Σ_i d(G(w_i), x_i) and the mean MSE(G(w_i), x_i) of anchors {@code [k,S]} and pictures {@code [k,3,H,W]}. */
    private static Tensor[] terms(Generator g, Tensor anchors, Tensor album, ImageDistance distance) {
        Tensor w = anchors.unsqueeze(1).repeat(1, g.nLatent(), 1); // [k,L,S]
        Tensor synth = g.synthesize(w, NoiseMode.CONST); // [k,3,H,W]
        return new Tensor[] {distance.distance(synth, album).sum(), torch.mse_loss(synth, album)};
    }

    /** The mean reconstruction loss d + λ_L2·MSE over the album with the current weights (no update). */
    public double reconstructionLoss() {
        return reconstructionLoss(g, anchors.detach(), album, distance, c.l2Weight());
    }

    /**
     * The mean reconstruction loss d(G(w_i), x_i) + λ_L2·MSE(G(w_i), x_i) of any generator {@code g} (the base one
     * before tuning, the tuned one after) on the album {@code [N,3,H,W]} from its anchors {@code [N,S]}.
     */
    public static double reconstructionLoss(Generator g, Tensor anchors, Tensor album, ImageDistance distance,
            double l2Weight) {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            int n = (int) anchors.size(0);
            double sum = 0;
            for (int i = 0; i < n; i++) {
                Tensor[] t = terms(g, anchors.narrow(0, i, 1), album.narrow(0, i, 1), distance);
                sum += (t[0].item_double() + l2Weight * t[1].item_double()) / n;
            }
            return sum;
        }
    }

    /** The tuned generator as a rosinality-layout checkpoint with the anchors, positioned at {@code nextIter}. */
    Stylegan2Checkpoint checkpoint(Long nextIter, boolean withOptimizer) {
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put(ANCHORS_KEY, anchors.detach());
        if (plus != null) {
            extras.put(PLUS_KEY, plusEntry(plus.table(), plus.settings().levels()));
            if (withOptimizer) {
                extras.put(ANCHOR_OPTIM_KEY, anchorOptim.stateDict());
                if (axes != null) {
                    extras.put(AXES_KEY, axes);
                }
            }
        }
        if (nextIter != null) {
            extras.put(ITER_KEY, nextIter);
        }
        // The distance's discriminator travels with the tuned model (rosinality's 'd'), unchanged: resuming,
        // projecting and editing then use the distance the tuning used.
        Discriminator d = distance instanceof DiscriminatorDistance dd ? dd.discriminator() : null;
        return new Stylegan2Checkpoint(g.config(), null, d, g, latentAvg, withOptimizer ? optim.stateDict() : null,
                null, extras);
    }

    @Override
    public void save(Path file, int stage, long nextIter) throws IOException {
        checkpoint(nextIter, true).save(file);
    }

    /** The attributes as stored in a checkpoint: {names: [..], values: [N,M], levels: P}. */
    static Map<String, Object> plusEntry(AttributeTable t, int levels) {
        int n = t.values().length;
        float[] v = new float[n * t.count()];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < t.count(); j++) {
                v[i * t.count() + j] = (float) t.values()[i][j];
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("names", new ArrayList<>(t.names()));
        m.put("values", Tensors.of(v, n, t.count()));
        m.put("levels", (long) levels);
        return m;
    }

    /** When tuning ends: {@code mystyle.pt}, g_ema (the tuned generator), latent_avg, args and the anchors. */
    @Override
    public List<Artifact> artifacts(int stage) {
        return List.of(new Artifact(Path.of(MystyleModel.CHECKPOINT), tmp -> checkpoint(null, false).save(tmp)));
    }

    /** One pair per album image: the picture and G(anchor). */
    @Override
    public List<BufferedImage> samples(int stage, long iter) {
        List<BufferedImage> out = new ArrayList<>();
        int n = (int) anchors.size(0);
        for (int i = 0; i < n; i++) {
            Tensor w = anchors.detach().narrow(0, i, 1).unsqueeze(1).repeat(1, g.nLatent(), 1);
            out.add(SampleGrid.tile(List.of(ImageTensors.toImage(album.narrow(0, i, 1)),
                    ImageTensors.toImage(g.synthesize(w, NoiseMode.CONST))), 2, 0));
        }
        return out;
    }

    @Override
    public void close() {
        if (axes != null) {
            axes.releaseReference();
            axes = null;
        }
        g.close();
    }
}
