package org.gan4j.cocosnet;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.data.EdgeMap;
import org.gan4j.data.LabelMaps;
import org.gan4j.data.SceneDataset;
import org.gan4j.data.ScenePair;
import org.gan4j.loss.FeatureMatching;
import org.gan4j.loss.Hinge;
import org.gan4j.nn.Adam;
import org.gan4j.nn.BatchNorm2d;
import org.gan4j.nn.MultiscaleDiscriminator;
import org.gan4j.nn.NonSpadeNorm;
import org.gan4j.nn.PatchGan;
import org.gan4j.torch.Autograd;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Resize;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.StateDict;
import org.gan4j.torch.Tensors;
import org.gan4j.torch.dist.World;
import org.gan4j.train.Artifact;
import org.gan4j.train.SingleStageTrainer;

/**
 * The official CoCosNet {@code Pix2PixTrainer} as a {@link SingleStageTrainer}. Per iteration, on input maps
 * x_A, ground truths x_B and exemplars y_B ({@link CocosBatches}):
 * <pre>
 *   generator step:  r_{y→x}, M = Corr(x_A, y_B, m_B);   x̂ = G([r_{y→x} ; x_A])
 *     L = λ_align·‖x_S − F_{B→S}(x_B)‖₁ [+ λ_cyc·‖Mᵀr − y_B↓‖₁]
 *       + λ_gan·hinge_G(D(x_A, x̂)) + λ_feat·FM_D + λ_vgg·fm_ratio·L_fm + λ_perc·L_perc + λ_vgg·ctx_w·L_CX + λ_mask·L_mask
 *   discriminator step (on that x̂, detached, as the official GforD):
 *     L_D = λ_gan·(hinge_real(D(x_A, x_B)) + hinge_fake(D(x_A, x̂)))
 * </pre>
 * Adam with TTUR: G and Corr together at 1e-4 (ε 1e-3), D at 4e-4, β = (0, 0.9); both rates fall linearly over
 * the last {@code decayIters}. Batch i depends on (seed, i) only and the checkpoint holds the rest, so a resumed run
 * equals the uninterrupted one.
 */
public final class CocosTrainer implements SingleStageTrainer {

    private final CocosConfig c;
    private final SceneDataset data;
    private final CocosBatches batches;
    private final Correspondence corr;
    private final CocosGenerator g;
    private final MultiscaleDiscriminator d;
    private final List<Tensor> gParams; // netG's, then netCorr's: the official optimizer_G's groups
    private final Adam gOptim;
    private final Adam dOptim;
    private final CocosVgg vgg;
    private final int sampleCount;
    private final int threads;
    private final int ignoreId;
    private final World world;

    /**
     * @param config      the model and its training
     * @param data        the pairs
     * @param exemplars   the pairs' retrieved neighbours
     * @param resume      a checkpoint to continue from and its path, or null for new weights from the seed
     * @param sampleCount input maps in each sample grid
     * @param threads     libtorch intra-op threads
     */
    public CocosTrainer(CocosConfig config, SceneDataset data, Exemplars exemplars, CocosCheckpoint.Read resume,
            int sampleCount, int threads) {
        this(config, data, exemplars, resume, sampleCount, threads, World.single());
    }

