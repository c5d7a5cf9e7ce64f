package org.gan4j.stylegan2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.data.Batches;
import org.gan4j.loss.Logistic;
import org.gan4j.loss.PathLength;
import org.gan4j.loss.R1;
import org.gan4j.torch.Autograd;
import org.gan4j.torch.Lanes;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Rng;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.junit.jupiter.api.Test;

/**
 * The split step (halves, two phases for the path length) gives the gradients of rosinality's whole-batch
 * formulas, computed here directly on the whole batch with one backward each.
 */
class StepPartsTest {

    /**
     * Halves against the whole batch: the same float32 ops, but convs of 4 against 8 samples and sums split in two,
     * so the order of the sums differs. Largest error: 6.1e-7 of the largest gradient (3.3e-7 native, 6.1e-7
     * avx2, 5.1e-7 default kernel set); bound 10x.
     */
    static final double REL = 6e-6;

    @Test
    void splitStepsGiveTheWholeBatchGradients() {
        Stylegan2Config c = TinyTraining.config(1, 5);
        Seeds.seed(5);
        Generator g = new Generator(c);
        Discriminator d = new Discriminator(c);
        try (Scope s = new Scope(); Lanes lanes = new Lanes(2, 1)) {
            StepParts parts = new StepParts(c, g, d, lanes);
            Tensor real = new Batches(TinyTraining.DATA, 8, 5, true).batch(0);
            Rng gen = Rng.seeded(9);

            // D step: softplus(-D(x)) + softplus(D(G(z))), G frozen.
            LatentDraw dz = LatentDraw.draw(gen, 8, c, 1.0);
            StepParts.DStep ds = parts.discriminatorStep(real, dz);
            Tensor fake;
            try (NoGrad ng = new NoGrad()) {
                fake = g.synthesize(g.latents(dz.styles()), dz.noise());
            }
            Tensor dLoss = Logistic.dLoss(d.forward(real), d.forward(fake));
            assertThat(ds.loss()).isCloseTo(dLoss.item_double(), org.assertj.core.api.Assertions.within(REL * dLoss.item_double()));
            assertClose(ds.grads(), Autograd.grad(dLoss, d.parameters(), null, false), "D step");

            // R1 with weight γ/2·16, parity halves of 8 = two groups of 4 each.
            StepParts.Grads r1 = parts.r1Step(real, 5 * 16);
            Tensor x = real.detach().clone().requires_grad_(true);
            Tensor r1Whole = R1.penalty(d.forward(x), x);
            assertThat(r1.value()).isCloseTo(r1Whole.item_double(), org.assertj.core.api.Assertions.within(REL * r1.value()));
            assertClose(r1.grads(), Autograd.grad(r1Whole.mul(new Scalar(5 * 16)), d.parameters(), null, false), "R1");

            // G step with style mixing.
            LatentDraw gz = LatentDraw.draw(gen, 8, c, 1.0);
            assertThat(gz.z2()).isNotNull();
            StepParts.Grads gs = parts.generatorStep(gz);
            Tensor gLoss = Logistic.gLoss(d.forward(g.synthesize(g.latents(gz.styles()), gz.noise())));
            assertClose(gs.grads(), Autograd.grad(gLoss, g.parameters(), null, false), "G step");

            // Path length on 4 samples: two phases per half vs one graph through rosinality's g_path_regularize.
            LatentDraw pz = LatentDraw.draw(gen, 4, c, 1.0);
            Tensor y = gen.randn(4, 3, 16, 16);
            StepParts.PathStep ps = parts.pathStep(pz, y, 0.3, 2 * 4);
            Tensor latents = g.latents(pz.styles());
            PathLength.Result whole = PathLength.regularize(g.synthesize(latents, pz.noise()), latents, y, 0.3);
            assertThat(ps.meanPathLength()).isCloseTo(whole.meanPathLength(), org.assertj.core.api.Assertions.within(REL * whole.meanPathLength()));
            assertClose(ps.grads(), Autograd.grad(whole.penalty().mul(new Scalar(8)), g.parameters(), null, false), "path");
        }
    }

    /** Every gradient within {@link #REL} of the largest reference value (undefined references count as zeros). */
    private static void assertClose(List<Tensor> got, List<Tensor> ref, String what) {
        assertThat(got).hasSameSizeAs(ref);
        double scale = 0;
        for (Tensor r : ref) {
            if (r.defined()) {
                scale = Math.max(scale, r.abs().max().item_double());
            }
        }
        assertThat(scale).as(what + " gradients are non-zero").isPositive();
        for (int i = 0; i < got.size(); i++) {
            Tensor r = ref.get(i).defined() ? ref.get(i) : torch.zeros_like(got.get(i));
            double err = got.get(i).sub(r).abs().max().item_double();
            assertThat(err).as(what + " parameter " + i).isLessThanOrEqualTo(REL * scale);
        }
    }
}
