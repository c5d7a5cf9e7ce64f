package org.gan4j.orojar;

import org.gan4j.loss.Regulariser;
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
import org.gan4j.data.Dsprites;
import org.gan4j.loss.Activations;
import org.gan4j.loss.GradientPenalty;
import org.gan4j.loss.Rademacher;
import org.gan4j.loss.ShardedPenalty;
import org.gan4j.nn.Adam;
import org.gan4j.torch.Autograd;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Rng;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.Tensors;
import org.gan4j.torch.dist.Shard;
import org.gan4j.torch.dist.World;
import org.gan4j.train.Artifact;
import org.gan4j.train.LinearDecay;
import org.gan4j.train.SingleStageTrainer;

/**
 * One iteration of the official {@code GANModel.optimize_parameters}: a critic step on
 * <pre>  L_D = ½(E D(G(z)) − E D(x)) + γ·GP</pre>
 * then a generator step on a fresh z,
 * <pre>  L_G = −E D(G(z)) + λ·R(G),  R = OroJaR or the Hessian Penalty of G's block conv outputs</pre>
 * both with Adam. Every draw comes from (seed, iteration), so a resumed run repeats an uninterrupted one.
 */
public final class OrojarTrainer implements SingleStageTrainer {

    private final OrojarConfig c;
    private final DspritesGenerator g;
    private final DspritesDiscriminator d;
    private final Adam gOptim;
    private final Adam dOptim;
    private final DspritesBatches reals;
    private final Tensor sampleZ;
    private final int threads;
    private final World world;

    public OrojarTrainer(OrojarConfig config, Dsprites data, OrojarCheckpoint resume, int threads) {
        this(config, data, resume, threads, World.single());
    }

    /**
     * Data-parallel (a {@link World} of N processes): each rank its rows of every global batch and of every draw
     * (z, the gradient penalty's mixing, the Rademacher vectors), gradients averaged before each Adam step, the
     * regulariser's max over the batch taken over every rank ({@link ShardedPenalty}); the one-process model up to
     * the order of float sums.
     */
    public OrojarTrainer(OrojarConfig config, Dsprites data, OrojarCheckpoint resume, int threads, World world) {
        checkWorld(config, world.size());
        this.c = config;
        this.threads = threads;
        this.world = world;
        Seeds.seed(c.seed());
        g = new DspritesGenerator(c.nets());
        d = new DspritesDiscriminator(c.nets());
        gOptim = new Adam(g.parameters(), c.lr(), c.beta1(), c.beta2(), 1e-8);
        dOptim = new Adam(d.parameters(), c.lr(), c.beta1(), c.beta2(), 1e-8);
        if (resume != null) {
            resume.restore(g, d, gOptim, dOptim);
        }
        List<Tensor> replicated = new ArrayList<>(g.stateDict().values());
        replicated.addAll(d.stateDict().values());
        world.broadcast(replicated); // DDP's start: rank 0's weights (equal already when seeded alike)
        reals = new DspritesBatches(data, c.batch(), c.seed());
        torch.manual_seed(Rng.iterationSeed(c.seed(), -1, 1));
        sampleZ = org.gan4j.torch.Scope.keepAlive(Tensors.randn(3, c.nets().nz()));
    }

    /** Refuses a global batch that does not split evenly over {@code n} processes. */
    public static void checkWorld(OrojarConfig c, int n) {
        if (n > 1 && c.batch() % n != 0) {
            throw new Gan4jException("--batch " + c.batch() + " does not split evenly over " + n + " processes; use a"
                    + " multiple of " + n);
        }
    }

    public DspritesGenerator generator() {
        return g;
    }

    @Override
    public long iterations() {
        return c.iters();
    }

    @Override
    public String label() {
        return "dSprites GAN" + (c.regulariser() == Regulariser.NONE ? "" : " + " + c.regulariser().cliName());
    }

    @Override
    public int intraThreads() {
        return threads;
    }

