package org.gan4j.orojar;

import java.util.Locale;
import org.gan4j.Gan4jException;

/** The disentanglement regulariser added to the generator's loss. */
public enum Regulariser {
    /** A plain WGAN-GP. */
    NONE,
    /** OroJaR (Wei et al. 2021): orthogonal Jacobian columns. */
    OROJAR,
    /** The Hessian Penalty (Peebles et al. 2020): a diagonal Hessian. */
    HESSIAN;

    /** The official scripts' λ for the dSprites GAN (w = 64): OroJaR 1e-11 ({@code dsprites_train_orojar.sh}), HP 1e-3. */
    public double officialLambda() {
        return switch (this) {
            case NONE -> 0;
            case OROJAR -> 1e-11;
            case HESSIAN -> 1e-3;
        };
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code orojar}, {@code hessian} (or the official {@code hp}), {@code none}. */
    public static Regulariser parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "orojar" -> OROJAR;
            case "hessian", "hp" -> HESSIAN;
            case "none" -> NONE;
            default -> throw new Gan4jException("--reg must be orojar, hessian or none, got '" + s + "'");
        };
    }
}
