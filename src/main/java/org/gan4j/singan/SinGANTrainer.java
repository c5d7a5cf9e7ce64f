package org.gan4j.singan;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.nn.Adam;
import org.gan4j.torch.Engine;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Lanes;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Rng;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.Tensors;
import org.gan4j.train.Artifact;
import org.gan4j.train.Trainer;

/**
 * Trains the pyramid coarse to fine, one {@link org.gan4j.train.Trainer} stage per scale, as the official
 * train_single_scale: per iteration 3 critic steps (WGAN-GP) then 3 generator steps (adversarial +
 * α·reconstruction), Adam(5e-4, β=(0.5, 0.999)) with ×0.1 at the milestone, scales below frozen.
 *
 * <p>Random numbers are re-seeded from (seed, scale, iteration) at every iteration, so a run resumed from a
 * checkpoint continues exactly as the uninterrupted run would have. How a step's work is split over two
 * {@link Lanes} is in {@link StepParts}.
 */
// DEVIATION: the official code draws from one global generator seeded once; gan4j draws every random number of an
// iteration from generators seeded by (seed, scale, iteration, stream), so that a resumed run and any lane
// schedule give the same numbers.
public final class SinGANTrainer implements Trainer, AutoCloseable {

    // The random streams of an iteration, Rng.forStage(seed, scale, iteration, stream) (iteration −1: the setup).
    /** The iteration's noise z (and z_opt, redrawn at the coarsest scale). */
    static final int NOISE_STREAM = 0;
    /** Plus j: the noise of the scales below for critic step j's fake. */
    static final int CASCADE_STREAM = 1;
    /** Plus j: ε of critic step j's gradient penalty. */
    static final int PENALTY_STREAM = 16;

    private final SinGANConfig c;
    private final Pyramid pyramid;
    private final List<Tensor> reals; // x_0..x_N, [1,3,H_n,W_n]
    private final SinGANModel model;
    private final StageState resume;  // partial state of the scale being trained when resuming, or null
    private final Path modelFile;     // model.pt, an artifact of every scale (may be null)
    private final Lanes lanes;
    private UnaryOperator<Tensor> coarseInput = UnaryOperator.identity(); // see withCoarseInput
    private boolean warmStart = true;

    // State of the scale being trained.
    private int n = -1;
    private Generator g;
    private Discriminator d;
    private Adam optG;
    private Adam optD;
    private Tensor real;
    private Tensor inS;        // zeros of the coarsest size, [1,3,H_0,W_0]
    private Tensor zOpt;       // [1,3,H+2p,W+2p]
    private Tensor zPrev;      // x̃↑ on the reconstruction path, padded, [1,3,H+2p,W+2p]
    private Tensor zerosPadded;
    private double noiseAmp;
    private StepParts parts;
    private Tensor lastFake;
    private Tensor lastRec;

    /**
     * @param config    the run's configuration
     * @param pyramid   the planned scales
     * @param reals     the real image at every scale (see {@link Reals})
     * @param model     the scales trained so far (empty for a new run)
     * @param resume    the partial state of scale {@code model.size()} from a checkpoint, or null
     * @param modelFile where the loop writes model.pt after each scale, or null
     */
    public SinGANTrainer(SinGANConfig config, Pyramid pyramid, List<Tensor> reals, SinGANModel model,
            StageState resume, Path modelFile) {
        this(config, pyramid, reals, model, resume, modelFile, Lanes.forThreads(Engine.threads()));
    }

    /** As above with explicit lanes (tests compare one lane with two). */
    SinGANTrainer(SinGANConfig config, Pyramid pyramid, List<Tensor> reals, SinGANModel model, StageState resume,
            Path modelFile, Lanes lanes) {
        this.c = config;
        this.pyramid = pyramid;
        this.reals = reals;
        this.model = model;
        this.resume = resume;
        this.modelFile = modelFile;
        this.lanes = lanes;
    }

    /**
     * Applies {@code transform} to the upsampled input from the scales below, x̃↑ (padded, [1,3,H+2p,W+2p]), on
     * both the random and the reconstruction path, as the official paint training applies its colour
     * quantisation (train_single_scale with centers). The transform must be a pure function: it runs on both
     * lanes. σ_n is still measured on the untransformed reconstruction, as the official code does.
     */
    public SinGANTrainer withCoarseInput(UnaryOperator<Tensor> transform) {
        this.coarseInput = transform;
        return this;
    }

    /** Starts every scale from freshly initialised networks (official train_paint), not the previous scale's. */
    public SinGANTrainer withFreshNetworks() {
        this.warmStart = false;
        return this;
    }

    /**
     * Stops the helper lane's thread and frees the networks of a scale still in training; the trained scales
     * belong to {@link #model()}, which the caller owns.
     */
    @Override
    public void close() {
        lanes.close();
        if (g != null) {
            g.close();
            d.close();
        }
    }

