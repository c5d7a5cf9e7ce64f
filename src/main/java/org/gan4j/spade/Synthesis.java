package org.gan4j.spade;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.data.LabelMap;
import org.gan4j.data.SemanticInputs;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Resize;
import org.gan4j.torch.Rng;

/**
 * Label map (+ style) → image with a {@link SpadeModel}, at the label map's own size: the map is resized
 * (nearest) to the closest size the generator makes (multiples of 2^n, n = its upsamplings), and the image back
 * to the map's size (bilinear) when they differ.
 */
public final class Synthesis {

    private Synthesis() {}

    /** The generator's input for one label map (and its instance map, or null) at size {@code h × w}. */
    public static Tensor semantics(SpadeModel model, LabelMap labels, LabelMap instances, int h, int w) {
        SpadeNets n = model.nets();
        List<LabelMap> ls = List.of(labels.resized(w, h));
        List<LabelMap> is = null;
        if (n.instance()) {
            // without an instance map the class boundaries are the instance boundaries (each region one instance)
            is = List.of((instances != null ? instances : labels).resized(w, h));
        }
        return SemanticInputs.semantics(ls, is, n.oneHotNc());
    }

    /** The size the generator makes for a label map of {@code len} pixels: the nearest multiple of 2^n, at least 2^n. */
    public static int generatedLength(SpadeModel model, int len) {
        int unit = 1 << model.nets().upsampling().layers;
        return Math.max(unit, (int) Math.round((double) len / unit) * unit);
    }

    /**
     * Images [count,3,H,W] in [−1,1] for one label map with the given style codes z [count,z_dim] (null for a
     * label-map generator: one image).
     */
    public static Tensor synthesize(SpadeModel model, LabelMap labels, LabelMap instances, Tensor z) {
        int h = generatedLength(model, labels.height());
        int w = generatedLength(model, labels.width());
        Tensor m = semantics(model, labels, instances, h, w);
        long count = z == null ? 1 : z.size(0);
        try (NoGrad ng = new NoGrad()) {
            Tensor seg = count == 1 ? m : m.expand(count, -1, -1, -1).contiguous();
            Tensor out = model.synthesize(seg, z);
            if (h != labels.height() || w != labels.width()) {
                out = Resize.bilinear(out, labels.height(), labels.width(), false);
            }
            return out; // tanh, and bilinear interpolation of it, stay in [−1, 1]
        }
    }

    /** Style codes for a style image: μ of q(z|x), then {@code count − 1} samples μ + σ·ε around it. */
    public static Tensor styleCodes(SpadeModel model, Tensor styleImage, int count, Rng rng) {
        ConvEncoder.Posterior q = model.encode(styleImage);
        List<Tensor> zs = new ArrayList<>();
        zs.add(q.mu());
        for (int i = 1; i < count; i++) {
            zs.add(q.sample(rng.randn(1, ConvEncoder.Z_DIM)));
        }
        return torch.cat(new TensorVector(zs.toArray(new Tensor[0])), 0);
    }
}
