package org.gan4j.singan.consingan;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Rng;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;

/**
 * ConSinGAN's animation (official functions.generate_gif): a random walk of every stage's noise with momentum β,
 * pulled towards the fixed noise z_opt by α, stages below the start stage held at z_opt:
 * <pre>
 *   z⁽⁻¹⁾ = 0.99·z_opt + 0.01·z,   z⁽⁻²⁾ = z_opt
 *   Δ = β·(z⁽ᵗ⁻¹⁾ − z⁽ᵗ⁻²⁾) + (1 − β)·z,   z⁽ᵗ⁾ = α·z_opt + (1 − α)·(z⁽ᵗ⁻¹⁾ + Δ),   frame t = G(z⁽ᵗ⁾)
 * </pre>
 * with fresh z (the official sample_random_noise) at every step; one generator pass per frame.
 */
public final class Animation {

    private Animation() {}

    /** The frames, [F,3,H,W] at the training size; repeatable for a seed. */
    public static Tensor frames(ConSinGANModel m, org.gan4j.singan.Animation.Walk walk, long seed) {
        if (walk.startScale() < 0 || walk.startScale() > m.finest()) {
            throw new Gan4jException("--start-scale must be between 0 and " + m.finest() + " (the model's finest stage), got "
                    + walk.startScale());
        }
        Rng rng = Rng.seeded(seed);
        List<Tensor> fixed = m.fixedNoise();
        int n = fixed.size();
        List<Tensor> frames = new ArrayList<>();
        Tensor out;
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            List<Tensor> z = draw(m, rng);
            List<Tensor> prev1 = new ArrayList<>();
            List<Tensor> prev2 = new ArrayList<>(fixed);
            for (int i = 0; i < n; i++) {
                prev1.add(fixed.get(i).mul(Tensors.s(0.99)).add(z.get(i).mul(Tensors.s(0.01))));
            }
            for (int t = 0; t < walk.frames(); t++) {
                z = draw(m, rng);
                List<Tensor> cur = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    Tensor diff = prev1.get(i).sub(prev2.get(i)).mul(Tensors.s(walk.beta()))
                            .add(z.get(i).mul(Tensors.s(1 - walk.beta())));
                    Tensor zi = fixed.get(i).mul(Tensors.s(walk.alpha()))
                            .add(prev1.get(i).add(diff).mul(Tensors.s(1 - walk.alpha())));
                    cur.add(i < walk.startScale() ? fixed.get(i) : zi);
                }
                prev2 = prev1;
                prev1 = cur;
                frames.add(m.generator().forward(cur, m.heights(), m.widths(), m.noiseAmp()));
            }
            out = Scope.keepAlive(torch.cat(new TensorVector(frames.toArray(new Tensor[0])), 0));
        }
        return Scope.adopt(out);
    }

    private static List<Tensor> draw(ConSinGANModel m, Rng rng) {
        return Sampling.noise(m.config(), rng, m.finest(), m.heights(), m.widths(), 1);
    }
}
