package org.gan4j.spade;

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
import org.gan4j.data.LabelMaps;
import org.gan4j.data.SceneDataset;
import org.gan4j.loss.FeatureMatching;
import org.gan4j.loss.Hinge;
import org.gan4j.loss.Kld;
import org.gan4j.loss.VggLoss;
import org.gan4j.nn.Adam;
import org.gan4j.nn.BatchNorm2d;
import org.gan4j.nn.MultiscaleDiscriminator;
import org.gan4j.nn.NonSpadeNorm;
import org.gan4j.nn.SpadeSegmap;
import org.gan4j.nn.Vgg19Features;
import org.gan4j.torch.Autograd;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Rng;
import org.gan4j.torch.dist.World;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.Scope;
import org.gan4j.torch.StateDict;
import org.gan4j.torch.Tensors;
import org.gan4j.train.Artifact;
import org.gan4j.train.SingleStageTrainer;

/**
 * The official {@code Pix2PixTrainer} as a {@link SingleStageTrainer} ({@code iters} iterations). Per
 * iteration, on a batch of label maps m and photos x:
 * <pre>
 *   generator step:      [E: z = μ + ε·σ, L_KL]  x̂ = G(m, z)
 *                        L_G = hinge_G(D(m, x̂)) + λ_feat·FM(D(m, x̂), D(m, x)) + λ_vgg·VGG(x̂, x) + λ_kld·KL
 *   discriminator step:  x̂ = G(m, z') without gradient;  L_D = hinge_real(D(m, x)) + hinge_fake(D(m, x̂))
 * </pre>
 * D sees [m ; x̂] and [m ; x] concatenated in one batch, as the official {@code discriminate}; both steps run
 * G and D in training mode (batch statistics, one power iteration per forward). Adam with TTUR; the learning
 * rates fall linearly over the last {@code decayIters}. Every random draw of iteration i (ε, the batch and its
 * mirroring) comes from (seed, i), and the checkpoint holds the rest, so a resumed run equals the uninterrupted one.
 */
public final class SpadeTrainer implements SingleStageTrainer {

    private final SpadeConfig c;
    private final SceneDataset data;
    private final SpadeBatches batches;
    private final SpadeGenerator g;
    private final MultiscaleDiscriminator d;
    private final ConvEncoder e; // null without the style encoder
    private final List<Tensor> gParams; // G's, then E's: the official optimizer_G's list
    private final Adam gOptim;
    private final Adam dOptim;
    private final Vgg19Features vgg; // null without the perceptual term
    private final VggLoss vggLoss;
    private final int sampleCount;
    private final int threads;
    private final World world;

    /**
     * @param config      the model and its training
     * @param data        the pairs
     * @param resume      a checkpoint to continue from, or null for new weights from the seed
     * @param sampleCount label maps in each sample grid
     * @param threads     libtorch intra-op threads for the steps
     */
    public SpadeTrainer(SpadeConfig config, SceneDataset data, SpadeCheckpointFile resume, int sampleCount, int threads) {
        this(config, data, resume, sampleCount, threads, World.single());
    }

