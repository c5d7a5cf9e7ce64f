package org.gan4j.mystyle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.loss.ImageDistance;
import org.gan4j.nn.Adam;
import org.gan4j.stylegan2.Generator;
import org.gan4j.stylegan2.NoiseMode;
import org.gan4j.torch.Autograd;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Shapes;
import org.gan4j.torch.Tensors;
import org.gan4j.train.Progress;

/**
 * Projection into the personal space P_β (the official {@code alpha_projector.py}): α ∈ R^N initialised to 1/N and,
 * in W+ mode, per-layer offsets δ ∈ R^{L×N} (initialised to 0); α⁺_l = α + δ_l, constrained by the soft clamp and
 * row normalisation ({@link PersonalSpace#constrain}), w⁺_l = α̂_l·A, and
 * <pre>
 *   L = d(deg(G(w⁺)), y) + λ_L2·MSE(deg(G(w⁺)), y) + λ_δ·Σ_{l&lt;12} ‖δ_l‖ + λ_Σ·mean_l (Σ_i α⁺_{l,i} − 1)²
 * </pre>
 * (λ_L2 = 1, λ_δ = λ_Σ = 10), Adam (0.9, 0.999) at 5e-3 for 1000 steps, the generator's constant noise; with
 * MyStyle++'s fixed attributes, + {@link AttributeTerm} (enhancement with attributes set).
 */
public final class AlphaProjector {

    /**
     * The settings, the official {@code hyperparams.py} in {@link #defaults()}.
     *
     * @param steps       Adam steps (1000)
     * @param lr          Adam's learning rate (5e-3)
     * @param l2Weight    λ_L2, the pixel MSE's weight (1)
     * @param deltaWeight λ_δ, the weight of the offsets' norms (10)
     * @param deltaLayers the first this many W+ layers have their offsets regularised (12)
     * @param sumWeight   λ_Σ, the weight of the sum-to-one penalty (10)
     * @param beta        the dilation β of the soft clamp (0.03), or null for no clamp
     * @param wPlus       optimise per-layer offsets δ (the official default {@code --is_wplus True})
     * @param attributes  MyStyle++'s attribute term, or null
     */
    public record Options(int steps, double lr, double l2Weight, double deltaWeight, int deltaLayers, double sumWeight,
            Double beta, boolean wPlus, AttributeTerm attributes) {

        public Options {
            if (steps < 1) {
                throw new Gan4jException("--steps must be at least 1, got " + steps);
            }
            if (beta != null && !(beta >= 0)) {
                throw new Gan4jException("--beta must be at least 0, got " + beta);
            }
        }

        public static Options defaults() {
            return new Options(1000, 5e-3, 1, 10, 12, 10, PersonalSpace.DEFAULT_BETA, true, null);
        }

        public Options withSteps(int v) {
            return new Options(v, lr, l2Weight, deltaWeight, deltaLayers, sumWeight, beta, wPlus, attributes);
        }

        public Options withBeta(Double v) {
            return new Options(steps, lr, l2Weight, deltaWeight, deltaLayers, sumWeight, v, wPlus, attributes);
        }

        public Options withL2Weight(double v) {
            return new Options(steps, lr, v, deltaWeight, deltaLayers, sumWeight, beta, wPlus, attributes);
        }

        public Options withAttributes(AttributeTerm v) {
            return new Options(steps, lr, l2Weight, deltaWeight, deltaLayers, sumWeight, beta, wPlus, v);
        }
    }

    /**
     * A projection.
     *
     * @param alphas    the constrained per-layer α̂, {@code [L,N]}
     * @param wPlus     α̂·A, {@code [1,L,S]}
     * @param image     G(w⁺), {@code [1,3,H,W]}
     * @param startLoss the reconstruction loss before optimising
     * @param loss      the reconstruction loss at the end
     */
    public record Result(Tensor alphas, Tensor wPlus, Tensor image, double startLoss, double loss) {}

    private AlphaProjector() {}

