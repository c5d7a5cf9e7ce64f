package org.gan4j.singan.consingan;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.loss.GradientPenalty;
import org.gan4j.nn.Adam;
import org.gan4j.torch.Autograd;
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
 * Trains the growing generator stage by stage as the official training_generation.train_single_scale, one
 * {@link Trainer} stage per pyramid level: the generator grows a copy of its newest stage, the critic continues
 * from the previous stage's, and the newest {@code trainDepth} stages train together:
 * <pre>
 *   stage k below the newest: lr_G · lrScale^k      (k = 0 the newest; older stages frozen)
 *   head: lr_G · lrScale^n while n &lt; trainDepth (afterwards frozen);  tail: lr_G
 *   Adam(β = (0.5, 0.999)); every learning rate × γ from iteration 0.8·niter (MultiStepLR)
 * </pre>
 * Per iteration, with one noise draw z (z_0 [1,3,H_0,W_0] as {@link TrainMode} says, z_n [1,nfc,H_n+2L,W_n+2L]
 * or [1,nfc,H_n,W_n] without the noise border):
 * <pre>
 *   3 critic steps:   errD = −D(x) + D(G(z)) + λ·(‖∇D(x̂)‖₂ − 1)²,   x̂ = εx + (1 − ε)G(z)
 *   generator:        errG = −D(G(z)) + α·‖G(z_opt) − x‖²,  one gradient, applied by 3 Adam steps (official)
 *   σ_n = 0.1 · RMSE(G(z_opt; σ_n = 0), x_n) when stage n begins (σ_0 = 1); z_opt = x_0 at stage 0, N(0,1) above
 * </pre>
 * Each critic step's gradient penalty runs on the helper lane while D on the real and the fake runs here, and the
 * generator's reconstruction term beside its adversarial term; the terms are summed in a fixed order, so one lane
 * and two give the same numbers.
 */
// DEVIATION: random numbers come from generators seeded by (seed, stage, iteration, stream), not one global
// generator, so a resumed run continues exactly (as gan4j's SinGAN trainer).
// DEVIATION: the official critic loop reruns G on the same noise before every critic step (no_grad except the last);
// G does not change between them, so its output is computed once per iteration. With --batch-norm the running
// statistics then see one fake pass per iteration instead of three; without it (the default) nothing differs.
public final class ConSinGANTrainer implements Trainer {

    /** The iteration's noise z. */
    static final int NOISE_STREAM = 0;
    /** Plus j: ε of critic step j's gradient penalty. */
    static final int PENALTY_STREAM = 16;
    /** The augmentation of x_0 (harmonization, editing) and editing's noise on it. */
    static final int AUGMENT_STREAM = 32;

    private final ConSinGANConfig c;
    private final Scales scales;
    private final ConSinGANModel model;
    private final ModelFile.Current resume; // the stage in training when restored mid-stage, or null
    private final Path modelFile;
    private final Lanes lanes;
    private Tensor naive;                              // fine-tuning: the naive image at stage 0's size, else null

    // The stage in training.
    private int depth = -1;
    private Tensor real;                               // x_n, [1,3,H_n,W_n]
    private final List<Adam> optG = new ArrayList<>(); // one per parameter group
    private final List<Double> lrG = new ArrayList<>();  // the groups' base learning rates
    private final List<Tensor> paramsG = new ArrayList<>(); // the groups' parameters, in group order
    private Adam optD;
    private Tensor lastFake;
    private Tensor lastRec;

    /**
     * @param config    the run's configuration
     * @param scales    the planned stages
     * @param model     the model so far (new: no stages; from a checkpoint: its stages)
     * @param resume    the stage in training from a mid-stage checkpoint, or null
     * @param modelFile where the loop writes model.pt after every stage, or null
     * @param lanes     where the halves of a step run
     */
    public ConSinGANTrainer(ConSinGANConfig config, Scales scales, ConSinGANModel model, ModelFile.Current resume,
            Path modelFile, Lanes lanes) {
        this.c = config;
        this.scales = scales;
        this.model = model;
        this.resume = resume;
        this.modelFile = modelFile;
        this.lanes = lanes;
    }

    public ConSinGANModel model() {
        return model;
    }

    @Override
    public int stages() {
        return scales.stages();
    }

    @Override
    public long iterations(int stage) {
        return c.niter();
    }

