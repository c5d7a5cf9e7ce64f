package org.gan4j.singan.consingan;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.singan.Harmonization;
import org.gan4j.singan.Imresize;
import org.gan4j.singan.Masks;
import org.gan4j.torch.Lanes;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Rng;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;

/**
 * ConSinGAN's harmonization and editing of a naive image (a collage, or a copy-paste edit) with a model trained in
 * those modes (official training_harmonization_editing.generate_samples): the naive image, resized to stage 0,
 * is the generator's input at the coarsest stage (editing: plus 0.1·N(0,1)) with fresh noise above, and the
 * output is composited into the naive image through the user's mask, dilated and blurred:
 * <pre>
 *   x̃ = G(resize(naive, H_0×W_0) [+ 0.1·z], z_1, …, z_N)
 *   out = (1 − m)·naive + m·x̃,    m = normalise(gauss_σ5(dilate(mask, disk 7 | 20)))
 * </pre>
 * Optionally the finest stage is fine-tuned on the naive image first (official {@code --fine_tune}).
 */
public final class NaiveImages {

    private NaiveImages() {}

    /**
     * @param naive the naive image at the model's finest size, [1,3,H,W] in [-1,1]
     * @param mask  the edited region at the same size, [1,C,H,W] in [-1,1] (channel 0 is used)
     * @param rng   the noise of the stages above the coarsest
     */
    public static Harmonization.Result apply(ConSinGANModel m, Tensor naive, Tensor mask, Rng rng) {
        TrainMode mode = checkMode(m);
        checkSize(m, naive, "the naive image");
        checkSize(m, mask, "the mask");
        Tensor out;
        Tensor gen;
        Tensor soft;
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            List<Tensor> z = Sampling.noise(m.config(), rng, m.finest(), m.heights(), m.widths(), 1);
            Tensor x0 = stageZero(m, naive);
            if (mode == TrainMode.EDITING) {
                x0 = x0.add(z.get(0).mul(Tensors.s(TrainMode.EDITING_NOISE)));
            }
            z.set(0, x0);
            Tensor g = m.generator().forward(z, m.heights(), m.widths(), m.noiseAmp()); // [1,3,H,W]
            int radius = mode == TrainMode.HARMONIZATION ? Masks.HARMONIZATION_RADIUS : Masks.EDITING_RADIUS;
            Tensor dilated = Masks.dilate(mask, radius);
            out = Scope.keepAlive(torch.rsub(dilated, Tensors.s(1.0)).mul(naive).add(dilated.mul(g)));
            gen = Scope.keepAlive(g);
            soft = Scope.keepAlive(dilated);
        }
        return new Harmonization.Result(Scope.adopt(out), Scope.adopt(gen), Scope.adopt(soft));
    }

    /**
     * Fine-tunes the model's finest stage on the naive image for {@code iterations} (official: the user's --niter),
     * in place, with the learning-rate milestone at 80% of them.
     *
     * @param log receives a progress line about every tenth of the run
     */
    public static void fineTune(ConSinGANModel m, Tensor naive, int iterations, long seed, int threads,
            Consumer<String> log) {
        checkMode(m);
        checkSize(m, naive, "the naive image");
        ConSinGANConfig c = m.config().withIters(iterations).withSeed(seed);
        long t0 = System.nanoTime();
        try (Lanes lanes = Lanes.forThreads(threads);
                ConSinGANTrainer t = new ConSinGANTrainer(c, null, m, null, null, lanes)) {
            try (Scope s = new Scope()) {
                t.beginFineTune(stageZero(m, naive));
            }
            int every = Math.max(1, iterations / 10);
            for (int i = 0; i < iterations; i++) {
                Map<String, Double> losses;
                try (Scope s = new Scope()) {
                    losses = t.step(m.finest(), i);
                }
                if (!Double.isFinite(losses.get("errD")) || !Double.isFinite(losses.get("errG"))) {
                    throw new Gan4jException("fine-tuning diverged at iteration " + (i + 1) + " (a loss is NaN or"
                            + " infinite); try fewer iterations or another --seed");
                }
                if ((i + 1) % every == 0 || i + 1 == iterations) {
                    double secs = (System.nanoTime() - t0) / 1e9;
                    double eta = secs / (i + 1) * (iterations - i - 1);
                    log.accept(String.format("fine-tune | iter %d/%d | errD %.4g errG %.4g rec %.4g | ETA %.0fs",
                            i + 1, iterations, losses.get("errD"), losses.get("errG"), losses.get("rec"), eta));
                }
            }
        }
        m.generator().train(false);
        m.critic().train(false);
    }

    /** The naive image at stage 0's size (official imresize_to_shape). */
    static Tensor stageZero(ConSinGANModel m, Tensor naive) {
        return Imresize.imresizeTo(naive, m.heights()[0], m.widths()[0]);
    }

    private static TrainMode checkMode(ConSinGANModel m) {
        TrainMode mode = m.config().mode();
        if (!mode.takesNaiveImage()) {
            throw new Gan4jException("this ConSinGAN model was trained in " + mode.id() + " mode, whose coarsest"
                    + " stage takes noise, not an image; train one with --mode harmonization (or editing) to"
                    + " harmonize (or edit) with ConSinGAN");
        }
        return mode;
    }

    private static void checkSize(ConSinGANModel m, Tensor x, String what) {
        int h = m.heights()[m.finest()];
        int w = m.widths()[m.finest()];
        if (x.size(2) != h || x.size(3) != w) {
            throw new IllegalArgumentException(what + " must be " + w + "x" + h + " (the model's finest stage), got "
                    + x.size(3) + "x" + x.size(2));
        }
    }
}
