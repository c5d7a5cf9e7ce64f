package org.gan4j.gangealing;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.gan4j.Gan4jException;
import org.gan4j.nn.Padding2d;

/**
 * Everything that defines a GANgealing run (wpeebles/gangealing's {@code base_training_argparse} defaults unless a
 * preset says otherwise).
 *
 * @param preset            "paper" or "fast"
 * @param stn               the spatial transformer's shape (flow size, channels, heads)
 * @param ndirs             PCA directions the target latent moves along (1)
 * @param inject            W+ layers below this index take the target latent (5)
 * @param annealPsi         iterations over which ψ falls from 1 to 0 (150,000)
 * @param annealFn          cosine or linear
 * @param tvWeight          weight of the flow's total variation (1000; 2500 in the LPIPS recipes)
 * @param flowIdentityWeight weight of the flow's mean square (1)
 * @param freezeLl          keep the target latent at its start (the mean latent, or the K-means++ centroids)
 * @param sampleFromFullRes the STN samples the generator's full-resolution image rather than its downsampled copy
 * @param flips             also try each sample mirrored, keeping the better of the two (the car/horse recipes)
 * @param padding           how the STN fills samples beyond the image during training (border; reflection for cars)
 * @param stnLr             Adam learning rate of the STN (0.001)
 * @param llLr              Adam learning rate of the target latent (0.01)
 * @param period            iterations of the first cosine learning-rate cycle after ψ reaches 0 (37,500)
 * @param decay             each cycle's peak relative to the last (0.9)
 * @param tm                cycle-length multiplier (2)
 * @param batch             pairs per step (5 per GPU officially; 8 GPUs)
 * @param accumulate        steps whose gradients are summed before one optimiser step (1)
 * @param iters             training iterations (1,500,000 in the official recipes)
 * @param pcaSamples        W samples for the PCA (1,000,000)
 * @param kmeansSamples     generated images among which K-means++ picks the K initial targets (50,000)
 * @param seed              random seed
 */