    /** A fixed overhead plus the 3x3-conv work of every stage the generator runs, H·W·C² (as SinGAN's estimate). */
    @Override
    public double relativeCost(int stage) {
        double work = 0;
        for (int n = 0; n <= stage; n++) {
            work += (double) scales.heights()[n] * scales.widths()[n] * c.nfc() * c.nfc();
        }
        double dWork = (double) scales.heights()[stage] * scales.widths()[stage] * c.nfc() * c.nfc() * 3;
        return 1 + (work + dWork) / 3.2e6;
    }

    @Override
    public String stageLabel(int stage) {
        return "stage " + stage + "/" + (stages() - 1) + " (" + scales.widths()[stage] + "x" + scales.heights()[stage]
                + ")";
    }

    @Override
    public void beginStage(int stage, long startIter) {
        boolean midStage = model.stages() == stage + 1;
        if (model.stages() != stage && !(midStage && resume != null && resume.stage() == stage && startIter > 0)) {
            throw new IllegalStateException("stage " + stage + " cannot start: the model has " + model.stages()
                    + " stages");
        }
        depth = stage;
        try (Scope s = new Scope()) {
            Seeds.seed(Rng.stageSeed(c.seed(), stage, 0, -1)); // weight init and z_opt: the slot before iteration 0
            real = Scope.keepAlive(model.reals().get(stage));
            if (!midStage) {
                grow(stage);
            }
            GrowingGenerator g = model.generator();
            g.train(true);
            model.critic().train(true);
            buildOptimizers(g);
            if (midStage) {
                for (int i = 0; i < optG.size(); i++) {
                    optG.get(i).loadStateDict(resume.optimizerG().get(i), "the checkpoint's generator optimizer group " + i);
                }
                optD.loadStateDict(resume.optimizerD(), "the checkpoint's critic optimizer");
            }
        }
    }

    /**
     * Fine-tuning on a naive image (official {@code --fine_tune}): the finest stage trains again from the model's
     * networks, fixed noise and σ_n, now with the naive image at stage 0 (editing: plus 0.1·N(0,1)) in place of the
     * augmented copies of x_0; nothing grows. Then {@link #step} as usual, iterations counted from 0.
     *
     * @param naive0 the naive image at stage 0's size, [1,3,H_0,W_0] in [-1,1]
     */
    public void beginFineTune(Tensor naive0) {
        if (!c.mode().takesNaiveImage()) {
            throw new org.gan4j.Gan4jException("this ConSinGAN model was trained in " + c.mode().id()
                    + " mode; fine-tuning on a naive image needs a model trained with --mode harmonization or editing");
        }
        if (naive0.size(2) != model.heights()[0] || naive0.size(3) != model.widths()[0]) {
            throw new IllegalArgumentException("the naive image must be " + model.widths()[0] + "x"
                    + model.heights()[0] + " (stage 0), got " + naive0.size(3) + "x" + naive0.size(2));
        }
        depth = model.finest();
        try (Scope s = new Scope()) {
            real = Scope.keepAlive(model.reals().get(depth));
            naive = Scope.keepAlive(naive0.contiguous());
            GrowingGenerator g = model.generator();
            g.train(true);
            model.critic().train(true);
            buildOptimizers(g);
        }
    }

    /** The official stage setup: grow G (or build it), draw z_opt, measure σ_n. */
    private void grow(int stage) {
        if (stage == 0) {
            model.setNetworks(new GrowingGenerator(c), new Discriminator(c));
        } else {
            model.generator().initNextStage(); // the critic continues from the previous stage's weights (official)
        }
        Tensor zOpt;
        Rng init = Rng.forStage(c.seed(), stage, -1, NOISE_STREAM);
        if (stage == 0) {
            zOpt = switch (c.mode()) { // the official z_opt of the coarsest stage
                case ANIMATION -> init.randn(1, 3, real.size(2), real.size(3));
                case EDITING -> real.add(init.randn(1, 3, real.size(2), real.size(3)).mul(Tensors.s(TrainMode.EDITING_NOISE)));
                default -> real; // generation, retarget and harmonization reconstruct from the image itself
            };
        } else {
            int border = c.mode().paddedNoise() ? 2 * c.noisePad() : 0;
            zOpt = init.randn(1, c.nfc(), real.size(2) + border, real.size(3) + border);
        }
        model.addStage(Scope.keepAlive(zOpt.contiguous()), stage == 0 ? 1.0 : 0.0);
        if (stage > 0) {
            try (NoGrad ng = new NoGrad()) {
                Tensor rec = reconstruct();
                // as float32, like the official tensor: noise_amp_init · sqrt(mse)
                double rmse = torch.mse_loss(rec, real).sqrt().mul(Tensors.s(c.noiseAmpInit())).item_float();
                model.setNoiseAmp(stage, rmse);
            }
        }
    }

