package org.gan4j.stylegan2;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.data.Batches;
import org.gan4j.loss.Activations;
import org.gan4j.loss.LatentPenalty;
import org.gan4j.loss.Rademacher;
import org.gan4j.loss.ShardedPenalty;
import org.gan4j.nn.Adam;
import org.gan4j.torch.Autograd;
import org.gan4j.torch.Tensors;
import org.gan4j.torch.Lanes;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Rng;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.dist.Shard;
import org.gan4j.torch.dist.World;
import org.gan4j.train.Ema;
import org.gan4j.train.SingleStageTrainer;
import org.gan4j.train.Trainer;

/**
 * rosinality's {@code train.py} loop as a {@link Trainer} (one stage of {@code iters} iterations). Per iteration:
 * a discriminator step on the logistic loss; every {@code d_reg_every} iterations a lazy R1 step; a generator
 * step on the non-saturating loss with style mixing; every {@code g_reg_every} iterations a lazy path-length step;
 * then the EMA of the generator, which the trainer declares ({@link #emas()}) and the loop updates.
 * Adam(lr·c, β = (0^c, 0.99^c)) with c = k/(k+1) for the lazy interval k (see the package docs for the equations).
 *
 * <p>Every random number of iteration i comes from generators seeded by (seed, i) and the batch from
 * {@link Batches} (seed, i); the checkpoint holds everything else a step reads (the networks, both Adam states
 * and the path-length running mean), so a resumed run equals the uninterrupted one bit for bit. The work of a
 * step is split into the same halves whatever the number of {@link Lanes}, so one lane and two train the same
 * model (see {@link StepParts}).
 *
 * <p>Data-parallel (a {@link World} of N processes), as rosinality's DDP training: each rank reads its
 * {@link Shard} of every global batch and of every random draw (all drawn for the global batch, so the mixing coin
 * and crossover are shared), and the gradients of each of the four steps are averaged over the ranks before its
 * Adam step; the path-length penalty is computed on the gathered path lengths, so its running mean is the global
 * one on every rank. With B/N a multiple of 4 the minibatch-stddev groups are the one-process run's, and N
 * processes train the one-process model up to the order of float sums (tested). Parameters and buffers are
 * broadcast from rank 0 when the trainer is made; the loop keeps the EMA, checkpoints and samples on rank 0.
 */
// DEVIATION: rosinality's DDP ranks draw their own mixing coins and keep their own path-length means; gan4j shards
// one global draw and gathers the path lengths, so that the job's model does not depend on the number of processes.
public final class Stylegan2Trainer implements SingleStageTrainer, AutoCloseable {

    /** Checkpoint entries beyond rosinality's layout: the next iteration and the path-length running mean. */
    public static final String ITER_KEY = "iter";
    public static final String MEAN_PATH_KEY = "mean_path_length";
    /** rosinality's {@code accum = 0.5 ** (32 / (10 * 1000))} uses a nominal batch of 32 whatever the batch. */
    public static final int EMA_NOMINAL_BATCH = 32;

    private final Stylegan2Config c;
    private final Batches data;
    private final Generator g;
    private final Discriminator d;
    private final Generator gEma;
    private final Adam gOptim;
    private final Adam dOptim;
    private final List<Ema> emas;
    private final Lanes lanes;
    private final StepParts parts;
    private final int sampleCount;
    private double meanPathLength;
    private final LatentPenalty reg;
    private final Map<String, Double> last = new LinkedHashMap<>();
    private final World world;

    /**
     * A new run: networks initialised from the seed, or continued from {@code resume}.
     *
     * @param config      the model and training settings
     * @param data        the real images
     * @param resume      a checkpoint written by {@link #save} (or rosinality's train.py), or null
     * @param lanes       where the halves of a step run
     * @param sampleCount images in each sample grid
     */
    public Stylegan2Trainer(Stylegan2Config config, Batches data, Stylegan2Checkpoint resume, Lanes lanes, int sampleCount) {
        this(config, data, resume, lanes, sampleCount, LatentPenalty.none());
    }