    /**
     * Data-parallel (a {@link World} of N processes), as the official multi-GPU training: each rank its rows of
     * every batch and of every draw, G's batch norms synchronized over the ranks ({@link BatchNorm2d#synchronize},
     * the official {@code SynchronizedBatchNorm2d}), gradients averaged before each Adam step; the one-process model
     * up to the order of float sums.
     */
    public SpadeTrainer(SpadeConfig config, SceneDataset data, SpadeCheckpointFile resume, int sampleCount, int threads,
            World world) {
        checkWorld(config, world.size());
        this.world = world;
        this.c = config;
        this.data = data;
        this.sampleCount = sampleCount;
        this.threads = threads;
        this.batches = new SpadeBatches(data, config, world.shard());
        SpadeNets n = config.nets();
        Seeds.seed(config.seed()); // weight init draws from the global generator
        g = new SpadeGenerator(n);
        d = new MultiscaleDiscriminator(n.numD(), n.semanticNc() + 3, n.ndf(), n.nLayersD(), NonSpadeNorm.parse(n.normD()));
        e = n.useVae() ? new ConvEncoder(n.ngf(), n.cropSize(), NonSpadeNorm.parse(n.normE())) : null;
        gParams = new ArrayList<>(g.parameters());
        if (e != null) {
            gParams.addAll(e.parameters());
        }
        gOptim = new Adam(gParams, c.lrG(), c.beta1(), c.beta2());
        dOptim = new Adam(d.parameters(), c.lrD(), c.beta1(), c.beta2());
        vgg = switch (c.perceptual()) {
            case VGG19 -> {
                Vgg19Features full = Vgg19Features.load(Path.of(c.vggWeights()));
                yield c.vggSlices() == Vgg19Features.SLICES ? full : full.firstSlices(c.vggSlices());
            }
            case RANDOM_VGG19 -> Vgg19Features.random(SpadeConfig.RANDOM_VGG_SEED, c.vggSlices());
            case NONE -> null;
        };
        vggLoss = vgg == null || c.lambdaVgg() == 0 ? null : new VggLoss(vgg);
        if (resume != null) {
            restore(resume.checkpoint(), resume.path());
        }
        BatchNorm2d.synchronizeAll(g, world);
        List<Tensor> replicated = new ArrayList<>(g.stateDict().values());
        replicated.addAll(d.stateDict().values());
        if (e != null) {
            BatchNorm2d.synchronizeAll(e, world);
            replicated.addAll(e.stateDict().values());
        }
        world.broadcast(replicated); // DDP's start: rank 0's weights (equal already when seeded alike)
    }

    /** Refuses a global batch that does not split evenly over {@code n} processes. */
    public static void checkWorld(SpadeConfig c, int n) {
        if (n > 1 && c.batch() % n != 0) {
            throw new Gan4jException("--batch " + c.batch() + " does not split evenly over " + n + " processes; use a"
                    + " multiple of " + n);
        }
    }

    /** A checkpoint already read, and where from (for error messages). */
    public record SpadeCheckpointFile(SpadeCheckpoint checkpoint, Path path) {}

    private void restore(SpadeCheckpoint ck, Path file) {
        g.loadStateDict(ck.netG(), file + "[netG]");
        d.loadStateDict(ck.netD(), file + "[netD]");
        if (e != null) {
            if (ck.netE() == null) {
                throw new Gan4jException(file + " has no netE but the model has a style encoder");
            }
            e.loadStateDict(ck.netE(), file + "[netE]");
        }
        gOptim.loadStateDict(ck.optimizerG(), file + "[optimizer_G]");
        dOptim.loadStateDict(ck.optimizerD(), file + "[optimizer_D]");
    }

    public SpadeGenerator g() {
        return g;
    }

    public MultiscaleDiscriminator d() {
        return d;
    }

    /** The style encoder, or null. */
    public ConvEncoder e() {
        return e;
    }

    @Override
    public long iterations() {
        return c.iters();
    }

    @Override
    public String label() {
        return "SPADE " + c.nets().height() + "x" + c.nets().width();
    }

    @Override
    public int intraThreads() {
        return threads;
    }

