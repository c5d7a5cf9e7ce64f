package org.gan4j.gangealing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.loss.ImageDistance;
import org.gan4j.nn.Adam;
import org.gan4j.nn.BilinearDownsample;
import org.gan4j.stylegan2.Generator;
import org.gan4j.torch.Autograd;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Rng;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.Tensors;
import org.gan4j.train.Artifact;
import org.gan4j.train.Ema;
import org.gan4j.torch.dist.World;
import org.gan4j.train.SingleStageTrainer;

/**
 * GANgealing training (train.py): each step samples GAN-supervised pairs (x, y) at the current ψ and minimises
 * <pre>  ℓ(T(x), y) + λ_TV·L_TV(Δ) + λ_I·L_I(Δ)</pre>
 * over the STN T (Adam 1e-3) and the target latent's coefficients (Adam 1e-2); with K heads or flips the
 * perceptual term is the minimum over heads (and mirror images), and only the chosen head's flow is regularised.
 * The learning rates follow decaying cosine warm restarts once ψ reaches 0; T's EMA (decay 0.5^(32/10⁴)) is the
 * network used at test time. Every step draws from the global generator re-seeded from (seed, iteration), so a
 * resumed run repeats an uninterrupted one.
 */
public final class GangealingTrainer implements SingleStageTrainer {

    /** The official EMA decay of T: {@code accum = 0.5 ** (32 / (10 * 1000))}. */
    public static final double EMA_DECAY = Math.pow(0.5, 32 / 10_000.0);

    private final GangealingConfig c;
    private final Generator g;
    private final ImageDistance distance;
    private final ComposedStn t;
    private final ComposedStn tEma;
    private final TargetLatent ll;
    private final Adam tOptim;
    private final Adam llOptim;
    private final BilinearDownsample toStn;
    private final Tensor sampleZ;
    private final int threads;
    private final List<Ema> emas;
    private final World world;

    /**
     * @param resume a checkpoint to continue from, or null: then the target latent starts at W's PCA (and, with K
     *               heads, at K-means++ centroids among generated images)
     */
    public GangealingTrainer(GangealingConfig config, Generator g, ImageDistance distance, GangealingCheckpoint resume,
            int sampleCount, int threads) {
        this(config, g, distance, resume, sampleCount, threads, World.single());
    }

    /**
     * Data-parallel (a {@link World} of N processes), as the official DDP training: each rank its rows of every
     * micro-batch's pairs (z and both noise sets drawn for the global batch), gradients of T and the target latent
     * averaged before each Adam step; the one-process model up to the order of float sums.
     */
    public GangealingTrainer(GangealingConfig config, Generator g, ImageDistance distance, GangealingCheckpoint resume,
            int sampleCount, int threads, World world) {
        checkWorld(config, world.size());
        this.world = world;
        this.c = config;
        this.g = g;
        this.distance = distance;
        this.threads = threads;
        g.eval();
        g.requiresGrad(false);
        if (g.config().size() != c.stn().supersize()) {
            throw new org.gan4j.Gan4jException("the STN takes " + c.stn().supersize() + " px images but the generator makes "
                    + g.config().size() + " px ones");
        }
        Seeds.seed(c.seed());
        t = new ComposedStn(c.stn());
        tEma = new ComposedStn(c.stn());
        emas = List.of(new Ema(t, tEma, EMA_DECAY)); // starts T_ema at T (accumulate(t_ema, stn, 0)); a resume overwrites it
        ll = new TargetLatent(g.styleDim(), c.ndirs(), c.inject(), g.nLatent(), c.heads());
        tOptim = new Adam(t.parameters(), c.stnLr(), 0.9, 0.999, 1e-8);
        llOptim = new Adam(ll.parameters(), c.llLr(), 0.9, 0.999, 1e-8);
        int gen = g.config().size();
        toStn = gen > c.stn().flowSize() ? new BilinearDownsample(gen / c.stn().flowSize(), 3) : null;
        if (resume != null) {
            resume.restore(t, tEma, ll, tOptim, llOptim);
        } else {
            initialiseTarget();
        }
        List<Tensor> replicated = new ArrayList<>(t.stateDict().values());
        replicated.addAll(ll.stateDict().values());
        world.broadcast(replicated); // DDP's start: rank 0's T and targets (equal already when seeded alike)
        try (NoGrad ng = new NoGrad()) {
            torch.manual_seed(Rng.iterationSeed(c.seed(), -1, 1));
            sampleZ = Scope.keepAlive(CongealingPairs.z(g, Math.max(1, sampleCount / c.heads())));
        }
    }

