package org.gan4j.orojar;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.stylegan2.Generator;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Tensors;

/**
 * SeFa, closed-form factorisation (Shen &amp; Zhou, CVPR 2021; official {@code utils.factorize_weight}): the directions
 * n that a layer y = A·w + b moves most, maximising ‖A n‖² subject to ‖n‖ = 1, are the eigenvectors of AᵀA. For
 * StyleGAN2 A stacks the style-modulation weights of the chosen layers, each output channel's weight vector
 * normalised to unit length; for the dSprites GAN A is the first transposed conv's weight as a map from z
 * (OroJaR's {@code gen_pairs.py --sefa}: the right singular vectors of W, unnormalised).
 */
public final class Sefa {

    private Sefa() {}

    /**
     * The StyleGAN2 directions in W from the modulations of style-conv layers {@code layers} (0 = {@code conv1},
     * l = {@code convs.(l−1)}); with {@code toRgb} also every to_rgb modulation (excluded by default, as the official).
     */
    public static Directions stylegan2(Generator g, List<Integer> layers, boolean toRgb) {
        try (NoGrad ng = new NoGrad()) {
            List<Tensor> rows = new ArrayList<>();
            int convLayers = 1 + g.convs.size();
            for (int l : layers) {
                if (l < 0 || l >= convLayers) {
                    throw new Gan4jException("--layers " + l + " outside the generator's style convs 0–" + (convLayers - 1));
                }
                rows.add(modulation(l == 0 ? g.conv1.conv.modulation.weight : g.convs.get(l - 1).conv.modulation.weight));
            }
            if (toRgb) {
                rows.add(modulation(g.toRgb1.conv.modulation.weight));
                for (var t : g.toRgbs.items()) {
                    rows.add(modulation(t.conv.modulation.weight));
                }
            }
            Tensor a = torch.cat(new TensorVector(rows.toArray(Tensor[]::new)), 0); // [ΣC, S]
            a = a.div(a.norm(new org.bytedeco.pytorch.ScalarOptional(Tensors.s(2.0)), new long[] {1}, true));
            return eigen(a);
        }
    }

    /** The modulation weight [C, S] in double. */
    private static Tensor modulation(Tensor w) {
        return w.detach().to(torch.ScalarType.Double);
    }

    /** The dSprites GAN's directions in z: A = the first layer's weight as [8w·4·4, nz] (no normalisation). */
    public static Directions dcgan(DspritesGenerator g) {
        try (NoGrad ng = new NoGrad()) {
            Tensor w = g.namedParameters().get("layers.0.layers.conv.weight").detach().to(torch.ScalarType.Double);
            return eigen(w.reshape(w.size(0), -1).t()); // [8w·16, nz]
        }
    }

    /** Eigenvectors of AᵀA, largest eigenvalue first, as unit rows with their largest-magnitude entry positive. */
    public static Directions eigen(Tensor a) { // [M, S]
        {
            Tensor ata = a.t().matmul(a); // [S, S], symmetric PSD
            T_TensorTensor_T e = torch.linalg_eigh(ata, "L");
            Tensor values = new Tensor(e.get0()).flip(0);       // descending
            Tensor vectors = new Tensor(e.get1()).flip(1).t();  // rows = directions
            Tensor idx = vectors.abs().argmax(new org.bytedeco.pytorch.LongOptional(1), true); // [S,1]
            Tensor sign = vectors.gather(1, idx).sign();
            sign = torch.where(sign.eq(Tensors.s(0.0)), torch.ones_like(sign), sign);
            Tensor dirs = vectors.mul(sign).to(torch.ScalarType.Float).contiguous();
            float[] vals = Tensors.floats(values.to(torch.ScalarType.Float).contiguous());
            return new Directions(dirs, vals);
        }
    }
}