    /**
     * Data-parallel (a {@link World} of N processes), as the official multi-GPU training: each rank its rows of every
     * batch (every random choice drawn for the global batch), the generator's batch norms synchronized over the
     * ranks, the losses normalised over the batch (the pseudo pairs' weights, the warped mask's ratio) with global
     * sums, gradients averaged before each Adam step; the one-process model up to the order of float sums.
     */
    public CocosTrainer(CocosConfig config, SceneDataset data, Exemplars exemplars, CocosCheckpoint.Read resume,
            int sampleCount, int threads, World world) {
        checkWorld(config, world.size());
        this.world = world;
        this.c = config;
        this.data = data;
        this.sampleCount = sampleCount;
        this.threads = threads;
        this.batches = new CocosBatches(data, exemplars, config, world.shard());
        this.ignoreId = data.dontCare() ? data.labelNc() : -1;
        CocosNets n = config.nets();
        Seeds.seed(config.seed());
        corr = new Correspondence(n);
        g = new CocosGenerator(n);
        d = new MultiscaleDiscriminator(config.numD(), n.semanticNc() + 3, config.ndf(), config.nLayersD(),
                NonSpadeNorm.SPECTRAL_INSTANCE, PatchGan.cocosnet(n.useAttention(), n.semanticNc()));
        gParams = new ArrayList<>(g.parameters());
        gParams.addAll(corr.parameters());
        gOptim = new Adam(gParams, c.lrG(), CocosConfig.BETA1, CocosConfig.BETA2, CocosConfig.EPS_G);
        dOptim = new Adam(d.parameters(), c.lrD(), CocosConfig.BETA1, CocosConfig.BETA2);
        vgg = CocosVgg.of(c.perceptual(), c.vggWeights());
        if (resume != null) {
            resume.checkpoint().restore(corr, g, d, gOptim, dOptim, resume.path());
        }
        BatchNorm2d.synchronizeAll(g, world);
        BatchNorm2d.synchronizeAll(corr, world);
        List<Tensor> replicated = new ArrayList<>(corr.stateDict().values());
        replicated.addAll(g.stateDict().values());
        replicated.addAll(d.stateDict().values());
        world.broadcast(replicated); // DDP's start: rank 0's weights (equal already when seeded alike)
    }

    /** Refuses a global batch that does not split evenly over {@code n} processes. */
    public static void checkWorld(CocosConfig c, int n) {
        if (n > 1 && c.batch() % n != 0) {
            throw new org.gan4j.Gan4jException("--batch " + c.batch() + " does not split evenly over " + n
                    + " processes; use a multiple of " + n);
        }
    }

    public Correspondence corr() {
        return corr;
    }

    public CocosGenerator g() {
        return g;
    }

    public MultiscaleDiscriminator d() {
        return d;
    }

    @Override
    public long iterations() {
        return c.iters();
    }

    @Override
    public String label() {
        return "CoCosNet " + c.nets().cropSize() + "x" + c.nets().cropSize();
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
        CocosBatches.Batch b = batches.batch(i);
        Map<String, Double> out = new LinkedHashMap<>();

        // Generator and correspondence step, in a scope of its own; its graph is freed before the D step.
        Tensor fakeD = Scope.run(() -> generatorStep(b, out));

        // Discriminator step on the generator step's image (the official GforD).
        MultiscaleDiscriminator.Predictions p = d.fakeAndReal(b.semantics(), fakeD, b.real());
        Hinge.DTerms dl = Hinge.discriminator(p.real(), p.fake());
        Tensor dFake = dl.fake().mul(Tensors.s(c.weightGan()));
        Tensor dReal = dl.real().mul(Tensors.s(c.weightGan()));
        dOptim.step(world.average(Autograd.zerosForUndefined(Autograd.grad(dFake.add(dReal), d.parameters(), null, false),
                d.parameters())));
        out.put("D_Fake", dFake.item_double());
        out.put("D_real", dReal.item_double());
        return out;
    }