    /** Refuses a global batch that does not split evenly over {@code n} processes. */
    public static void checkWorld(GangealingConfig c, int n) {
        if (n > 1 && c.batch() % n != 0) {
            throw new org.gan4j.Gan4jException("--batch " + c.batch() + " does not split evenly over " + n
                    + " processes; use a multiple of " + n);
        }
    }

    /** The target latent's start: W's PCA, and with K heads K-means++ among generated images. */
    private void initialiseTarget() {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            torch.manual_seed(Rng.iterationSeed(c.seed(), -1, 0));
            WPca pca = WPca.fit(g, c.pcaSamples(), c.ndirs());
            ll.assign(pca.directions(), pca.mean());
            if (c.heads() > 1) {
                Tensor centroids = KMeansPlusPlus.centroids(g, distance, c.heads(), c.kmeansSamples(), c.inject(), toStn);
                ll.assignCoefficients(pca.encode(centroids));
            }
        }
    }

    public ComposedStn t() {
        return t;
    }

    public ComposedStn tEma() {
        return tEma;
    }

    public TargetLatent ll() {
        return ll;
    }

    @Override
    public long iterations() {
        return c.iters();
    }

    @Override
    public String label() {
        return "GANgealing " + c.stn().supersize() + "x" + c.stn().supersize() + (c.heads() > 1 ? " K=" + c.heads() : "");
    }

    @Override
    public int intraThreads() {
        return threads;
    }

    @Override
    public List<Ema> emas() {
        return emas;
    }

    /** ψ at (0-based) iteration {@code i}: train.py's 1-based i. */
    public double psi(long i) {
        return Annealing.psi(c.annealFn(), i + 1, c.annealPsi());
    }

    @Override
    public Map<String, Double> step(int stage, long i) {
        // The scheduler steps after each optimiser step once ψ is 0: the rate used at 1-based i is set at i − 1.
        double f = Annealing.lrFactor(i, c.annealPsi(), c.period(), c.tm(), c.decay());
        tOptim.setLr(c.stnLr() * f);
        llOptim.setLr(c.llLr() * f);
        double psi = psi(i);
        List<Tensor> params = new ArrayList<>(t.parameters());
        if (!c.freezeLl()) {
            params.addAll(ll.parameters());
        }
        List<Tensor> grads = null;
        double p = 0;
        double tv = 0;
        double id = 0;
        for (int a = 0; a < c.accumulate(); a++) {
            Seeds.seed(Rng.iterationSeed(c.seed(), i, a));
            Terms terms;
            try (Scope s = new Scope()) { // the micro-batch's graph is freed here; its gradients live on
                terms = terms(psi);
            }
            terms.grads.forEach(Scope::adopt);
            p += terms.perceptual / c.accumulate();
            tv += terms.tv / c.accumulate();
            id += terms.identity / c.accumulate();
            List<Tensor> gNow = terms.grads;
            grads = grads == null ? gNow : Autograd.sum(grads, gNow);
        }
        List<Tensor> all = world.average(Autograd.zerosForUndefined(grads, params));
        int nt = t.parameters().size();
        tOptim.step(all.subList(0, nt));
        if (!c.freezeLl()) {
            llOptim.step(all.subList(nt, all.size()));
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("perceptual", p);
        out.put("tv", tv);
        out.put("identity", id);
        out.put("psi", psi);
        out.put("lr", c.stnLr() * f);
        return out;
    }

    private record Terms(double perceptual, double tv, double identity, List<Tensor> grads) {}

    /** One micro-batch's loss terms and gradients (kept alive for the caller's sum). */
    private Terms terms(double psi) {
        Tensor z = CongealingPairs.z(g, c.batch()); // the global batch's codes; this rank's rows of the pairs
        CongealingPairs pair = CongealingPairs.sample(g, ll, toStn, z, psi, !c.freezeLl(), world.shard());
        Loss l = c.clustering() ? clusterLoss(pair) : plainLoss(pair);
        Tensor tvLoss = c.tvWeight() > 0 ? CongealingLosses.totalVariation(l.delta) : Tensors.scalar(0);
        Tensor idLoss = c.flowIdentityWeight() > 0 ? CongealingLosses.flowIdentity(l.delta) : Tensors.scalar(0);
        Tensor total = l.perceptual.add(tvLoss.mul(Tensors.s(c.tvWeight()))).add(idLoss.mul(Tensors.s(c.flowIdentityWeight())));
        total = total.div(Tensors.s(c.accumulate()));
        List<Tensor> params = new ArrayList<>(t.parameters());
        if (!c.freezeLl()) {
            params.addAll(ll.parameters());
        }
        List<Tensor> grads = Autograd.zerosForUndefined(Autograd.grad(total, params, null, false), params);
        grads.forEach(Scope::keepAlive);
        return new Terms(l.perceptual.item_double(), tvLoss.item_double(), idLoss.item_double(), grads);
    }

    private record Loss(Tensor perceptual, Tensor delta) {}

    /** ℓ(T(x), y) of the pairs that codes {@code z} [N,style_dim] make at {@code psi}, without gradient (tests). */
    double loss(Tensor z, double psi) {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            CongealingPairs pair = CongealingPairs.sample(g, ll, toStn, z, psi, false);
            return (c.clustering() ? clusterLoss(pair) : plainLoss(pair)).perceptual.item_double();
        }
    }

    /** {@code gangealing_loss}: ℓ(T(x), y) averaged, with the residual flow. */
    private Loss plainLoss(CongealingPairs pair) {
        Tensor x = pair.unaligned();
        Tensor in = toStn == null ? x : toStn.forward(x);
        Warped w = t.forward(in, c.sampleFromFullRes() ? x : in, Warping.defaults().padding(c.padding()), null);
        return new Loss(distance.distance(w.out(), pair.target()).mean(), w.warp());
    }

    /** {@code gangealing_cluster_loss}: the minimum over heads (and flips) of ℓ, the chosen head's flow. */
    private Loss clusterLoss(CongealingPairs pair) {
        Assignment a = Assignment.of(t, distance, pair, toStn, c.flips(), c.sampleFromFullRes(), c.padding());
        return new Loss(a.best().mean(), a.chosenDelta());
    }

    @Override
    public void save(Path file, int stage, long nextIter) throws IOException {
        PtFile.save(file, GangealingCheckpoint.of(g, t, tEma, ll, tOptim, llOptim, c, nextIter).toTree());
    }

    /** When training ends, the official-layout checkpoint {@code gangealing.pt} (what the official apps load). */
    @Override
    public List<Artifact> artifacts(int stage) {
        return List.of(new Artifact(Path.of(GangealingModel.CHECKPOINT), tmp -> PtFile.save(tmp,
                GangealingCheckpoint.of(g, t, tEma, ll, tOptim, llOptim, c, c.iters()).toTree())));
    }

    /**
     * For fixed samples, one strip each: x, T_ema(x) and the target y (for K heads, each sample's best head), at the
     * current ψ.
     */
    @Override
    public List<BufferedImage> samples(int stage, long iter) {
        double psi = psi(Math.max(0, iter - 1));
        // Every step re-seeds the global generator, so seeding it here for the samples disturbs nothing.
        {
            torch.manual_seed(Rng.iterationSeed(c.seed(), -1, 2));
            CongealingPairs pair = CongealingPairs.sample(g, ll, toStn, sampleZ, psi, false);
            Assignment a = Assignment.of(tEma, distance, pair, toStn, false, c.sampleFromFullRes(), c.padding());
            List<BufferedImage> xs = ImageTensors.toImages(pair.unaligned());
            List<BufferedImage> outs = ImageTensors.toImages(a.chosenOut());
            List<BufferedImage> ys = ImageTensors.toImages(a.chosenTarget());
            List<BufferedImage> out = new ArrayList<>();
            int side = (int) pair.unaligned().size(2);
            for (int k = 0; k < xs.size(); k++) { // one strip per sample: x | T(x) | y
                out.add(org.gan4j.train.SampleGrid.tile(List.of(xs.get(k), ImageTensors.resized(outs.get(k), side, side),
                        ImageTensors.resized(ys.get(k), side, side)), 3, 0));
            }
            return out;
        }
    }

    @Override
    public void close() {
        t.close();
        tEma.close();
        ll.close();
        if (toStn != null) {
            toStn.close();
        }
    }
}