    /**
     * Projects {@code target} (already degraded: {@code deg(x)}, in [−1, 1]) into the span of {@code anchors}
     * ({@code [N,S]}) with {@code g}'s constant noise.
     */
    public static Result project(Generator g, Tensor anchors, Tensor target, Degradation deg, ImageDistance distance,
            Options o, Progress progress) {
        Shapes.check(anchors, "anchors", -1, g.styleDim());
        int n = (int) anchors.size(0);
        int layers = g.nLatent();
        Tensor alpha = Scope.keepAlive(Tensors.ones(n, 1).div(Tensors.s(n)).requires_grad_(true)); // [N,1]
        Tensor deltas = Scope.keepAlive(Tensors.zeros(layers, n).requires_grad_(o.wPlus())); // [L,N]
        List<Tensor> params = new ArrayList<>();
        params.add(alpha);
        if (o.wPlus()) {
            params.add(deltas);
        }
        Adam opt = new Adam(params, o.lr(), 0.9, 0.999);
        double start;
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            start = reconstruction(g, latent(alpha, deltas, anchors, o), target, deg, distance, o).item_double();
        }
        progress.beginStage("projection into P_beta", o.steps(), 0);
        for (int i = 0; i < o.steps(); i++) {
            try (Scope s = new Scope()) {
                Tensor w = latent(alpha, deltas, anchors, o);
                Tensor rec = reconstruction(g, w, target, deg, distance, o);
                Tensor reg = regularization(alpha, deltas, o);
                Tensor attr = o.attributes() == null ? null : o.attributes().loss(w);
                Tensor loss = attr == null ? rec.add(reg) : rec.add(reg).add(attr);
                opt.step(Autograd.zerosForUndefined(Autograd.grad(loss, params, null, false), params));
                Map<String, Double> shown = new LinkedHashMap<>();
                shown.put("reconstruction", rec.item_double());
                shown.put("regularization", reg.item_double());
                if (attr != null) {
                    shown.put("attributes", attr.item_double());
                }
                progress.update(i + 1, shown);
            }
        }
        progress.endStage();
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            Tensor alphas = PersonalSpace.constrain(alphaPlus(alpha, deltas), o.beta()); // [L,N]
            Tensor w = PersonalSpace.latents(alphas, anchors).unsqueeze(0); // [1,L,S]
            Tensor img = g.synthesize(w, NoiseMode.CONST);
            double loss = lossOf(img, target, deg, distance, o).item_double();
            return new Result(Scope.keepAlive(alphas.detach().clone()), Scope.keepAlive(w.detach().clone()),
                    Scope.keepAlive(img), start, loss);
        }
    }

    /** α⁺ = αᵀ + δ. */
    static Tensor alphaPlus(Tensor alpha, Tensor deltas) { // [N,1], [L,N] -> [L,N]
        return alpha.t().add(deltas);
    }

    private static Tensor latent(Tensor alpha, Tensor deltas, Tensor anchors, Options o) { // -> [1,L,S]
        return PersonalSpace.latents(PersonalSpace.constrain(alphaPlus(alpha, deltas), o.beta()), anchors).unsqueeze(0);
    }

    private static Tensor reconstruction(Generator g, Tensor w, Tensor target, Degradation deg, ImageDistance distance,
            Options o) {
        return lossOf(g.synthesize(w, NoiseMode.CONST), target, deg, distance, o);
    }

    /** d(deg(G), y) + λ_L2·MSE(deg(G), y), the official {@code reconstruction_loss}. */
    private static Tensor lossOf(Tensor synth, Tensor target, Degradation deg, ImageDistance distance, Options o) {
        Tensor degraded = deg.apply(synth);
        Tensor d = distance.distance(degraded, target).sum();
        return d.add(torch.mse_loss(degraded, target).mul(Tensors.s(o.l2Weight())));
    }

    /** λ_δ·Σ_{l<12} ‖δ_l‖ + λ_Σ·mean_l (Σ_i α⁺_{l,i} − 1)², the official {@code regularization_loss}. */
    static Tensor regularization(Tensor alpha, Tensor deltas, Options o) {
        int reg = (int) Math.min(o.deltaLayers(), deltas.size(0));
        Tensor dl = deltas.narrow(0, 0, reg).pow(Tensors.s(2)).sum(new long[] {1}, false, new ScalarTypeOptional())
                .add(Tensors.s(1e-20)).sqrt().sum(); // the norm's gradient at δ = 0 is taken as 0 rather than NaN
        Tensor sums = alphaPlus(alpha, deltas).sum(new long[] {1}, false, new ScalarTypeOptional()); // [L]
        Tensor sumTerm = sums.sub(Tensors.s(1)).pow(Tensors.s(2)).mean();
        return dl.mul(Tensors.s(o.deltaWeight())).add(sumTerm.mul(Tensors.s(o.sumWeight())));
    }
}