    public SinGANModel model() {
        return model;
    }

    @Override
    public int stages() {
        return pyramid.scales();
    }

    @Override
    public long iterations(int stage) {
        return c.niter();
    }

    /**
     * A fixed per-iteration overhead plus the 3x3-conv work, H·W·C² (measured on 2 cores: a coarse 32-channel scale
     * costs about 0.1 s, a 128x85 64-channel one about 1.4 s, fitting 1 + H·W·C²/3.2e6 within 20%).
     */
    @Override
    public double relativeCost(int stage) {
        double ch = c.channelsAt(stage);
        return 1 + (double) pyramid.heights()[stage] * pyramid.widths()[stage] * ch * ch / 3.2e6;
    }

    @Override
    public String stageLabel(int stage) {
        return "scale " + stage + "/" + pyramid.stopScale() + " (" + pyramid.widths()[stage] + "x"
                + pyramid.heights()[stage] + ")";
    }

    /**
     * The coarsest scale draws z_opt at random, in every mode: the official SR.py trains its model in 'train'
     * mode (its 'SR_train' branch of train_single_scale is never reached and would not run).
     */
    private boolean coarsestRandom() {
        return n == 0;
    }

    private int padNoise() {
        return c.animation() ? 0 : c.pad();
    }

    @Override
    public void beginStage(int stage, long startIter) {
        if (stage != model.size()) {
            throw new IllegalStateException("scale " + stage + " cannot start: " + model.size() + " scales are trained");
        }
        n = stage;
        int p = c.pad();
        try (Scope s = new Scope()) {
            Seeds.seed(Rng.stageSeed(c.seed(), n, 0, -1)); // weight init: the slot before iteration 0's streams
            real = Scope.keepAlive(reals.get(n));
            long h = real.size(2);
            long w = real.size(3);
            g = new Generator(c.channelsAt(n), c.minChannelsAt(n), c.kerSize(), c.numLayer());
            d = new Discriminator(c.channelsAt(n), c.minChannelsAt(n), c.kerSize(), c.numLayer());
            if (warmStart && n > 0 && c.channelsAt(n - 1) == c.channelsAt(n)) {
                // A new scale starts from the previous one's weights when the shapes match (official).
                g.copyFrom(model.scale(n - 1).g());
                d.copyFrom(model.scale(n - 1).d());
            }
            g.train(true);
            d.train(true);
            g.requiresGrad(true);
            d.requiresGrad(true);
            optG = new Adam(g.parameters(), c.lrG(), c.beta1(), 0.999);
            optD = new Adam(d.parameters(), c.lrD(), c.beta1(), 0.999);
            inS = Scope.keepAlive(Tensors.zeros(1, 3, reals.get(0).size(2), reals.get(0).size(3)));
            zerosPadded = Scope.keepAlive(Tensors.zeros(1, 3, h + 2L * p, w + 2L * p));
            if (coarsestRandom()) {
                noiseAmp = 1.0;
                zPrev = zerosPadded;
                zOpt = Scope.keepAlive(drawNoise(rng(-1, NOISE_STREAM), true));
            } else {
                Tensor rec = Cascade.draw(model.scales(), real, inS, false, padNoise(), p, model.scaleFactor(), null);
                try (NoGrad ng = new NoGrad()) {
                    noiseAmp = c.noiseAmpInit() * Math.sqrt(torch.mse_loss(real, rec).item_double());
                }
                zPrev = Scope.keepAlive(coarseInput.apply(Noise.pad(rec, p)));
                zOpt = zerosPadded;
            }
            if (resume != null && resume.scale() == n && startIter > 0) {
                resume.restore(g, d, optG, optD);
                noiseAmp = resume.noiseAmp();
                if (coarsestRandom()) {
                    zOpt = Scope.keepAlive(resume.zOpt());
                }
            }
        }
        parts = new StepParts(c, lanes, g, d, real, zPrev, n, this::fakeInput);
    }

    /** The per-iteration noise of this scale: one channel broadcast at the coarsest scale (official). */
    private Tensor drawNoise(Rng rng, boolean singleChannel) {
        long h = real.size(2) + (c.animation() ? 2L * c.pad() : 0);
        long w = real.size(3) + (c.animation() ? 2L * c.pad() : 0);
        return Noise.draw(rng, 1, h, w, singleChannel, padNoise());
    }