    /** @param reg a disentanglement regulariser on z, run every {@code reg.every()} iterations, or none */
    public Stylegan2Trainer(Stylegan2Config config, Batches data, Stylegan2Checkpoint resume, Lanes lanes, int sampleCount,
            LatentPenalty reg) {
        this(config, data, resume, lanes, sampleCount, reg, World.single());
    }

    /**
     * @param data  this rank's shard of every global batch ({@link Batches} with {@code world.shard()})
     * @param world the job's processes ({@link World#single()} alone); checked by {@link #checkWorld}
     */
    public Stylegan2Trainer(Stylegan2Config config, Batches data, Stylegan2Checkpoint resume, Lanes lanes, int sampleCount,
            LatentPenalty reg, World world) {
        checkWorld(config, reg, world.size());
        this.world = world;
        this.reg = reg;
        this.c = config;
        this.data = data;
        this.lanes = lanes;
        this.sampleCount = sampleCount;
        Seeds.seed(config.seed()); // weight init draws from the global generator
        this.g = new Generator(config);
        this.d = new Discriminator(config);
        this.gEma = new Generator(config);
        this.emas = List.of(new Ema(g, gEma, Ema.halfLifeDecay(EMA_NOMINAL_BATCH, config.emaHalfLifeKimg() * 1000)));
        double gRatio = (double) c.gRegEvery() / (c.gRegEvery() + 1);
        double dRatio = (double) c.dRegEvery() / (c.dRegEvery() + 1);
        this.gOptim = new Adam(g.parameters(), c.lr() * gRatio, Math.pow(0, gRatio), Math.pow(0.99, gRatio));
        this.dOptim = new Adam(d.parameters(), c.lr() * dRatio, Math.pow(0, dRatio), Math.pow(0.99, dRatio));
        if (resume != null) {
            restore(resume);
        }
        List<Tensor> replicated = new ArrayList<>(g.stateDict().values());
        replicated.addAll(d.stateDict().values());
        replicated.addAll(gEma.stateDict().values());
        world.broadcast(replicated); // DDP's start: every rank from rank 0's weights (equal already when seeded alike)
        this.parts = new StepParts(c, g, d, lanes, world);
        List.of("d", "g", "real_score", "fake_score", "r1", "path", "path_length", "mean_path").forEach(k -> last.put(k, 0.0));
    }

    /**
     * Refuses a job the data-parallel step cannot split: the global batch must divide into N per-process batches
     * that keep the discriminator's stddev groups (1 to 4, or a multiple of 4), every rank needs a row of the
     * path-length batch.
     */
    public static void checkWorld(Stylegan2Config c, LatentPenalty reg, int n) {
        if (n == 1) {
            return;
        }
        int b = c.batch();
        int local = b / n;
        if (b % n != 0 || (local > Discriminator.STDDEV_GROUP && local % Discriminator.STDDEV_GROUP != 0)) {
            throw new Gan4jException("--batch " + b + " does not split over " + n + " processes into per-process batches"
                    + " of 1 to 4 or a multiple of 4; use a --batch that does (e.g. " + n * Discriminator.STDDEV_GROUP + ")");
        }
        if (pathBatch(c, b) < n) {
            throw new Gan4jException("the path-length batch (" + pathBatch(c, b) + " = batch / path_batch_shrink) is smaller"
                    + " than the " + n + " processes; use a larger --batch");
        }
    }

    private static int pathBatch(Stylegan2Config c, int b) {
        return Math.max(1, b / Math.max(1, c.pathBatchShrink()));
    }

    private void restore(Stylegan2Checkpoint ck) {
        if (ck.g() == null || ck.d() == null || ck.gOptim() == null || ck.dOptim() == null) {
            throw new Gan4jException("the checkpoint lacks g, d or an optimizer state; it cannot continue training");
        }
        g.copyFrom(ck.g());
        d.copyFrom(ck.d());
        gEma.copyFrom(ck.gEma());
        gOptim.loadStateDict(ck.gOptim(), "checkpoint g_optim");
        dOptim.loadStateDict(ck.dOptim(), "checkpoint d_optim");
        // DEVIATION: rosinality restarts the path-length mean at 0 on --ckpt; gan4j stores it, for an exact resume.
        if (ck.extras().get(MEAN_PATH_KEY) instanceof Number m) {
            meanPathLength = m.doubleValue();
        }
    }