    @Override
    public Map<String, Double> step(int stage, long i) {
        double f = LinearDecay.factor(i, c.iters(), c.decayIters());
        gOptim.setLr(c.lr() * f);
        dOptim.setLr(c.lr() * f);
        Seeds.seed(Rng.iterationSeed(c.seed(), i, 0));
        Map<String, Double> out = new LinkedHashMap<>();
        Shard shard = world.shard();
        int b = c.batch();
        try (org.gan4j.torch.Scope critic = new org.gan4j.torch.Scope()) { // the critic's graph is freed before G's step
            Tensor real = shard.rows(reals.batch(i)); // every draw for the global batch [B,…], this rank's rows
            Tensor fake = g.forward(shard.rows(Tensors.randn(b, c.nets().nz()))).detach();
            Tensor dFake = d.forward(fake).mean();
            Tensor dReal = d.forward(real).mean();
            Tensor gp = GradientPenalty.perSample(d::forward, real, fake, shard.rows(Tensors.rand(b, 1, 1, 1)));
            Tensor lossD = dFake.sub(dReal).mul(Tensors.s(0.5)).add(gp.mul(Tensors.s(c.gamma())));
            dOptim.step(world.average(Autograd.grad(lossD, d.parameters(), null, false)));
            out.put("d", lossD.item_double());
            out.put("gp", gp.item_double());
            out.put("wasserstein", dReal.sub(dFake).item_double());
        }
        // generator
        Tensor zAll = Tensors.randn(b, c.nets().nz());
        Tensor z = shard.rows(zAll);
        Tensor lossG = d.forward(g.forward(z)).mean().neg();
        double reg = 0;
        Tensor total = lossG;
        if (c.regulariser() != Regulariser.NONE && c.lambda() > 0) {
            Activations acts = x -> g.convOutputs(x, c.layers());
            ShardedPenalty.Part r = ShardedPenalty.of(c.regulariser(), acts, z, Rademacher.like(zAll, c.k()),
                    c.epsilon(), c.reduction(), world);
            reg = r.value();
            total = total.add(r.loss().mul(Tensors.s(c.lambdaAt(i))));
        }
        gOptim.step(world.average(Autograd.zerosForUndefined(Autograd.grad(total, g.parameters(), null, false),
                g.parameters())));
        out.put("g", lossG.item_double());
        out.put("reg", reg);
        out.put("lr", c.lr() * f);
        return out;
    }

    /** R(G) at z: the regulariser of the chosen blocks' conv outputs. */
    Tensor regulariser(Tensor z) {
        Activations acts = x -> g.convOutputs(x, c.layers());
        return c.regulariser().penalty(acts, z, c.k(), c.epsilon(), c.reduction());
    }

    @Override
    public void save(Path file, int stage, long nextIter) throws IOException {
        PtFile.save(file, new OrojarCheckpoint(g.stateDict(), d.stateDict(), gOptim.stateDict(), dOptim.stateDict(),
                nextIter).toTree());
    }

    /** When training ends, {@code latest_net_G.pth}: the generator's state dict as the official code saves it. */
    @Override
    public List<Artifact> artifacts(int stage) {
        return List.of(new Artifact(Path.of(OrojarModel.GENERATOR), tmp -> PtFile.save(tmp, org.gan4j.torch.StateDict.of(
                g.stateDict()))));
    }

    /** One picture: a traversal row per latent dimension of a fixed z, 7 values in [−2, 2]. */
    @Override
    public List<BufferedImage> samples(int stage, long iter) {
        List<BufferedImage> rows = new ArrayList<>();
        for (int j = 0; j < c.nets().nz(); j++) {
            rows.add(Traversal.strip(g, sampleZ.get(0), j, -2, 2, 7));
        }
        return List.of(org.gan4j.train.SampleGrid.tile(rows, 1, 2));
    }

    @Override
    public void close() {
        g.close();
        d.close();
    }
}
