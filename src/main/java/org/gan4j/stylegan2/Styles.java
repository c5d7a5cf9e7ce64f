package org.gan4j.stylegan2;

import java.util.List;
import org.bytedeco.pytorch.Tensor;

/**
 * What a generator is asked to render, as the arguments of rosinality's {@code Generator.forward}: one or two
 * codes in Z ({@link #z}) or W ({@link #w}; a W+ code {@code [N,L,S]} is also accepted), a style-mixing
 * crossover layer ({@code inject_index}), and truncation toward an average latent. Immutable.
 *
 * <pre>{@code
 * g.forward(Styles.z(z).truncate(0.7, latentAvg), NoiseMode.CONST);
 * g.forward(Styles.z(zRows, zCols).mix(4), NoiseMode.CONST);   // layers 0..3 from zRows, 4.. from zCols
 * }</pre>
 *
 * @param codes          one or two {@code [N,S]} codes (or one {@code [N,L,S]} W+ code when in W)
 * @param inputIsLatent  whether the codes are already in W (rosinality's {@code input_is_latent})
 * @param injectIndex    crossover layer for two codes: W+ rows {@code [0, k)} from the first, {@code [k, L)} from
 *                       the second; null = random in [1, L-1] as in training
 * @param psi            truncation ψ (1 = none): {@code w' = w̄ + ψ·(w − w̄)}
 * @param latentAvg      w̄, {@code [S]} or {@code [1,S]}; required when ψ &lt; 1
 */
public record Styles(List<Tensor> codes, boolean inputIsLatent, Integer injectIndex, double psi, Tensor latentAvg) {

    public Styles {
        if (codes.isEmpty() || codes.size() > 2) {
            throw new IllegalArgumentException("one or two style codes, got " + codes.size());
        }
        codes = List.copyOf(codes);
    }

    /** Codes in Z ({@code [N,S]} each), mapped by the generator's mapping network. */
    public static Styles z(Tensor... z) {
        return new Styles(List.of(z), false, null, 1, null);
    }

    /** Codes in W ({@code [N,S]} each) or one W+ code ({@code [N,L,S]}). */
    public static Styles w(Tensor... w) {
        return new Styles(List.of(w), true, null, 1, null);
    }

    /** Style mixing: layers before {@code injectIndex} take the first code, the rest the second. */
    public Styles mix(int injectIndex) {
        return new Styles(codes, inputIsLatent, injectIndex, psi, latentAvg);
    }

    /** Truncation toward {@code latentAvg} with strength ψ (Eq. in StyleGAN Sec. 2 / Appendix B). */
    public Styles truncate(double psi, Tensor latentAvg) {
        return new Styles(codes, inputIsLatent, injectIndex, psi, latentAvg);
    }
}