    /**
     * Fine-tuning ({@code --init}): g from the checkpoint's {@code g} (its {@code g_ema} when it has none, as exported
     * and published checkpoints), g_ema from its {@code g_ema}, D from its {@code d}; the optimizers keep their fresh
     * state and the path-length mean restarts at 0, as rosinality's {@code --ckpt} with a new schedule. Every rank of
     * a data-parallel job reads the same file, so the replicas stay equal.
     *
     * @param what the checkpoint's name for error messages
     */
    public void startFrom(Stylegan2Checkpoint ck, String what) {
        checkStart(c, ck, what);
        g.loadStateDict((ck.g() != null ? ck.g() : ck.gEma()).stateDict(), what + (ck.g() != null ? " g" : " g_ema"));
        gEma.loadStateDict(ck.gEma().stateDict(), what + " g_ema");
        d.loadStateDict(ck.d().stateDict(), what + " d");
    }

    /**
     * Refuses, in one line, a checkpoint a run of {@code c} cannot start from: one without a discriminator, or of
     * another architecture (size, style dimension, mapping depth, channels).
     */
    public static void checkStart(Stylegan2Config c, Stylegan2Checkpoint ck, String what) {
        if (ck.d() == null) {
            throw new Gan4jException(what + " has no discriminator ('d'); --init needs a checkpoint that kept it"
                    + " (a training checkpoint, or one exported by gan4j stylegan2 export)");
        }
        if (!architecture(ck.config()).equals(architecture(c))) {
            throw new Gan4jException(what + " holds a StyleGAN2 of " + architecture(ck.config()) + ", but the run's flags"
                    + " make one of " + architecture(c) + "; give the --size and --preset that match it");
        }
    }

    private static String architecture(Stylegan2Config a) {
        StringBuilder channels = new StringBuilder();
        for (int res = 4; res <= a.size(); res *= 2) {
            channels.append(res == 4 ? "" : "/").append(a.channels(res));
        }
        return a.size() + " px, style dim " + a.styleDim() + ", " + a.nMlp() + " mapping layers, channels " + channels
                + " from 4 px up";
    }

    /** The iteration a checkpoint continues at (0 for a file without gan4j's position, e.g. rosinality's). */
    public static long position(Stylegan2Checkpoint ck) {
        return ck.extras().get(ITER_KEY) instanceof Number n ? n.longValue() : 0;
    }

    /** Stops the helper lane and frees g, D and g_ema (a caller keeps what it needs in a checkpoint first). */
    @Override
    public void close() {
        lanes.close();
        g.close();
        d.close();
        gEma.close();
    }

    public Generator g() {
        return g;
    }

    public Discriminator d() {
        return d;
    }

    public Generator gEma() {
        return gEma;
    }

    public double meanPathLength() {
        return meanPathLength;
    }

    @Override
    public long iterations() {
        return c.iters();
    }

    @Override
    public String label() {
        return "StyleGAN2 " + c.size() + "x" + c.size();
    }

    @Override
    public int intraThreads() {
        return lanes.intraThreads();
    }

    /** g → g_ema, updated by the loop after every step (rosinality's {@code accumulate(g_ema, g, accum)}). */
    @Override
    public List<Ema> emas() {
        return emas;
    }

