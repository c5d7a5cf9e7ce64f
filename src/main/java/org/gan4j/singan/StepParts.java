package org.gan4j.singan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.loss.GradientPenalty;
import org.gan4j.nn.RunningStats;
import org.gan4j.torch.Autograd;
import org.gan4j.torch.Lanes;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Rng;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;

/**
 * The steps of a SinGAN iteration at one scale, each split into independent parts that run on two {@link Lanes}
 * (or one after the other on one): per critic step, D on the real and on the fake on the caller's lane while the
 * gradient penalty runs on the other, and the next step's fake is drawn meanwhile; per generator step, the
 * adversarial term here and the reconstruction term there. The split never depends on the lane count, so one
 * lane and two give the same numbers.
 */
// DEVIATION: the official train_single_scale accumulates each term's gradient into .grad with backward(); here
// every term's gradient is returned by torch.grad and the terms are summed in a fixed order (float rounding
// differs from the official order at the 1e-7 level), so the lanes may finish in any order.
// DEVIATION: BatchNorm's running averages are recorded per part and applied in a fixed order after each step
// (the official code updates them during each forward pass), so that both lanes can run one network.
final class StepParts {

    /** x̃↑ from the scales below (padded, [1,3,H+2p,W+2p]) and G's noisy input σ·z + x̃↑ for one fake. */
    record FakeInput(Tensor prev, Tensor noisy) {}

    /** Draws the input of critic step {@code j}'s fake (the official draw_concat in "rand" mode plus noise). */
    interface FakeInputs {
        FakeInput draw(Tensor noiseBase, long epoch, int j);
    }

    /** A fake for one critic step: its input, G's output, and the BN statistics of G's pass. */
    record Fake(Tensor prev, Tensor noisy, Tensor fake, RunningStats gStats) implements Lanes.Kept {
        @Override
        public List<Tensor> kept() {
            return Arrays.asList(prev, noisy, fake);
        }
    }

    /** Gradients of one loss term with respect to a network's parameters, the loss value, and BN statistics. */
    private record Grads(List<Tensor> grads, double loss, Tensor output, RunningStats stats) implements Lanes.Kept {
        @Override
        public List<Tensor> kept() {
            List<Tensor> all = new ArrayList<>(grads);
            all.add(output);
            return all;
        }
    }

    /** A critic step's summed gradient, its terms (errD = −D(x) + D(G(z)) + λ·GP) and BN statistics. */
    record CriticStep(List<Tensor> grads, double dReal, double dFake, double gp, RunningStats dStats,
            RunningStats penaltyStats) {

        double errD() {
            return -dReal + dFake + gp;
        }

        /** D's running averages: the real and fake pass, then the penalty's. */
        void applyStats() {
            dStats.apply();
            penaltyStats.apply();
        }
    }

    /**
     * A generator step's summed gradient, −D(G(z)) and α·‖G(z_opt) − x‖² (0 when α = 0), both outputs (detached;
     * the reconstruction null when α = 0) and BN statistics.
     */
    record GeneratorStep(List<Tensor> grads, double errG, double rec, Tensor fake, Tensor reconstruction,
            RunningStats advStats, RunningStats recStats) {

        /** G's running averages: the adversarial pass, then the reconstruction's. */
        void applyStats() {
            advStats.apply();
            if (recStats != null) {
                recStats.apply();
            }
        }
    }

    private final SinGANConfig c;
    private final Lanes lanes;
    private final Generator g;
    private final Discriminator d;
    private final Tensor real;   // x_n, [1,3,H,W]
    private final Tensor zPrev;  // x̃↑ on the reconstruction path, padded, [1,3,H+2p,W+2p]
    private final int scale;
    private final FakeInputs inputs;

    /**
     * @param c      the run's configuration
     * @param lanes  where the parts run
     * @param g      the scale's generator
     * @param d      the scale's critic
     * @param real   x_n, [1,3,H,W]
     * @param zPrev  x̃↑ on the reconstruction path, padded
     * @param scale  n, for the random streams
     * @param inputs draws the fakes' inputs
     */
    StepParts(SinGANConfig c, Lanes lanes, Generator g, Discriminator d, Tensor real, Tensor zPrev, int scale,
            FakeInputs inputs) {
        this.c = c;
        this.lanes = lanes;
        this.g = g;
        this.d = d;
        this.real = real;
        this.zPrev = zPrev;
        this.scale = scale;
        this.inputs = inputs;
    }

    /** The critic steps of one iteration: they share the fakes, each drawn while the previous step runs. */
    final class CriticSteps {
        private final Tensor noiseBase;
        private final long epoch;
        private final Fake[] fakes = new Fake[c.dSteps()];
        private final Lanes.Task<Fake> first;

        CriticSteps(Tensor noiseBase, long epoch) {
            this.noiseBase = noiseBase;
            this.epoch = epoch;
            this.first = lanes.fork(fakeTask(noiseBase, epoch, 0));
        }

