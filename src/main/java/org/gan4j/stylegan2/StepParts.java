package org.gan4j.stylegan2;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.loss.Logistic;
import org.gan4j.loss.PathLength;
import org.gan4j.loss.R1;
import org.gan4j.torch.Autograd;
import org.gan4j.torch.Lanes;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;
import org.gan4j.torch.dist.World;

/**
 * The four computations of a StyleGAN2 training step, each split into two independent parts that run on two
 * {@link Lanes} (or one after the other on one): the D step's fakes in two halves, then D on the fake batch and
 * on the real batch; R1 and the G step on the even and odd halves of the batch ({@link Halves}: the
 * minibatch-stddev groups stay whole); the path-length step in two halves, whose penalty couples the samples
 * through the running mean, so it runs in two phases (path lengths with their graphs, then the weighted backward
 * of each half). Gradients are returned by {@code torch.grad}, summed in a fixed order, and the split never
 * depends on the lane count, so one lane and two give the same numbers.
 */
// DEVIATION: the same gradients as rosinality's whole-batch backward passes, summed in another order (float
// rounding differs at the 1e-7 level; StepPartsTest checks them against the whole-batch formulas).
final class StepParts {

    /** Gradients for every parameter (zeros where a term does not reach one) and the term's value. */
    record Grads(List<Tensor> grads, double value) {}

    /** The D step's gradients, loss and mean logits on the real and the fake batch. */
    record DStep(List<Tensor> grads, double loss, double realScore, double fakeScore) {}

    /** The path-length step's gradients, L_path, mean path length and the updated running mean. */
    record PathStep(List<Tensor> grads, double penalty, double pathLength, double meanPathLength) {}

    private record Term(List<Tensor> grads, double value, double score) implements Lanes.Kept {
        @Override
        public List<Tensor> kept() {
            return grads;
        }
    }

    private final Stylegan2Config c;
    private final Generator g;
    private final Discriminator d;
    private final Lanes lanes;
    private final World world;

    StepParts(Stylegan2Config c, Generator g, Discriminator d, Lanes lanes) {
        this(c, g, d, lanes, World.single());
    }

    StepParts(Stylegan2Config c, Generator g, Discriminator d, Lanes lanes, World world) {
        this.c = c;
        this.g = g;
        this.d = d;
        this.lanes = lanes;
        this.world = world;
    }

    /** rosinality's D step: fakes from the frozen G, {@code d_logistic_loss(real_pred, fake_pred)}. */
    DStep discriminatorStep(Tensor real, LatentDraw z) {
        Tensor fake;
        if (z.z1().size(0) % 2 == 0) {
            Lanes.Task<Tensor> even = lanes.fork(() -> Scope.keepAlive(frozenFake(z.half(0))));
            Tensor odd = Lanes.here(() -> Scope.keepAlive(frozenFake(z.half(1))));
            fake = Halves.join(Lanes.adopt(even.join()), odd);
        } else {
            fake = Lanes.here(() -> Scope.keepAlive(frozenFake(z)));
        }
        Tensor fakeBatch = fake;
        Lanes.Task<Term> fakeTask = lanes.fork(() -> dTerm(fakeBatch, false));
        Term r = Lanes.here(() -> dTerm(real, true));
        Term f = Lanes.adopt(fakeTask.join());
        List<Tensor> grads = Autograd.zerosForUndefined(Autograd.sum(r.grads(), f.grads()), d.parameters());
        return new DStep(grads, r.value() + f.value(), r.score(), f.score());
    }

    private Tensor frozenFake(LatentDraw z) {
        try (NoGrad ng = new NoGrad()) {
            return g.synthesize(g.latents(z.styles()), z.noise());
        }
    }

    /** One half of the logistic loss and its gradient for D: softplus(−D(x)) on reals, softplus(D(x)) on fakes. */
    private Term dTerm(Tensor x, boolean isReal) {
        Tensor pred = d.forward(x);
        Tensor loss = isReal ? Logistic.dRealTerm(pred) : Logistic.dFakeTerm(pred);
        return new Term(Scope.keepAlive(Autograd.grad(loss, d.parameters(), null, false)), loss.item_double(), pred.mean().item_double());
    }

    /** The lazy R1 step: {@code weight · R1} with weight = γ/2 · d_reg_every. */
    Grads r1Step(Tensor real, double weight) {
        List<Tensor> grads;
        double value;
        if (Halves.splitsDiscriminatorBatch(real.size(0))) {
            Lanes.Task<Term> even = lanes.fork(() -> r1Term(Halves.half(real, 0), weight / 2));
            Term odd = Lanes.here(() -> r1Term(Halves.half(real, 1), weight / 2));
            Term e = Lanes.adopt(even.join());
            grads = Autograd.sum(e.grads(), odd.grads());
            value = (e.value() + odd.value()) / 2;
        } else {
            Term t = Lanes.here(() -> r1Term(real, weight));
            grads = t.grads();
            value = t.value();
        }
        // rosinality adds 0 * real_pred[0]: parameters R1 does not reach (D's last bias) get zero gradients.
        return new Grads(Autograd.zerosForUndefined(grads, d.parameters()), value);
    }

