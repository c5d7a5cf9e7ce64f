package org.gan4j.stylegan2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.loss.ImageDistance;
import org.gan4j.nn.Adam;
import org.gan4j.torch.Autograd;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Rng;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;
import org.gan4j.train.Progress;

/**
 * Projects an image into a generator's latent space, as rosinality's {@code projector.py} (StyleGAN2 paper,
 * Appendix D): optimise a latent w (one W code, or a W+ code with one row per layer) initialised at the mean
 * w̄, and the per-layer noise maps, with Adam and a learning rate that ramps up over the first 5% of the steps
 * and down (cosine) over the last 25%; gaussian noise of strength σ_w·0.05·max(0, 1 − t/0.75)² is added to w
 * during the first 75%, and the noise maps are regularized ({@link NoiseRegularization}, weight 1e5) and
 * renormalised after every step. Loss = distance(G(w, noise), target) + mse·MSE + 1e5·L_noise.
 */
public final class Projector {

    /**
     * The settings, rosinality's defaults in {@link #defaults()}.
     *
     * @param steps           optimisation steps (1000)
     * @param wPlus           optimise a W+ code (one w per layer) instead of one w
     * @param lr              peak learning rate (0.1)
     * @param lrRampup        fraction of the steps of the linear warm-up (0.05)
     * @param lrRampdown      fraction of the steps of the cosine decay (0.25)
     * @param noise           strength of the noise added to w, in units of σ_w (0.05)
     * @param noiseRamp       fraction of the steps over which that noise decays to 0 (0.75)
     * @param noiseRegularize weight of the noise maps' regularizer (1e5)
     * @param mse             weight of the pixel MSE added to the distance (rosinality: 0)
     * @param meanSamples     z sampled for w̄ and σ_w (10000)
     * @param seed            seed of the noise-map initialisation and of the latent noise
     */
    public record Options(int steps, boolean wPlus, double lr, double lrRampup, double lrRampdown, double noise,
            double noiseRamp, double noiseRegularize, double mse, int meanSamples, long seed) {

        public Options {
            if (steps < 1) {
                throw new Gan4jException("--steps must be at least 1, got " + steps);
            }
            if (!(lr > 0) || mse < 0) {
                throw new Gan4jException("--lr must be positive and --mse at least 0, got " + lr + " and " + mse);
            }
        }

        public static Options defaults() {
            return new Options(1000, false, 0.1, 0.05, 0.25, 0.05, 0.75, 1e5, 0, 10000, 0);
        }

        public Options withSteps(int v) {
            return new Options(v, wPlus, lr, lrRampup, lrRampdown, noise, noiseRamp, noiseRegularize, mse, meanSamples, seed);
        }

        public Options withWPlus(boolean v) {
            return new Options(steps, v, lr, lrRampup, lrRampdown, noise, noiseRamp, noiseRegularize, mse, meanSamples, seed);
        }

        public Options withMse(double v) {
            return new Options(steps, wPlus, lr, lrRampup, lrRampdown, noise, noiseRamp, noiseRegularize, v, meanSamples, seed);
        }

        public Options withSeed(long v) {
            return new Options(steps, wPlus, lr, lrRampup, lrRampdown, noise, noiseRamp, noiseRegularize, mse, meanSamples, v);
        }

        public Options withMeanSamples(int v) {
            return new Options(steps, wPlus, lr, lrRampup, lrRampdown, noise, noiseRamp, noiseRegularize, mse, v, seed);
        }
    }

    /**
     * The projection.
     *
     * @param latent        the optimised code: {@code [1,S]} (W) or {@code [1,L,S]} (W+)
     * @param noises        the optimised noise maps, {@code [1,1,r,r]} each
     * @param image         G(latent, noises), {@code [1,3,size,size]}
     * @param startDistance distance of G(w̄) to the target before optimising (with the initial noise)
     * @param distance      distance of {@code image} to the target
     * @param mse           pixel MSE of {@code image} to the target
     */
    public record Result(Tensor latent, List<Tensor> noises, Tensor image, double startDistance, double distance, double mse) {}

    private Projector() {}

    /** The size the target is compared at: the generator's size, at most 256 (rosinality's {@code resize}). */
    public static int targetSize(int size) {
        return Math.min(size, 256);
    }

    /** rosinality's {@code get_lr}: linear warm-up over {@code rampup}, cosine decay over the last {@code rampdown}. */
    static double learningRate(double t, double lr, double rampdown, double rampup) {
        double ramp = Math.min(1, (1 - t) / rampdown);
        ramp = 0.5 - 0.5 * Math.cos(ramp * Math.PI);
        ramp = ramp * Math.min(1, t / rampup);
        return lr * ramp;
    }