    @Override
    public Map<String, Double> step(int stage, long i) {
        Tensor real = data.batch(i); // [B/N,3,S,S], this rank's rows of the global batch
        int b = c.batch();
        Shard shard = world.shard();

        // Discriminator: L_D = softplus(-D(x)) + softplus(D(G(z))), G frozen.
        LatentDraw dz = LatentDraw.draw(rng(i, 0), b, c, c.mixing()).shard(shard);
        StepParts.DStep ds = parts.discriminatorStep(real, dz);
        dOptim.step(world.average(ds.grads()));
        last.put("d", ds.loss());
        last.put("real_score", ds.realScore());
        last.put("fake_score", ds.fakeScore());

        // Lazy R1: (γ/2)·R1·d_reg_every, every d_reg_every iterations.
        if (i % c.dRegEvery() == 0) {
            StepParts.Grads r1 = parts.r1Step(real, c.r1() / 2 * c.dRegEvery());
            dOptim.step(world.average(r1.grads()));
            last.put("r1", r1.value());
        }

        // Generator: L_G = softplus(-D(G(z))), with style mixing.
        LatentDraw gz = LatentDraw.draw(rng(i, 1), b, c, c.mixing()).shard(shard);
        StepParts.Grads gs = parts.generatorStep(gz);
        gOptim.step(world.average(gs.grads()));
        last.put("g", gs.value());

        // Lazy path length: path_regularize·g_reg_every·L_path on a batch shrunk by path_batch_shrink.
        if (i % c.gRegEvery() == 0) {
            int pb = pathBatch(c, b);
            Rng rng = rng(i, 2);
            LatentDraw pz = LatentDraw.draw(rng, pb, c, c.mixing()).shard(shard);
            Tensor y = shard.rows(rng.randn(pb, 3, c.size(), c.size()));
            StepParts.PathStep ps = parts.pathStep(pz, y, pb, meanPathLength, c.pathRegularize() * c.gRegEvery());
            gOptim.step(world.sum(ps.grads())); // each rank's part of the global penalty's gradient
            meanPathLength = ps.meanPathLength();
            last.put("path", ps.penalty());
            last.put("path_length", ps.pathLength());
            last.put("mean_path", meanPathLength);
        }

        // Optional disentanglement: λ·every·R(z ↦ G(z)) with the stored noise, so every pass is deterministic in z.
        if (reg.active() && i % reg.every() == 0) {
            Seeds.seed(Rng.iterationSeed(c.seed(), i, 3));
            Tensor z = Tensors.randn(b, c.styleDim()); // the global batch's draws; each rank its rows
            Activations image = zz -> List.of(g.synthesize(g.latents(Styles.z(zz)), NoiseMode.CONST));
            ShardedPenalty.Part penalty = ShardedPenalty.of(reg.kind(), image, shard.rows(z), Rademacher.like(z, reg.k()),
                    reg.epsilon(), reg.reduction(), world);
            Tensor loss = penalty.loss().mul(Tensors.s(reg.lambda() * reg.every()));
            gOptim.step(world.average(Autograd.zerosForUndefined(Autograd.grad(loss, g.parameters(), null, false),
                    g.parameters())));
            last.put("reg", penalty.value());
        }

        return new LinkedHashMap<>(last);
    }

    /** A generator for (iteration, stream): 0 = D step, 1 = G step, 2 = path-length step. */
    private Rng rng(long iter, int stream) {
        return Rng.forIteration(c.seed(), iter, stream);
    }

    /** The checkpoint of the current state, positioned at {@code nextIter}. */
    public Stylegan2Checkpoint checkpoint(long nextIter) {
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put(ITER_KEY, nextIter);
        extras.put(MEAN_PATH_KEY, meanPathLength);
        return new Stylegan2Checkpoint(c, g, d, gEma, latentAverage(), gOptim.stateDict(), dOptim.stateDict(), extras);
    }

    @Override
    public void save(Path file, int stage, long nextIter) throws IOException {
        checkpoint(nextIter).save(file);
    }

    /**
     * w̄ of g_ema over 4096 z from a fixed generator (the checkpoint's {@code latent_avg}, for truncation).
     * DEVIATION: rosinality's train.py saves no latent_avg; gan4j does, so truncation needs no extra pass.
     */
    private Tensor latentAverage() {
        try (NoGrad ng = new NoGrad()) {
            Tensor z = rng(-1, 3).randn(4096, c.styleDim());
            return Scope.keepAlive(gEma.getLatent(z).mean(new long[] {0}, false, new org.bytedeco.pytorch.ScalarTypeOptional()));
        }
    }

    /** g_ema on fixed z (the same every time). DEVIATION: stored noise (rosinality: fresh noise), so grids are comparable. */
    @Override
    public List<BufferedImage> samples(int stage, long iter) {
        Tensor z = rng(-1, 4).randn(sampleCount, c.styleDim());
        List<BufferedImage> out = new ArrayList<>();
        Sampling.render(gEma, z, false, 1, null, NoiseMode.CONST, 8, out::add);
        return out;
    }
}