    /** Parameter groups as official: the newest trainDepth stages, the head while it trains, the tail. */
    private void buildOptimizers(GrowingGenerator g) {
        optG.clear();
        lrG.clear();
        paramsG.clear();
        g.requiresGrad(false);
        List<List<Tensor>> groups = new ArrayList<>();
        int first = Math.max(0, g.stages() - c.trainDepth());
        int trained = g.stages() - first;
        for (int n = first; n < g.stages(); n++) {
            groups.add(g.stageParameters(n));
            lrG.add(c.lrG() * Math.pow(c.lrScale(), trained - 1 - (n - first)));
        }
        if (depth - c.trainDepth() < 0) {
            groups.add(g.headParameters());
            lrG.add(c.lrG() * Math.pow(c.lrScale(), depth));
        }
        // The official head stays requires_grad but outside the optimizer once depth ≥ trainDepth; its gradient is
        // never used, so it is not computed here.
        groups.add(g.tailParameters());
        lrG.add(c.lrG());
        for (int i = 0; i < groups.size(); i++) {
            for (Tensor p : groups.get(i)) {
                p.set_requires_grad(true);
            }
            optG.add(new Adam(groups.get(i), lrG.get(i), c.beta1(), 0.999));
            paramsG.addAll(groups.get(i));
        }
        model.critic().requiresGrad(true);
        optD = new Adam(model.critic().parameters(), c.lrD(), c.beta1(), 0.999);
    }

    /** The base learning rate of each generator parameter group, in group order (for tests and logs). */
    public List<Double> generatorLearningRates() {
        return List.copyOf(lrG);
    }

    /** G(z_opt): the reconstruction of x_n from the fixed noise. */
    private Tensor reconstruct() {
        return model.generator().forward(model.fixedNoise(), model.heights(), model.widths(), model.noiseAmp());
    }

    /**
     * The official sample_random_noise for stages 0..depth at the training sizes; harmonization and editing then
     * put an image at stage 0: augment(x_0) or shuffle_grid(x_0) + 0.1·N(0,1), or the naive image when fine-tuning.
     */
    List<Tensor> drawNoise(long epoch) {
        List<Tensor> z = Sampling.noise(c, rng(epoch, NOISE_STREAM), depth, model.heights(), model.widths(), 1);
        TrainMode mode = c.mode();
        if (mode.takesNaiveImage()) {
            Tensor x0 = model.reals().get(0);
            java.util.Random r = Rng.javaRandom(c.seed(), depth * 1_000_003L + epoch, AUGMENT_STREAM);
            Tensor image = naive != null ? naive
                    : mode == TrainMode.HARMONIZATION ? Augment.apply(x0, r) : ShuffleGrid.apply(x0, r);
            if (mode == TrainMode.EDITING) {
                image = image.add(rng(epoch, AUGMENT_STREAM).randn(1, 3, x0.size(2), x0.size(3))
                        .mul(Tensors.s(TrainMode.EDITING_NOISE)));
            }
            z.set(0, image);
        }
        return z;
    }