    /**
     * Projects {@code target} ({@code [1,3,R,R]} in [−1, 1], R = min(size, 256) as rosinality) with {@code distance}.
     * Progress goes to {@code progress} (one stage of {@code steps}).
     */
    public static Result project(Generator g, Tensor target, ImageDistance distance, Options o, Progress progress) {
        int size = g.config().size();
        int r = targetSize(size);
        org.gan4j.torch.Shapes.check(target, "projection target", 1, 3, r, r);
        Rng rng = Rng.seeded(o.seed());
        Tensor latentMean;
        double latentStd;
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            Tensor w = g.getLatent(rng.randn(o.meanSamples(), g.styleDim())); // [n,S]
            Tensor mean = w.mean(new long[] {0}, false, new org.bytedeco.pytorch.ScalarTypeOptional()); // [S]
            latentStd = Math.sqrt(w.sub(mean).pow(Tensors.s(2)).sum().item_double() / o.meanSamples());
            latentMean = Scope.keepAlive(mean);
        }
        Tensor latentIn = latentMean.detach().clone().unsqueeze(0); // [1,S]
        if (o.wPlus()) {
            latentIn = latentIn.unsqueeze(1).repeat(1, g.nLatent(), 1); // [1,L,S]
        }
        latentIn = Scope.keepAlive(latentIn.contiguous().requires_grad_(true));
        List<Tensor> noises = new ArrayList<>();
        for (Tensor b : g.noiseBuffers()) {
            noises.add(Scope.keepAlive(rng.randn(b.shape()).requires_grad_(true)));
        }
        List<Tensor> params = new ArrayList<>();
        params.add(latentIn);
        params.addAll(noises);
        Adam opt = new Adam(params, o.lr(), 0.9, 0.999);
        double start;
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            start = distance.distance(render(g, latentIn, noises, size), target).sum().item_double();
        }
        progress.beginStage("projection", o.steps(), 0);
        for (int i = 0; i < o.steps(); i++) {
            try (Scope s = new Scope()) {
                double t = (double) i / o.steps();
                opt.setLr(learningRate(t, o.lr(), o.lrRampdown(), o.lrRampup()));
                double strength = latentStd * o.noise() * Math.pow(Math.max(0, 1 - t / o.noiseRamp()), 2);
                Tensor latentN = latentIn.add(rng.randn(latentIn.shape()).mul(Tensors.s(strength)));
                Tensor img = render(g, latentN, noises, size);
                Tensor p = distance.distance(img, target).sum();
                Tensor n = NoiseRegularization.loss(noises);
                Tensor mse = torch.mse_loss(img, target);
                Tensor loss = p.add(n.mul(Tensors.s(o.noiseRegularize()))).add(mse.mul(Tensors.s(o.mse())));
                opt.step(Autograd.grad(loss, params, null, false));
                NoiseRegularization.normalize(noises);
                Map<String, Double> shown = new LinkedHashMap<>();
                shown.put("distance", p.item_double());
                shown.put("noise_reg", n.item_double());
                shown.put("mse", mse.item_double());
                shown.put("lr", opt.lr());
                progress.update(i + 1, shown);
            }
        }
        progress.endStage();
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            // DEVIATION: rosinality renders the last latent it stored (every 100 steps); gan4j the final one.
            Tensor img = render(g, latentIn, noises, size);
            double d = distance.distance(img, target).sum().item_double();
            double mse = torch.mse_loss(img, target).item_double();
            List<Tensor> outNoise = new ArrayList<>();
            noises.forEach(x -> outNoise.add(Scope.keepAlive(x.detach().clone())));
            return new Result(Scope.keepAlive(latentIn.detach().clone()), outNoise, Scope.keepAlive(img), start, d, mse);
        }
    }

    /** G(w or W+, noise), downsampled to 256 px by average pooling when larger (as rosinality). */
    static Tensor render(Generator g, Tensor latent, List<Tensor> noises, int size) {
        Tensor wPlus = latent.dim() == 2 ? latent.unsqueeze(1).repeat(1, g.nLatent(), 1) : latent;
        Tensor img = g.synthesize(wPlus, noises);
        if (size > 256) {
            int f = size / 256;
            img = img.reshape(1, 3, size / f, f, size / f, f).mean(new long[] {3, 5}, false,
                    new org.bytedeco.pytorch.ScalarTypeOptional());
        }
        return img;
    }

    /** The generator's image for a projection (full size): for checking that a saved latent and noise reproduce it. */
    public static Tensor reconstruct(Generator g, Tensor latent, List<Tensor> noises) {
        Tensor wPlus = latent.dim() == 2 ? latent.unsqueeze(1).repeat(1, g.nLatent(), 1) : latent;
        return g.synthesize(wPlus, noises);
    }
}