    private Term r1Term(Tensor realPart, double weight) {
        Tensor x = realPart.detach().contiguous().requires_grad_(true);
        Tensor r1 = R1.penalty(d.forward(x), x);
        Tensor loss = r1.mul(Tensors.s(weight));
        return new Term(Scope.keepAlive(Autograd.grad(loss, d.parameters(), null, false)), r1.item_double(), 0);
    }

    /** rosinality's G step: {@code g_nonsaturating_loss(D(G(z)))}. */
    Grads generatorStep(LatentDraw z) {
        List<Tensor> grads;
        double value;
        if (Halves.splitsDiscriminatorBatch(z.z1().size(0))) {
            Lanes.Task<Term> even = lanes.fork(() -> gTerm(z.half(0), 0.5));
            Term odd = Lanes.here(() -> gTerm(z.half(1), 0.5));
            Term e = Lanes.adopt(even.join());
            grads = Autograd.sum(e.grads(), odd.grads());
            value = e.value() + odd.value();
        } else {
            Term t = Lanes.here(() -> gTerm(z, 1));
            grads = t.grads();
            value = t.value();
        }
        return new Grads(Autograd.zerosForUndefined(grads, g.parameters()), value);
    }

    /** {@code share · softplus(−D(G(z))).mean()} over this part, and its gradient for G. */
    private Term gTerm(LatentDraw z, double share) {
        Tensor fake = g.synthesize(g.latents(z.styles()), z.noise());
        Tensor loss = Logistic.gLoss(d.forward(fake)).mul(Tensors.s(share));
        return new Term(Scope.keepAlive(Autograd.grad(loss, g.parameters(), null, false)), loss.item_double(), 0);
    }

    /**
     * The lazy path-length step: {@code weight · L_path} with weight = path_regularize · g_reg_every.
     *
     * <p>In a data-parallel job each rank computes the path lengths of its rows of the global path batch; they are
     * gathered, so the penalty and the running mean are those of the whole batch on every rank, and each rank
     * returns the gradient of its rows' share of the global penalty (to be summed over the ranks, not averaged).
     *
     * @param z              this rank's rows of the path batch's latents and noise
     * @param y              this rank's rows of the path-length projection noise {@code [P,3,H,W]} ~ N(0,1)
     * @param globalRows     the rows of the whole path batch, P (z's rows when alone)
     * @param meanPathLength the running mean before this step
     */
    PathStep pathStep(LatentDraw z, Tensor y, double meanPathLength, double weight) {
        return pathStep(z, y, z.z1().size(0), meanPathLength, weight);
    }

    PathStep pathStep(LatentDraw z, Tensor y, long globalRows, double meanPathLength, double weight) {
        boolean split = z.z1().size(0) % 2 == 0;
        List<Tensor> params = g.parameters();
        // Phase 1: path lengths l_n with their graphs (each half stays on its lane).
        Tensor plEven;
        Tensor plOdd = null;
        if (split) {
            Lanes.Task<Tensor> even = lanes.fork(() -> Scope.keepAlive(pathLengths(z.half(0), Halves.half(y, 0))));
            plOdd = Lanes.here(() -> Scope.keepAlive(pathLengths(z.half(1), Halves.half(y, 1))));
            plEven = Lanes.adopt(even.join());
        } else {
            plEven = Lanes.here(() -> Scope.keepAlive(pathLengths(z, y)));
        }
        // The penalty on all l_n (every rank's), and its gradient with respect to each of this rank's l_n.
        Tensor local = split ? Halves.join(plEven.detach(), plOdd.detach()) : plEven.detach();
        Tensor pl = world.gatherRows(local, globalRows).requires_grad_(true);
        PathLength.Result r = PathLength.penalty(pl, meanPathLength, PathLength.DECAY);
        Tensor dl = world.shard().rows(Autograd.grad(r.penalty().mul(Tensors.s(weight)), pl, false)); // [P/N]
        // Phase 2: Σ_n (∂L/∂l_n)·∂l_n/∂θ per half.
        List<Tensor> grads;
        if (split) {
            Tensor evenLengths = plEven;
            Tensor oddLengths = plOdd;
            Lanes.Task<List<Tensor>> even = lanes.fork(() -> Scope.keepAlive(Autograd.grad(evenLengths, params, Halves.half(dl, 0), false)));
            List<Tensor> odd = Lanes.here(() -> Scope.keepAlive(Autograd.grad(oddLengths, params, Halves.half(dl, 1), false)));
            List<Tensor> e = Lanes.adopt(even.join());
            grads = Autograd.sum(e, odd);
        } else {
            grads = Lanes.here(() -> Scope.keepAlive(Autograd.grad(plEven, params, dl, false)));
        }
        // rosinality adds 0 * fake_img[0, 0, 0, 0]: every parameter gets a (possibly zero) gradient.
        return new PathStep(Autograd.zerosForUndefined(grads, params), r.penalty().item_double(),
                pl.mean().item_double(), r.meanPathLength());
    }

    private Tensor pathLengths(LatentDraw z, Tensor y) {
        Tensor latents = g.latents(z.styles()); // [P,L,S], rosinality's return_latents
        Tensor fake = g.synthesize(latents, z.noise());
        return PathLength.lengths(fake, latents, y);
    }
}