    @Override
    public Map<String, Double> step(int stage, long i) {
        double f = c.lrFactor(i);
        gOptim.setLr(c.lrG() * f);
        dOptim.setLr(c.lrD() * f);
        SpadeBatches.Batch b = batches.batch(i);
        Rng rng = Rng.forIteration(c.seed(), i, 0);
        Map<String, Double> out = new LinkedHashMap<>();

        SpadeSegmap m = SpadeSegmap.of(b.semantics()); // the label map's windows, shared by both generator passes

        // Generator (and encoder) step, in a scope of its own: its graph is freed before the D step starts.
        try (Scope gStep = new Scope()) {
            Tensor kld = null;
            Tensor z = null;
            if (e != null) {
                ConvEncoder.Posterior q = e.forward(b.real());
                z = q.sample(world.shard().rows(rng.randn(c.batch(), ConvEncoder.Z_DIM))); // drawn for the global batch
                // The official KL term is a sum over the batch: each rank's part times N, so that the average over
                // the ranks is the global batch's sum.
                kld = Kld.divergence(q.mu(), q.logvar()).mul(Tensors.s(c.lambdaKld() * world.size()));
            }
            Tensor fake = g.forward(m, z);
            MultiscaleDiscriminator.Predictions preds = d.fakeAndReal(b.semantics(), fake, b.real());
            Tensor gGan = Hinge.generator(preds.fake());
            Tensor total = gGan;
            out.put("G_GAN", gGan.item_double());
            if (c.lambdaFeat() > 0) {
                Tensor feat = FeatureMatching.loss(preds.fake(), preds.real(), c.lambdaFeat());
                total = total.add(feat);
                out.put("G_feat", feat.item_double());
            }
            if (vggLoss != null) {
                Tensor v = vggLoss.loss(fake, b.real()).mul(Tensors.s(c.lambdaVgg()));
                total = total.add(v);
                out.put("G_VGG", v.item_double());
            }
            if (kld != null) {
                total = total.add(kld);
                out.put("KLD", kld.item_double());
            }
            gOptim.step(world.average(Autograd.zerosForUndefined(Autograd.grad(total, gParams, null, false), gParams)));
        }

        // Discriminator step, on fakes of the updated generator.
        Tensor fakeD;
        try (NoGrad ng = new NoGrad()) {
            Tensor z2 = e == null ? null
                    : e.forward(b.real()).sample(world.shard().rows(rng.randn(c.batch(), ConvEncoder.Z_DIM)));
            fakeD = g.forward(m, z2);
        }
        MultiscaleDiscriminator.Predictions dPreds = d.fakeAndReal(b.semantics(), fakeD, b.real());
        Hinge.DTerms dl = Hinge.discriminator(dPreds.real(), dPreds.fake());
        List<Tensor> dGrads = Autograd.grad(dl.sum(), d.parameters(), null, false);
        dOptim.step(world.average(Autograd.zerosForUndefined(dGrads, d.parameters())));
        out.put("D_fake", dl.fake().item_double());
        out.put("D_real", dl.real().item_double());
        return out;
    }

    SpadeCheckpoint checkpoint(long nextIter) {
        return new SpadeCheckpoint(g.stateDict(), d.stateDict(), e == null ? null : e.stateDict(), gOptim.stateDict(),
                dOptim.stateDict(), nextIter);
    }

    @Override
    public void save(Path file, int stage, long nextIter) throws IOException {
        PtFile.save(file, checkpoint(nextIter).toTree());
    }

    /** The official-layout model files, written when training ends: what the official test.py loads. */
    @Override
    public List<Artifact> artifacts(int stage) {
        List<Artifact> out = new ArrayList<>();
        out.add(new Artifact(Path.of(SpadeModel.NET_G), tmp -> PtFile.save(tmp, StateDict.of(g.stateDict()))));
        out.add(new Artifact(Path.of(SpadeModel.NET_D), tmp -> PtFile.save(tmp, StateDict.of(d.stateDict()))));
        if (e != null) {
            out.add(new Artifact(Path.of(SpadeModel.NET_E), tmp -> PtFile.save(tmp, StateDict.of(e.stateDict()))));
        }
        return out;
    }

    /**
     * For each of the first label maps of the data: the map in its palette's colours, the real photo, and G's
     * image in eval mode (running statistics; with the encoder, z = μ of the real photo). Eval forwards leave
     * every buffer as it was, so samples do not change training.
     */
    @Override
    public List<BufferedImage> samples(int stage, long iter) {
        SpadeBatches.Batch b = batches.fixed(sampleCount);
        g.eval();
        if (e != null) {
            e.eval();
        }
        try {
            Tensor z = e == null ? null : e.forward(b.real()).mu();
            Tensor fake = g.forward(b.semantics(), z);
            List<BufferedImage> reals = ImageTensors.toImages(b.real());
            List<BufferedImage> fakes = ImageTensors.toImages(fake);
            List<BufferedImage> out = new ArrayList<>();
            for (int k = 0; k < fakes.size(); k++) {
                out.add(LabelMaps.colourise(data.pair(k, c.nets().width(), c.nets().height()).labels(), data.palette()));
                out.add(reals.get(k));
                out.add(fakes.get(k));
            }
            return out;
        } finally {
            g.train(true);
            if (e != null) {
                e.train(true);
            }
        }
    }

    @Override
    public void close() {
        g.close();
        d.close();
        if (e != null) {
            e.close();
        }
        if (vgg != null) {
            vgg.close();
        }
    }
}
