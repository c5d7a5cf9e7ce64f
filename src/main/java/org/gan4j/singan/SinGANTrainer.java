package org.gan4j.singan;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.loss.GradientPenalty;
import org.gan4j.nn.Adam;
import org.gan4j.nn.RunningStats;
import org.gan4j.torch.Engine;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Lanes;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.train.Artifact;
import org.gan4j.train.Trainer;

/**
 * Trains the pyramid coarse to fine, one {@link org.gan4j.train.Trainer} stage per scale, as the official
 * train_single_scale: per iteration 3 critic steps (WGAN-GP) then 3 generator steps (adversarial +
 * α·reconstruction), Adam(5e-4, β=(0.5, 0.999)) with ×0.1 at the milestone, scales below frozen.
 *
 * <p>Random numbers are re-seeded from (seed, scale, iteration) at every iteration, so a run resumed from a
 * checkpoint continues exactly as the uninterrupted run would have.
 */
public final class SinGANTrainer implements Trainer, AutoCloseable {

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
            Seeds.seed(mix(c.seed(), n, -1));
            real = s.keep(reals.get(n));
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
            inS = s.keep(torch.zeros(1, 3, reals.get(0).size(2), reals.get(0).size(3)));
            zerosPadded = s.keep(torch.zeros(1, 3, h + 2L * p, w + 2L * p));
            if (coarsestRandom()) {
                noiseAmp = 1.0;
                zPrev = zerosPadded;
                zOpt = s.keep(drawNoise(rng(-1, 0), true));
            } else {
                Tensor rec = Cascade.draw(model.scales(), real, inS, false, padNoise(), p, model.scaleFactor(), null);
                try (NoGrad ng = new NoGrad()) {
                    noiseAmp = c.noiseAmpInit() * Math.sqrt(torch.mse_loss(real, rec).item_double());
                }
                zPrev = s.keep(coarseInput.apply(Noise.pad(rec, p)));
                zOpt = zerosPadded;
            }
            if (resume != null && resume.scale() == n && startIter > 0) {
                resume.restore(g, d, optG, optD);
                noiseAmp = resume.noiseAmp();
                if (coarsestRandom()) {
                    zOpt = s.keep(resume.zOpt());
                }
            }
        }
    }

    /** The per-iteration noise of this scale: one channel broadcast at the coarsest scale (official). */
    private Tensor drawNoise(org.bytedeco.pytorch.Generator gen, boolean singleChannel) {
        long h = real.size(2) + (c.animation() ? 2L * c.pad() : 0);
        long w = real.size(3) + (c.animation() ? 2L * c.pad() : 0);
        return Noise.draw(gen, 1, h, w, singleChannel, padNoise());
    }

    /** A fake for one critic step: x̃↑ from the scales below (padded), the noisy input, and G's output. */
    private record Fake(Tensor prev, Tensor noisy, Tensor fake, RunningStats gStats) {}

    /** Gradients of one loss term with respect to a network's parameters, the loss value, and BN statistics. */
    private record Grads(List<Tensor> grads, double loss, Tensor output, RunningStats stats) {}

    @Override
    public Map<String, Double> step(int stage, long epoch) {
        double decay = epoch >= c.lrMilestone() ? c.gamma() : 1.0;
        optG.setLr(c.lrG() * decay);
        optD.setLr(c.lrD() * decay);
        org.bytedeco.pytorch.Generator gen = rng(epoch, 0);
        Tensor noiseBase;
        if (coarsestRandom()) {
            try (NoGrad ng = new NoGrad()) {
                zOpt.copy_(drawNoise(gen, true)); // the official code redraws z_opt at the coarsest scale every iteration
            }
            noiseBase = drawNoise(gen, true);
        } else {
            noiseBase = drawNoise(gen, false);
        }
        List<Tensor> dParams = d.parameters();
        List<Tensor> gParams = g.parameters();

        // (1) Critic, dSteps times: maximise D(x) - D(G(z)) - λ·GP. Per step the penalty runs on the other lane
        // while this one evaluates D on the real and the fake and draws the next step's fake.
        Fake[] fakes = new Fake[c.dSteps()];
        Lanes.Task<Fake> first = lanes.fork(fakeTask(noiseBase, epoch, 0));
        double errD = 0;
        double dReal = 0;
        double dFake = 0;
        double gp = 0;
        for (int j = 0; j < c.dSteps(); j++) {
            final int jj = j;
            Lanes.Task<Grads> penalty = lanes.fork(() -> {
                Fake f = jj == 0 ? first.join() : fakes[jj];
                return penaltyTask(f.fake(), epoch, jj);
            });
            Grads realTerm;
            Grads fakeTerm;
            RunningStats dStats = RunningStats.record();
            try {
                realTerm = adopt(criticTerm(real, -1));
                if (j == 0) {
                    fakes[0] = adopt(first.join());
                }
                fakeTerm = adopt(criticTerm(fakes[j].fake().detach(), 1));
            } finally {
                dStats.close();
            }
            if (j + 1 < c.dSteps()) {
                fakes[j + 1] = here(fakeTask(noiseBase, epoch, j + 1));
            }
            Grads pen = adopt(penalty.join());
            List<Tensor> sum = new ArrayList<>(dParams.size());
            for (int i = 0; i < dParams.size(); i++) {
                Tensor gi = realTerm.grads().get(i).add(fakeTerm.grads().get(i));
                sum.add(pen.grads().get(i).defined() ? gi.add_(pen.grads().get(i)) : gi);
            }
            optD.step(sum);
            dStats.apply();
            pen.stats().apply();
            errD = realTerm.loss() + fakeTerm.loss() + pen.loss();
            dReal = -realTerm.loss();
            dFake = fakeTerm.loss();
            gp = pen.loss();
        }
        for (Fake f : fakes) {
            f.gStats().apply();
        }

        // (2) Generator, gSteps times: minimise -D(G(z)) + α·‖G(σ·z_opt + x̃↑_rec) - x‖², the reconstruction
        // term on the other lane. The first step reuses the last critic step's fake; later steps recompute it
        // after the update (official issues #110/#137).
        Fake last = fakes[c.dSteps() - 1];
        Tensor zOptIn = zOpt.mul(new Scalar(noiseAmp)).add(zPrev);
        double errG = 0;
        double rec = 0;
        for (int j = 0; j < c.gSteps(); j++) {
            Lanes.Task<Grads> recTask = c.alpha() != 0 ? lanes.fork(() -> reconstructionTask(zOptIn)) : null;
            Grads advTerm;
            RunningStats stats = RunningStats.record();
            try {
                advTerm = adopt(adversarialTerm(last, j > 0));
            } finally {
                stats.close();
            }
            List<Tensor> gAdv = advTerm.grads();
            errG = advTerm.loss();
            if (j == c.gSteps() - 1) {
                lastFake = replace(lastFake, advTerm.output());
            }
            List<Tensor> total = gAdv;
            if (recTask != null) {
                Grads r = adopt(recTask.join());
                total = new ArrayList<>(gParams.size());
                for (int i = 0; i < gParams.size(); i++) {
                    total.add(gAdv.get(i).add(r.grads().get(i)));
                }
                rec = r.loss();
                stats.apply();
                r.stats().apply();
                if (j == c.gSteps() - 1) {
                    lastRec = replace(lastRec, r.output());
                }
            } else {
                stats.apply();
            }
            optG.step(total);
        }

        Map<String, Double> out = new LinkedHashMap<>();
        out.put("errD", errD);
        out.put("errG", errG);
        out.put("rec", rec);
        out.put("D_real", dReal);
        out.put("D_fake", dFake);
        out.put("gp", gp);
        return out;
    }

    /** Draws x̃↑ through the scales below with fresh noise and runs G on it (train mode, stats deferred). */
    private Callable<Fake> fakeTask(Tensor noiseBase, long epoch, int j) {
        boolean withGraph = j == c.dSteps() - 1; // the last one feeds the first generator step
        return () -> {
            try (RunningStats st = RunningStats.record()) {
                int p = c.pad();
                Tensor prev;
                Tensor noisy;
                if (coarsestRandom()) {
                    prev = zerosPadded;
                    noisy = noiseBase;
                } else {
                    prev = coarseInput.apply(Noise.pad(Cascade.draw(model.scales(), real, inS, true, padNoise(), p,
                            model.scaleFactor(), rng(epoch, 1 + j)), p));
                    noisy = noiseBase.mul(new Scalar(noiseAmp)).add(prev);
                }
                Tensor fake;
                if (withGraph) {
                    fake = g.forward(noisy, prev);
                } else {
                    try (NoGrad ng = new NoGrad()) {
                        fake = g.forward(noisy, prev);
                    }
                }
                return new Fake(Scope.keepAlive(prev), Scope.keepAlive(noisy), Scope.keepAlive(fake), st);
            }
        };
    }

    /**
     * sign·mean D(x) and its gradient for D (−1 for the real image, +1 for a fake), in its own scope so the
     * activations are freed as soon as the gradient exists.
     */
    private Grads criticTerm(Tensor x, double sign) {
        try (Scope s = new Scope()) {
            Tensor loss = d.forward(x).mean().mul(new Scalar(sign));
            return new Grads(keep(grad(loss, d.parameters())), loss.item_double(), null, null);
        }
    }

    /** −mean D(G(z)) and its gradient for G; G is rerun on the step's input when {@code recompute}. */
    private Grads adversarialTerm(Fake f, boolean recompute) {
        try (Scope s = new Scope()) {
            Tensor fake = recompute ? g.forward(f.noisy(), f.prev()) : f.fake();
            Tensor adv = d.forward(fake).mean().neg();
            return new Grads(keep(grad(adv, g.parameters())), adv.item_double(), Scope.keepAlive(fake.detach()), null);
        }
    }

    /** λ·GP at a random interpolate of the real and the fake, and its gradient for D. */
    private Grads penaltyTask(Tensor fake, long epoch, int j) {
        try (RunningStats st = RunningStats.record()) {
            double alpha = torch.rand(new long[] {1}, new GeneratorOptional(rng(epoch, 16 + j))).item_double();
            Tensor penalty = GradientPenalty.wgangp(d::forward, real, fake, alpha, c.lambdaGrad());
            return new Grads(keep(grad(penalty, d.parameters())), penalty.item_double(), null, st);
        }
    }

    /** α·‖G(σ·z_opt + x̃↑_rec) - x‖² and its gradient for G. */
    private Grads reconstructionTask(Tensor zOptIn) {
        try (RunningStats st = RunningStats.record()) {
            Tensor out = g.forward(zOptIn, zPrev);
            Tensor loss = torch.mse_loss(out, real).mul(new Scalar(c.alpha()));
            return new Grads(keep(grad(loss, g.parameters())), loss.item_double(), Scope.keepAlive(out.detach()), st);
        }
    }

    /**
     * Gradients of a scalar with respect to {@code params} (not accumulated into {@code .grad}); a parameter
     * the scalar does not depend on (the critic's last bias, for the penalty) gets an undefined tensor.
     */
    private static List<Tensor> grad(Tensor loss, List<Tensor> params) {
        TensorVector out = torch.grad(new TensorVector(loss), new TensorVector(params.toArray(new Tensor[0])),
                new TensorVector(), new BoolOptional(false), false, true);
        List<Tensor> grads = new ArrayList<>(params.size());
        for (int i = 0; i < params.size(); i++) {
            grads.add(new Tensor(out.get(i)));
        }
        return grads;
    }

    private static List<Tensor> keep(List<Tensor> ts) {
        ts.forEach(Scope::keepAlive);
        return ts;
    }

    private static Fake adopt(Fake f) {
        return new Fake(Scope.adopt(f.prev()), Scope.adopt(f.noisy()), Scope.adopt(f.fake()), f.gStats());
    }

    private static Grads adopt(Grads g) {
        g.grads().forEach(Scope::adopt);
        return new Grads(g.grads(), g.loss(), g.output() == null ? null : Scope.adopt(g.output()), g.stats());
    }

    /** Runs a task on this lane, in its own scope, handing its kept tensors to the caller's scope. */
    private static Fake here(Callable<Fake> task) {
        Fake f;
        try (Scope s = new Scope()) {
            f = task.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return adopt(f);
    }

    /** A generator for (scale, iteration, stream): every random draw of a step comes from one, so any lane
     *  schedule gives the same numbers. */
    private org.bytedeco.pytorch.Generator rng(long epoch, int stream) {
        return torch.make_generator_cpu(mix(c.seed(), n, epoch * 64 + stream));
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

    /** A seed for (run seed, scale, iteration): SplitMix64 of the three, so nearby iterations are unrelated. */
    static long mix(long seed, long scale, long iter) {
        long z = seed * 0x9E3779B97F4A7C15L + scale * 0xBF58476D1CE4E5B9L + (iter + 1) * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) & Long.MAX_VALUE;
    }
}
