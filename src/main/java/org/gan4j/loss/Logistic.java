package org.gan4j.loss;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The non-saturating logistic GAN loss (Goodfellow et al. 2014; StyleGAN's default), as rosinality's
 * {@code d_logistic_loss} and {@code g_nonsaturating_loss}, with softplus(x) = log(1 + eˣ):
 * <pre>
 *   L_D = E[softplus(−D(x))] + E[softplus(D(G(z)))]      = −E[log σ(D(x))] − E[log(1 − σ(D(G(z))))]
 *   L_G = E[softplus(−D(G(z)))]                          = −E[log σ(D(G(z)))]
 * </pre>
 */
public final class Logistic {

    private Logistic() {}

    /** The discriminator's loss, {@code softplus(−real).mean() + softplus(fake).mean()}. */
    public static Tensor dLoss(Tensor realPred, Tensor fakePred) { // [N,1], [M,1] -> []
        return dRealTerm(realPred).add(dFakeTerm(fakePred));
    }

    /** The real half of {@link #dLoss}: {@code softplus(−D(x)).mean()}. */
    public static Tensor dRealTerm(Tensor realPred) {
        return torch.softplus(realPred.neg()).mean();
    }

    /** The fake half of {@link #dLoss}: {@code softplus(D(G(z))).mean()}. */
    public static Tensor dFakeTerm(Tensor fakePred) {
        return torch.softplus(fakePred).mean();
    }

    /** The generator's non-saturating loss, {@code softplus(−fake).mean()}. */
    public static Tensor gLoss(Tensor fakePred) { // [N,1] -> []
        return torch.softplus(fakePred.neg()).mean();
    }
}
