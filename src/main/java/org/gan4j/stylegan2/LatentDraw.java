package org.gan4j.stylegan2;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.Rng;
import org.gan4j.torch.dist.Shard;
import org.gan4j.torch.Tensors;

/**
 * The random inputs of one generator pass in training, drawn from one seeded generator, as rosinality's
 * {@code mixing_noise} and its generator's random choices: with probability {@code mixing} two z and a crossover
 * layer k ∈ [1, L−1], else one z; and fresh per-layer noise maps ({@code randomize_noise=True}).
 *
 * @param z1          {@code [N,S]}
 * @param z2          {@code [N,S]}, or null without mixing
 * @param injectIndex the crossover k (W+ rows [0, k) from z1), or L without mixing
 * @param noise       {@code numLayers} maps {@code [N,1,r,r]}
 */
record LatentDraw(Tensor z1, Tensor z2, int injectIndex, List<Tensor> noise) {

    /** Draws a batch of {@code n}: the mixing coin, then z (one or two), then k, then the noise maps. */
    static LatentDraw draw(Rng g, int n, Stylegan2Config c, double mixing) {
        // DEVIATION: the mixing coin and crossover come from the step's seeded libtorch generator (rosinality: Python's
        // random), so that a step's draws depend only on (seed, iteration).
        boolean mix = mixing > 0 && g.uniform() < mixing;
        int nl = c.nLatent();
        Tensor z1;
        Tensor z2 = null;
        int k = nl;
        if (mix) {
            Tensor z = g.randn(2, n, c.styleDim()); // as Tensors.randn(2, B, S).unbind(0)
            z1 = z.select(0, 0);
            z2 = z.select(0, 1);
            // random.randint(1, n_latent - 1): both ends included
            k = 1 + (int) Math.min(nl - 2, Math.floor(g.uniform() * (nl - 1)));
        } else {
            z1 = g.randn(n, c.styleDim());
        }
        List<Tensor> noise = new ArrayList<>();
        for (int i = 0; i < c.numLayers(); i++) {
            int res = 1 << ((i + 5) / 2);
            noise.add(g.randn(n, 1, res, res));
        }
        return new LatentDraw(z1, z2, k, noise);
    }

    /** The styles for {@link Generator#latents}: one z, or two mixed at k. */
    Styles styles() {
        return z2 == null ? Styles.z(z1) : Styles.z(z1, z2).mix(injectIndex);
    }

    /** This rank's rows of a global draw (the draw itself for one process): the mixing coin and k are shared. */
    LatentDraw shard(Shard s) {
        if (s.whole()) {
            return this;
        }
        List<Tensor> ns = new ArrayList<>();
        noise.forEach(t -> ns.add(s.rows(t)));
        return new LatentDraw(s.rows(z1), z2 == null ? null : s.rows(z2), injectIndex, ns);
    }

    /** The samples {@code part} (0: even rows, 1: odd rows) of every tensor. */
    LatentDraw half(int part) {
        List<Tensor> ns = new ArrayList<>();
        noise.forEach(t -> ns.add(Halves.half(t, part)));
        return new LatentDraw(Halves.half(z1, part), z2 == null ? null : Halves.half(z2, part), injectIndex, ns);
    }
}