public record GangealingConfig(
        String preset,
        StnShape stn,
        int ndirs,
        int inject,
        long annealPsi,
        Annealing.Psi annealFn,
        double tvWeight,
        double flowIdentityWeight,
        boolean freezeLl,
        boolean sampleFromFullRes,
        boolean flips,
        Padding2d padding,
        double stnLr,
        double llLr,
        double period,
        double decay,
        int tm,
        int batch,
        int accumulate,
        long iters,
        int pcaSamples,
        int kmeansSamples,
        long seed) {

    public GangealingConfig {
        if (batch < 1 || accumulate < 1 || iters < 1 || annealPsi < 1 || ndirs < 1 || period <= 0 || tm < 1) {
            throw new Gan4jException("GANgealing needs positive batch, accumulation, iterations, ψ annealing, ndirs,"
                    + " period and tm; got batch " + batch + ", accumulate " + accumulate + ", iters " + iters
                    + ", anneal-psi " + annealPsi + ", ndirs " + ndirs);
        }
    }

    /**
     * The official defaults for a generator of side {@code size}, K heads: the official STN (its channel table,
     * convex ×8) at flow 128, or at the generator's side when that is smaller (the official code takes any
     * flow_size ≥ 64 no larger than the input).
     */
    public static GangealingConfig paper(int size, int heads) {
        int flow = Math.min(size, 128);
        StnShape s = new StnShape(flow, size, 512, 0.5, Math.min(8, flow / 4), heads);
        return new GangealingConfig("paper", s, 1, 5, 150_000, Annealing.Psi.COSINE, 1000, 1, false, false, false,
                Padding2d.BORDER, 0.001, 0.01, 37_500, 0.9, 2, 5, 1, 1_500_000, 1_000_000, 50_000, 0);
    }

    /**
     * For a 2-core CPU and a 64 px generator: the fast STN (16×16 flow features, ×4 convex upsampling, 128
     * channels), batch 8, 5,000 iterations with ψ annealed over the first 1,500 and cosine cycles of 500, 100,000
     * PCA samples and 2,000 K-means++ candidates. Weights, rates and schedules' shapes are the official.
     */
    public static GangealingConfig fast(int size, int heads) {
        return paper(size, heads).withPreset("fast").withStn(StnShape.fast(size, heads)).withBatch(8)
                .withSchedule(5_000, 1_500, 500).withSampling(100_000, 2_000);
    }

    public static GangealingConfig preset(String name, int size, int heads) {
        return switch (name) {
            case "paper" -> paper(size, heads);
            case "fast" -> fast(size, heads);
            default -> throw new Gan4jException("--preset must be 'paper' or 'fast', got '" + name + "'");
        };
    }

    @JsonIgnore
    public int heads() {
        return stn.heads();
    }

    /** Whether the loss takes the minimum over heads and flips (the clustering loss). */
    @JsonIgnore
    public boolean clustering() {
        return stn.heads() > 1 || flips;
    }

    public GangealingConfig withPreset(String v) {
        return new GangealingConfig(v, stn, ndirs, inject, annealPsi, annealFn, tvWeight, flowIdentityWeight, freezeLl,
                sampleFromFullRes, flips, padding, stnLr, llLr, period, decay, tm, batch, accumulate, iters, pcaSamples,
                kmeansSamples, seed);
    }

    public GangealingConfig withStn(StnShape v) {
        return new GangealingConfig(preset, v, ndirs, inject, annealPsi, annealFn, tvWeight, flowIdentityWeight, freezeLl,
                sampleFromFullRes, flips, padding, stnLr, llLr, period, decay, tm, batch, accumulate, iters, pcaSamples,
                kmeansSamples, seed);
    }

    public GangealingConfig withBatch(int v) {
        return new GangealingConfig(preset, stn, ndirs, inject, annealPsi, annealFn, tvWeight, flowIdentityWeight, freezeLl,
                sampleFromFullRes, flips, padding, stnLr, llLr, period, decay, tm, v, accumulate, iters, pcaSamples,
                kmeansSamples, seed);
    }

    public GangealingConfig withAccumulate(int v) {
        return new GangealingConfig(preset, stn, ndirs, inject, annealPsi, annealFn, tvWeight, flowIdentityWeight, freezeLl,
                sampleFromFullRes, flips, padding, stnLr, llLr, period, decay, tm, batch, v, iters, pcaSamples,
                kmeansSamples, seed);
    }

    /** Iterations, ψ annealing and the first cosine period. */
    public GangealingConfig withSchedule(long iterations, long anneal, double firstPeriod) {
        return new GangealingConfig(preset, stn, ndirs, inject, anneal, annealFn, tvWeight, flowIdentityWeight, freezeLl,
                sampleFromFullRes, flips, padding, stnLr, llLr, firstPeriod, decay, tm, batch, accumulate, iterations,
                pcaSamples, kmeansSamples, seed);
    }

    public GangealingConfig withSampling(int pca, int kmeans) {
        return new GangealingConfig(preset, stn, ndirs, inject, annealPsi, annealFn, tvWeight, flowIdentityWeight, freezeLl,
                sampleFromFullRes, flips, padding, stnLr, llLr, period, decay, tm, batch, accumulate, iters, pca, kmeans,
                seed);
    }

    /** The target latent: PCA directions and injection index. */
    public GangealingConfig withTarget(int dirs, int injectIndex, boolean freeze) {
        return new GangealingConfig(preset, stn, dirs, injectIndex, annealPsi, annealFn, tvWeight, flowIdentityWeight,
                freeze, sampleFromFullRes, flips, padding, stnLr, llLr, period, decay, tm, batch, accumulate, iters,
                pcaSamples, kmeansSamples, seed);
    }

    /** The regularisers' weights. */
    public GangealingConfig withWeights(double tv, double identity) {
        return new GangealingConfig(preset, stn, ndirs, inject, annealPsi, annealFn, tv, identity, freezeLl,
                sampleFromFullRes, flips, padding, stnLr, llLr, period, decay, tm, batch, accumulate, iters, pcaSamples,
                kmeansSamples, seed);
    }

    /** Sampling during training: padding, full-resolution sampling, flips. */
    public GangealingConfig withSampling(Padding2d p, boolean fullRes, boolean flip) {
        return new GangealingConfig(preset, stn, ndirs, inject, annealPsi, annealFn, tvWeight, flowIdentityWeight,
                freezeLl, fullRes, flip, p, stnLr, llLr, period, decay, tm, batch, accumulate, iters, pcaSamples,
                kmeansSamples, seed);
    }

    public GangealingConfig withAnnealFn(Annealing.Psi v) {
        return new GangealingConfig(preset, stn, ndirs, inject, annealPsi, v, tvWeight, flowIdentityWeight, freezeLl,
                sampleFromFullRes, flips, padding, stnLr, llLr, period, decay, tm, batch, accumulate, iters, pcaSamples,
                kmeansSamples, seed);
    }

    public GangealingConfig withSeed(long v) {
        return new GangealingConfig(preset, stn, ndirs, inject, annealPsi, annealFn, tvWeight, flowIdentityWeight,
                freezeLl, sampleFromFullRes, flips, padding, stnLr, llLr, period, decay, tm, batch, accumulate, iters,
                pcaSamples, kmeansSamples, v);
    }
}