    @Override
    public Map<String, Double> step(int stage, long epoch) {
        // StepLR(milestones=[lr_milestone], gamma): both learning rates ×γ from the milestone on.
        double decay = epoch >= c.lrMilestone() ? c.gamma() : 1.0;
        optG.setLr(c.lrG() * decay);
        optD.setLr(c.lrD() * decay);
        // The iteration's noise z (the official code also redraws z_opt at the coarsest scale every iteration).
        Rng gen = rng(epoch, NOISE_STREAM);
        Tensor noiseBase;
        if (coarsestRandom()) {
            try (NoGrad ng = new NoGrad()) {
                zOpt.copy_(drawNoise(gen, true));
            }
            noiseBase = drawNoise(gen, true);
        } else {
            noiseBase = drawNoise(gen, false);
        }

        // (1) Critic, D_steps times: maximise D(x) − D(G(z)) − λ·GP, i.e. descend
        //     errD = −D(x) + D(G(σ·z + x̃↑)) + λ·(‖∇D(x̂)‖₂ − 1)², x̂ = εx + (1 − ε)G(z), ε ~ U[0, 1].
        StepParts.CriticSteps critic = parts.new CriticSteps(noiseBase, epoch);
        StepParts.CriticStep ds = null;
        for (int j = 0; j < c.dSteps(); j++) {
            ds = critic.step(j);
            optD.step(ds.grads());
            ds.applyStats();
        }
        critic.applyGeneratorStats();

        // (2) Generator, G_steps times: minimise errG = −D(G(z)) + α·‖G(σ_n·z_opt + x̃↑_rec) − x‖². The first step
        //     reuses the last critic step's fake; later steps recompute it after the update (official issues
        //     #110/#137).
        Tensor zOptIn = zOpt.mul(Tensors.s(noiseAmp)).add(zPrev);
        double errG = 0;
        double rec = 0;
        for (int j = 0; j < c.gSteps(); j++) {
            StepParts.GeneratorStep gs = parts.generatorStep(critic.last(), zOptIn, j > 0);
            gs.applyStats();
            optG.step(gs.grads());
            errG = gs.errG();
            rec = gs.rec();
            if (j == c.gSteps() - 1) {
                lastFake = replace(lastFake, gs.fake());
                if (gs.reconstruction() != null) {
                    lastRec = replace(lastRec, gs.reconstruction());
                }
            }
        }

        Map<String, Double> out = new LinkedHashMap<>();
        out.put("errD", ds.errD());
        out.put("errG", errG);
        out.put("rec", rec);
        out.put("D_real", ds.dReal());
        out.put("D_fake", ds.dFake());
        out.put("gp", ds.gp());
        return out;
    }

    /** Critic step {@code j}'s fake input: x̃↑ through the scales below with fresh noise, and σ·z + x̃↑. */
    private StepParts.FakeInput fakeInput(Tensor noiseBase, long epoch, int j) {
        if (coarsestRandom()) {
            return new StepParts.FakeInput(zerosPadded, noiseBase);
        }
        int p = c.pad();
        Tensor prev = coarseInput.apply(Noise.pad(Cascade.draw(model.scales(), real, inS, true, padNoise(), p,
                model.scaleFactor(), rng(epoch, CASCADE_STREAM + j)), p));
        return new StepParts.FakeInput(prev, noiseBase.mul(Tensors.s(noiseAmp)).add(prev));
    }

    /** A generator for (scale, iteration, stream): every random draw of a step comes from one, so any lane
     *  schedule gives the same numbers. */
    private Rng rng(long epoch, int stream) {
        return Rng.forStage(c.seed(), n, epoch, stream);
    }

    private static Tensor replace(Tensor old, Tensor fresh) {
        if (old != null && !old.isNull()) {
            old.releaseReference();
        }
        Tensor t = fresh.clone();
        t.retainReference();
        return t;
    }

    @Override
    public void endStage(int stage) {
        Scale done = new Scale(g, d, zOpt, noiseAmp, real);
        model.add(done);
        g = null;
        d = null;
        parts = null;
        optG = null;
        optD = null;
    }

    /** model.pt, rewritten (by the loop, atomically) after every scale, when the trainer was given its path. */
    @Override
    public List<Artifact> artifacts(int stage) {
        return modelFile == null ? List.of() : List.of(new Artifact(modelFile, tmp -> ModelFile.save(model, tmp)));
    }

    @Override
    public int intraThreads() {
        return lanes.intraThreads();
    }

    @Override
    public void save(Path file, int stage, long nextIter) throws IOException {
        StageState current = g == null || stage != n ? null
                : new StageState(n, nextIter, g, d, optG, optD, zOpt, noiseAmp);
        ModelFile.saveCheckpoint(model, current, file);
    }

    @Override
    public List<BufferedImage> samples(int stage, long iter) {
        List<BufferedImage> out = new ArrayList<>();
        out.add(ImageTensors.toImage(real));
        if (lastFake != null) {
            out.add(ImageTensors.toImage(lastFake));
        }
        if (lastRec != null) {
            out.add(ImageTensors.toImage(lastRec));
        }
        return out;
    }
}