    private Tensor generatorStep(CocosBatches.Batch b, Map<String, Double> out) {
        List<Tensor> refF;
        List<Tensor> realF;
        try (NoGrad ng = new NoGrad()) { // both detached in the official losses
            refF = vgg.features(b.ref());
            realF = vgg.features(b.real());
        }
        Correspondence.Warp w = corr.forward(b.ref(), b.semantics(), b.refSemantics());
        List<Tensor> terms = new ArrayList<>();
        if (c.novggFeatpair() > 0) {
            terms.add(term(out, "no_vgg_feat", CocosLosses.l1(w.xS(), corr.imageFeatures(b.real())), c.novggFeatpair()));
        }
        if (c.warpCycleW() > 0) {
            Tensor ref = torch.avg_pool2d(b.ref(), new long[] {CocosNets.DOWN, CocosNets.DOWN});
            terms.add(term(out, "G_warp_cycle", CocosLosses.l1(w.warpCycle(), ref), c.warpCycleW()));
        }
        if (c.warpSelfW() > 0) {
            Tensor s = CocosLosses.selfRefWeights(b.selfRef(), b.selfRefCount());
            terms.add(term(out, "G_warp_self", w.warpOut().sub(b.real()).abs().mul(s).mean(), c.warpSelfW()));
        }
        Tensor fake = g.forward(torch.cat(new TensorVector(w.warpOut(), b.semantics()), 1));
        MultiscaleDiscriminator.Predictions p = d.fakeAndReal(b.semantics(), fake, b.real());
        terms.add(term(out, "GAN", Hinge.generator(p.fake()), c.weightGan()));
        if (c.lambdaFeat() > 0) {
            terms.add(term(out, "GAN_Feat", FeatureMatching.loss(p.fake(), p.real(), c.lambdaFeat()), 1.0));
        }
        List<Tensor> fakeF = vgg.features(fake);
        terms.add(term(out, "fm", CocosLosses.featureMatching(fakeF, realF, b.selfRef(), b.selfRefCount()), c.lambdaVgg() * c.fmRatio()));
        int layer = c.perceptualLayer() - 1;
        terms.add(term(out, "perc", CocosLosses.perceptual(fakeF.get(layer), realF.get(layer)), c.weightPerceptual()));
        terms.add(term(out, "contextual", CocosLosses.contextual(fakeF, refF, c.nets().pono()), c.lambdaVgg() * c.ctxW()));
        if (c.weightMask() > 0) {
            terms.add(term(out, "mask", CocosLosses.warpedMask(w.warpMask(), b.labels(), b.refLabels(), ignoreId, world),
                    c.weightMask()));
        }
        Tensor total = terms.get(0);
        for (int k = 1; k < terms.size(); k++) {
            total = total.add(terms.get(k));
        }
        gOptim.step(world.average(Autograd.zerosForUndefined(Autograd.grad(total, gParams, null, false), gParams)));
        return fake.detach();
    }

    private static Tensor term(Map<String, Double> out, String name, Tensor loss, double weight) {
        Tensor t = loss.mul(Tensors.s(weight));
        out.put(name, t.item_double());
        return t;
    }

    CocosCheckpoint checkpoint(long nextIter) {
        return new CocosCheckpoint(corr.stateDict(), g.stateDict(), d.stateDict(), gOptim.stateDict(), dOptim.stateDict(),
                nextIter);
    }

    @Override
    public void save(Path file, int stage, long nextIter) throws IOException {
        PtFile.save(file, checkpoint(nextIter).toTree());
    }

    /** The official-layout model files, written when training ends: what the official test.py loads. */
    @Override
    public List<Artifact> artifacts(int stage) {
        return List.of(
                new Artifact(Path.of(CocosModel.NET_CORR), tmp -> PtFile.save(tmp, StateDict.of(corr.stateDict()))),
                new Artifact(Path.of(CocosModel.NET_G), tmp -> PtFile.save(tmp, StateDict.of(g.stateDict()))),
                new Artifact(Path.of(CocosModel.NET_D), tmp -> PtFile.save(tmp, StateDict.of(d.stateDict()))));
    }

    /**
     * For each of the first input maps: the map in its palette's colours (or the edges), its retrieved exemplar, the warped
     * exemplar and the output, in eval mode (buffers untouched, so samples do not change training).
     */
    @Override
    public List<BufferedImage> samples(int stage, long iter) {
        CocosBatches.Batch b = batches.fixed(sampleCount);
        corr.eval();
        g.eval();
        try {
            Correspondence.Warp w = corr.forward(b.ref(), b.semantics(), b.refSemantics());
            Tensor fake = g.forward(torch.cat(new TensorVector(w.warpOut(), b.semantics()), 1));
            List<BufferedImage> refs = ImageTensors.toImages(b.ref());
            List<BufferedImage> warped = ImageTensors.toImages(Resize.nearest(w.warped(), (int) b.ref().size(2),
                    (int) b.ref().size(3)));
            List<BufferedImage> fakes = ImageTensors.toImages(fake);
            int size = c.nets().cropSize();
            List<BufferedImage> out = new ArrayList<>();
            for (int k = 0; k < fakes.size(); k++) {
                ScenePair pair = data.pair(k, size, size);
                out.add(c.input() == InputKind.EDGES ? EdgeMap.ofPhoto(pair.image()).edgesImage()
                        : LabelMaps.colourise(pair.labels(), data.palette()));
                out.add(refs.get(k));
                out.add(warped.get(k));
                out.add(fakes.get(k));
            }
            return out;
        } finally {
            corr.train(true);
            g.train(true);
        }
    }

    @Override
    public void close() {
        corr.close();
        g.close();
        d.close();
        vgg.close();
    }
}
