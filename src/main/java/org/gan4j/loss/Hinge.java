package org.gan4j.loss;

import java.util.List;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The hinge GAN loss (Lim and Ye 2017, "Geometric GAN"; Miyato et al. 2018) as SPADE's {@code GANLoss} with
 * {@code gan_mode='hinge'} (Park et al. 2019, "Semantic Image Synthesis with Spatially-Adaptive Normalization"),
 * over a multiscale discriminator's outputs: for K discriminators with prediction maps D_k,
 * <pre>
 *   L_D,real = (1/K) Σ_k −mean( min(D_k(x) − 1, 0) )            = (1/K) Σ_k mean( max(0, 1 − D_k(x)) )
 *   L_D,fake = (1/K) Σ_k −mean( min(−D_k(G(s)) − 1, 0) )        = (1/K) Σ_k mean( max(0, 1 + D_k(G(s))) )
 *   L_G      = (1/K) Σ_k −mean( D_k(G(s)) )
 * </pre>
 * Each mean runs over every element of D_k's map, batch included, so maps of different sizes (the
 * discriminator at half resolution has a smaller one) weigh the same. The official code averages one
 * discriminator's loss per sample ({@code mean(loss.view(bs, −1), dim=1)}), but its loss is already a scalar
 * there ({@code bs = 1}), so nothing is left per sample: each term is one number, of shape [1] in the official
 * code (which the trainer's {@code sum(losses.values()).mean()} turns into a scalar) and a 0-dim scalar here.
 *
 * <p>Inputs are what SPADE's {@code MultiscaleDiscriminator} returns: a list over discriminators of lists of
 * outputs whose last element is the prediction; the intermediate features before it are ignored here (they are
 * {@link FeatureMatching}'s).
 */
public final class Hinge {

    private Hinge() {}

    /**
     * The discriminator's two terms, as SPADE's {@code D_real} and {@code D_Fake}; the discriminator minimises
     * their sum.
     */
    public record DTerms(Tensor real, Tensor fake) {

        /** {@code real + fake}, the discriminator's loss. */
        public Tensor sum() {
            return real.add(fake);
        }
    }

    /**
     * L_D,real and L_D,fake.
     *
     * @param predReal per discriminator, its outputs on real images (last = the prediction map)
     * @param predFake per discriminator, its outputs on generated images (last = the prediction map)
     */
    public static DTerms discriminator(List<List<Tensor>> predReal, List<List<Tensor>> predFake) {
        return new DTerms(averaged(predReal, Hinge::realTerm), averaged(predFake, Hinge::fakeTerm));
    }

    /** L_G = (1/K) Σ_k −mean(D_k(G(s))), with a graph to the generated images. */
    public static Tensor generator(List<List<Tensor>> predFake) {
        return averaged(predFake, pred -> pred.mean().neg());
    }

    /** One discriminator's real term: −mean(min(pred − 1, 0)). */
    static Tensor realTerm(Tensor pred) {
        // torch.minimum as the official torch.min(a, b): at a tie (pred = 1) the gradient is split in half,
        // where clamp or relu would pass all or none of it.
        return torch.minimum(pred.sub(new Scalar(1.0)), torch.zeros_like(pred)).mean().neg();
    }

    /** One discriminator's fake term: −mean(min(−pred − 1, 0)). */
    static Tensor fakeTerm(Tensor pred) {
        return torch.minimum(pred.neg().sub(new Scalar(1.0)), torch.zeros_like(pred)).mean().neg();
    }

    /** (1/K) Σ_k term(last output of discriminator k), summed in the discriminators' order as the official. */
    private static Tensor averaged(List<List<Tensor>> outputs, UnaryOperator<Tensor> term) {
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("no discriminator outputs");
        }
        Tensor sum = null;
        for (List<Tensor> perD : outputs) {
            Tensor t = term.apply(perD.get(perD.size() - 1));
            sum = sum == null ? t : sum.add(t);
        }
        return sum.div(new Scalar(outputs.size()));
    }
}