    @Override
    public Map<String, Double> step(int stage, long epoch) {
        double decay = epoch >= c.lrMilestone() ? c.gamma() : 1.0; // MultiStepLR(milestones=[0.8·niter], gamma)
        for (int i = 0; i < optG.size(); i++) {
            optG.get(i).setLr(lrG.get(i) * decay);
        }
        optD.setLr(c.lrD() * decay);
        GrowingGenerator g = model.generator();
        Discriminator d = model.critic();

        List<Tensor> noise = drawNoise(epoch);
        Tensor fake = g.forward(noise, model.heights(), model.widths(), model.noiseAmp()); // [1,3,H,W]
        Tensor fakeD = fake.detach();

        // (1) Critic, D_steps times: errD = −D(x) + D(G(z)) + λ·GP.
        double dReal = 0;
        double dFake = 0;
        double gp = 0;
        for (int j = 0; j < c.dSteps(); j++) {
            final int jj = j;
            Lanes.Task<Term> penalty = lanes.fork(() -> {
                double eps = rng(epoch, PENALTY_STREAM + jj).uniform();
                Tensor pen = GradientPenalty.wgangp(d::forward, real, fakeD, eps, c.lambdaGrad());
                return new Term(Scope.keepAlive(Autograd.grad(pen, d.parameters(), null, false)), pen.item_double());
            });
            Term realTerm = Lanes.here(() -> criticTerm(d, real, -1));
            Term fakeTerm = Lanes.here(() -> criticTerm(d, fakeD, 1));
            Term pen = Lanes.adopt(penalty.join());
            optD.step(Autograd.sum(realTerm.grads(), fakeTerm.grads(), pen.grads()));
            dReal = -realTerm.loss();
            dFake = fakeTerm.loss();
            gp = pen.loss();
        }

        // (2) Generator: errG = −D(G(z)) + α·‖G(z_opt) − x‖², one gradient, G_steps Adam steps with it (official).
        java.util.concurrent.Callable<Term> recWork = () -> {
            Tensor rec = reconstruct();
            Tensor loss = torch.mse_loss(rec, real).mul(Tensors.s(c.alpha()));
            List<Tensor> grads = Scope.keepAlive(Autograd.grad(loss, paramsG, null, false));
            return new Term(grads, loss.item_double(), Scope.keepAlive(rec.detach()));
        };
        // With BatchNorm the reconstruction pass moves running statistics, so it runs here, after the fake's pass.
        Lanes.Task<Term> recTask = c.batchNorm() ? null : lanes.fork(recWork);
        Term adv = Lanes.here(() -> {
            Tensor errG = d.forward(fake).mean().neg();
            List<Tensor> grads = Autograd.grad(errG, paramsG, null, false);
            return new Term(Scope.keepAlive(Autograd.zerosForUndefined(grads, paramsG)), errG.item_double());
        });
        Term rec = recTask == null ? Lanes.here(recWork) : Lanes.adopt(recTask.join());
        List<Tensor> grads = Autograd.sum(adv.grads(), rec.grads());
        for (int k = 0; k < c.gSteps(); k++) {
            int from = 0;
            for (Adam a : optG) {
                a.step(grads.subList(from, from + a.size()));
                from += a.size();
            }
        }
        lastFake = replace(lastFake, fakeD);
        lastRec = replace(lastRec, rec.output());

        Map<String, Double> out = new LinkedHashMap<>();
        out.put("errD", -dReal + dFake + gp);
        out.put("errG", adv.loss());
        out.put("rec", rec.loss());
        out.put("D_real", dReal);
        out.put("D_fake", dFake);
        out.put("gp", gp);
        return out;
    }

    /** A loss term's gradient, its value and (for the reconstruction) its output. */
    private record Term(List<Tensor> grads, double loss, Tensor output) implements Lanes.Kept {
        Term(List<Tensor> grads, double loss) {
            this(grads, loss, null);
        }

        @Override
        public List<Tensor> kept() {
            List<Tensor> k = new ArrayList<>(grads);
            if (output != null) {
                k.add(output);
            }
            return k;
        }
    }

    /** sign·mean D(x) and its gradient for D. */
    private static Term criticTerm(Discriminator d, Tensor x, int sign) {
        Tensor loss = d.forward(x).mean().mul(Tensors.s((double) sign));
        return new Term(Scope.keepAlive(Autograd.grad(loss, d.parameters(), null, false)), loss.item_double());
    }

    private Rng rng(long epoch, int stream) {
        return Rng.forStage(c.seed(), depth, epoch, stream);
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
        optG.clear();
        optD = null;
    }

    /** model.pt after every stage. */
    @Override
    public List<Artifact> artifacts(int stage) {
        return modelFile == null ? List.of() : List.of(new Artifact(modelFile, tmp -> ModelFile.save(model, tmp)));
    }

    @Override
    public int intraThreads() {
        return lanes.intraThreads();
    }

    @Override
    public void save(Path file, int stage, long nextIter) {
        ModelFile.Current cur = null;
        if (stage == depth && nextIter > 0 && nextIter < c.niter() && !optG.isEmpty()) {
            List<Object> groups = new ArrayList<>();
            optG.forEach(a -> groups.add(a.stateDict()));
            cur = new ModelFile.Current(stage, nextIter, groups, optD.stateDict());
        }
        ModelFile.saveCheckpoint(model, cur, file);
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

    /** Frees nothing the model owns: the caller owns {@link #model()}. */
    @Override
    public void close() {
        if (naive != null) {
            naive.releaseReference();
            naive = null;
        }
        if (lastFake != null) {
            lastFake.releaseReference();
            lastFake = null;
        }
        if (lastRec != null) {
            lastRec.releaseReference();
            lastRec = null;
        }
    }
}