        /** Critic step {@code j}: the penalty on the other lane, D on the real and the fake and the next fake here. */
        CriticStep step(int j) {
            Lanes.Task<Grads> penalty = lanes.fork(() -> {
                Fake f = j == 0 ? first.join() : fakes[j];
                return penaltyTask(f.fake(), epoch, j);
            });
            Grads realTerm;
            Grads fakeTerm;
            RunningStats dStats = RunningStats.record();
            try {
                realTerm = Lanes.adopt(criticTerm(real, -1));
                if (j == 0) {
                    fakes[0] = Lanes.adopt(first.join());
                }
                fakeTerm = Lanes.adopt(criticTerm(fakes[j].fake().detach(), 1));
            } finally {
                dStats.close();
            }
            if (j + 1 < c.dSteps()) {
                fakes[j + 1] = Lanes.here(fakeTask(noiseBase, epoch, j + 1));
            }
            Grads pen = Lanes.adopt(penalty.join());
            return new CriticStep(Autograd.sum(realTerm.grads(), fakeTerm.grads(), pen.grads()), -realTerm.loss(),
                    fakeTerm.loss(), pen.loss(), dStats, pen.stats());
        }

        /** G's running averages from the fakes' passes, in step order (after all critic steps). */
        void applyGeneratorStats() {
            for (Fake f : fakes) {
                f.gStats().apply();
            }
        }

        /** The last critic step's fake, with its graph: the first generator step reuses it. */
        Fake last() {
            return fakes[c.dSteps() - 1];
        }
    }

    /**
     * One generator step: the reconstruction term on the other lane, the adversarial term here (G rerun on the
     * fake's input when {@code recompute}).
     */
    GeneratorStep generatorStep(Fake last, Tensor zOptIn, boolean recompute) {
        Lanes.Task<Grads> recTask = c.alpha() != 0 ? lanes.fork(() -> reconstructionTask(zOptIn)) : null;
        Grads advTerm;
        RunningStats stats = RunningStats.record();
        try {
            advTerm = Lanes.adopt(adversarialTerm(last, recompute));
        } finally {
            stats.close();
        }
        if (recTask == null) {
            return new GeneratorStep(advTerm.grads(), advTerm.loss(), 0, advTerm.output(), null, stats, null);
        }
        Grads r = Lanes.adopt(recTask.join());
        return new GeneratorStep(Autograd.sum(advTerm.grads(), r.grads()), advTerm.loss(), r.loss(), advTerm.output(),
                r.output(), stats, r.stats());
    }

    /** Draws x̃↑ through the scales below with fresh noise and runs G on it (train mode, stats deferred). */
    private Callable<Fake> fakeTask(Tensor noiseBase, long epoch, int j) {
        boolean withGraph = j == c.dSteps() - 1; // the last one feeds the first generator step
        return () -> {
            try (RunningStats st = RunningStats.record()) {
                FakeInput in = inputs.draw(noiseBase, epoch, j);
                Tensor fake;
                if (withGraph) {
                    fake = g.forward(in.noisy(), in.prev());
                } else {
                    try (NoGrad ng = new NoGrad()) {
                        fake = g.forward(in.noisy(), in.prev());
                    }
                }
                return new Fake(Scope.keepAlive(in.prev()), Scope.keepAlive(in.noisy()), Scope.keepAlive(fake), st);
            }
        };
    }

    /**
     * sign·mean D(x) and its gradient for D (−1 for the real image, +1 for a fake), in its own scope so the
     * activations are freed as soon as the gradient exists.
     */
    private Grads criticTerm(Tensor x, double sign) {
        try (Scope s = new Scope()) {
            Tensor loss = d.forward(x).mean().mul(Tensors.s(sign));
            return new Grads(Scope.keepAlive(Autograd.grad(loss, d.parameters(), null, false)), loss.item_double(), null,
                    null);
        }
    }

    /** −mean D(G(z)) and its gradient for G; G is rerun on the step's input when {@code recompute}. */
    private Grads adversarialTerm(Fake f, boolean recompute) {
        try (Scope s = new Scope()) {
            Tensor fake = recompute ? g.forward(f.noisy(), f.prev()) : f.fake();
            Tensor adv = d.forward(fake).mean().neg();
            return new Grads(Scope.keepAlive(Autograd.grad(adv, g.parameters(), null, false)), adv.item_double(),
                    Scope.keepAlive(fake.detach()), null);
        }
    }

    /** λ·GP at a random interpolate of the real and the fake, and its gradient for D. */
    private Grads penaltyTask(Tensor fake, long epoch, int j) {
        try (RunningStats st = RunningStats.record()) {
            double alpha = Rng.forStage(c.seed(), scale, epoch, SinGANTrainer.PENALTY_STREAM + j).uniform();
            Tensor penalty = GradientPenalty.wgangp(d::forward, real, fake, alpha, c.lambdaGrad());
            return new Grads(Scope.keepAlive(Autograd.grad(penalty, d.parameters(), null, false)), penalty.item_double(),
                    null, st);
        }
    }

    /** α·‖G(σ·z_opt + x̃↑_rec) - x‖² and its gradient for G. */
    private Grads reconstructionTask(Tensor zOptIn) {
        try (RunningStats st = RunningStats.record()) {
            Tensor out = g.forward(zOptIn, zPrev);
            Tensor loss = torch.mse_loss(out, real).mul(Tensors.s(c.alpha()));
            return new Grads(Scope.keepAlive(Autograd.grad(loss, g.parameters(), null, false)), loss.item_double(),
                    Scope.keepAlive(out.detach()), st);
        }
    }
}
