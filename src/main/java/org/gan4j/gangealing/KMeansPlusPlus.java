package org.gan4j.gangealing;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.loss.ImageDistance;
import org.gan4j.nn.BilinearDownsample;
import org.gan4j.stylegan2.Generator;
import org.gan4j.stylegan2.NoiseMode;
import org.gan4j.torch.Tensors;

/**
 * K-means++ seeding of the K congealing targets ({@code kmeans_plusplus}): among M generated images — each w's coarse
 * layers (below {@code inject}) over the mean w's fine ones, so images differ by pose and layout only — the first
 * centre is drawn uniformly, each next one with probability ∝ (distance to its nearest centre)², distances by the
 * perceptual loss. Returns the chosen w's {@code [K,S]}.
 */
final class KMeansPlusPlus {

    private KMeansPlusPlus() {}

    static Tensor centroids(Generator g, ImageDistance distance, int k, int m, int inject, BilinearDownsample toStn) {
        Tensor w = WPca.sampleW(g, m); // [M,S]
        Tensor meanW = w.mean(new long[] {0}, true, new org.bytedeco.pytorch.ScalarTypeOptional());
        int batch = 50;
        List<Tensor> fakes = new ArrayList<>();
        for (int i = 0; i < m; i += batch) {
            Tensor wb = w.narrow(0, i, Math.min(batch, m - i));
            fakes.add(coarse(g, wb, meanW, inject, toStn));
        }
        List<Long> chosen = new ArrayList<>();
        chosen.add((long) (Tensors.rand(1).item_double() * m));
        List<Tensor> dists = new ArrayList<>();
        for (int c = 1; c < k; c++) {
            Tensor centre = coarse(g, w.narrow(0, chosen.get(chosen.size() - 1), 1), meanW, inject, toStn);
            TensorVector parts = new TensorVector();
            for (Tensor f : fakes) {
                parts.push_back(distance.distance(centre.expand(f.sizes()), f));
            }
            dists.add(torch.cat(parts, 0));
            Tensor closest = torch.stack(new TensorVector(dists.toArray(new Tensor[0])), 0).amin(new long[] {0}, false);
            Tensor sq = closest.pow(Tensors.s(2));
            Tensor p = sq.div(sq.sum());
            chosen.add(torch.multinomial(p, 1).item_long());
        }
        float[] idx = new float[chosen.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = chosen.get(i);
        }
        return w.index_select(0, Tensors.of(idx, idx.length).to(torch.ScalarType.Long));
    }

    /** G with w on the coarse layers and the mean w above, at the STN's size. */
    private static Tensor coarse(Generator g, Tensor w, Tensor meanW, int inject, BilinearDownsample toStn) {
        Tensor a = w.unsqueeze(1).repeat(1, inject, 1);
        Tensor b = meanW.expand(new long[] {w.size(0), meanW.size(1)}).unsqueeze(1).repeat(1, g.nLatent() - inject, 1);
        Tensor img = g.synthesize(torch.cat(new TensorVector(a, b), 1), NoiseMode.RANDOM);
        return toStn == null ? img : toStn.forward(img);
    }
}
