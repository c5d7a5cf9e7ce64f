package org.gan4j.data;

import java.util.List;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.gan4j.torch.Engine;
import org.gan4j.torch.Tensors;

/**
 * Label and instance maps as the generator's input, as SPADE's {@code Pix2PixModel.preprocess_input}: class ids
 * {@code [N,H,W]} int64 → one-hot {@code [N,C,H,W]} float32 ({@code C = labelNc}, plus one with don't-care),
 * followed, when instance maps are used, by their edge map {@code [N,1,H,W]} ({@code get_edges}).
 *
 * <p>Ids are checked in Java before {@code scatter_}, which would otherwise fail (or write out of bounds) in
 * native code. Like the {@code torch} helpers, these methods leave their tensors to the caller's {@code Scope}.
 */
public final class SemanticInputs {

    private SemanticInputs() {}

    /**
     * The one-hot maps of {@code labels} with their instance edges after them: {@code [N, channels (+1), H, W]}
     * float32, the input SPADE's generator and discriminator take.
     *
     * @param instances the pairs' instance maps, or null for none ({@code --no_instance})
     */
    public static Tensor semantics(List<LabelMap> labels, List<LabelMap> instances, int channels) {
        Tensor oneHot = oneHot(labels(labels, channels), channels);
        if (instances == null) {
            return oneHot;
        }
        if (instances.size() != labels.size()) {
            throw new IllegalArgumentException("semantics: " + labels.size() + " label maps but " + instances.size()
                    + " instance maps");
        }
        return torch.cat(new TensorVector(oneHot, edges(ids(instances, "instances"))), 1);
    }

    /** The ids of {@code maps} (all one size) as {@code [N,H,W]} int64, each checked to lie in [0, channels). */
    public static Tensor labels(List<LabelMap> maps, int channels) {
        for (int k = 0; k < maps.size(); k++) {
            LabelMap m = maps.get(k);
            int[] ids = m.ids();
            for (int i = 0; i < ids.length; i++) {
                if (ids[i] < 0 || ids[i] >= channels) {
                    throw new IllegalArgumentException("label map " + k + ": id " + ids[i] + " at (x=" + i % m.width()
                            + ", y=" + i / m.width() + ") is outside 0.." + (channels - 1) + " (" + channels
                            + " channels); check label files with LabelCoding.read");
                }
            }
        }
        Tensor t = ids(maps, "labels");
        return t.view(t.size(0), t.size(2), t.size(3));
    }

    /** The ids of {@code maps} (all one size) as {@code [N,1,H,W]} int64, unchecked (instance ids are any ints). */
    public static Tensor ids(List<LabelMap> maps, String what) {
        if (maps.isEmpty()) {
            throw new IllegalArgumentException(what + ": expected at least one map, got none");
        }
        int w = maps.get(0).width();
        int h = maps.get(0).height();
        long[] data = new long[maps.size() * w * h];
        for (int k = 0; k < maps.size(); k++) {
            LabelMap m = maps.get(k);
            if (m.width() != w || m.height() != h) {
                throw new IllegalArgumentException(what + ": map " + k + " is " + m.width() + "x" + m.height()
                        + " but map 0 is " + w + "x" + h + "; resize them to one size first");
            }
            int[] ids = m.ids();
            for (int i = 0; i < ids.length; i++) {
                data[k * w * h + i] = ids[i];
            }
        }
        Engine.init();
        return Tensors.of(data, maps.size(), 1, h, w);
    }

    /**
     * One-hot maps {@code [N,channels,H,W]} float32 of int64 ids {@code [N,H,W]} or {@code [N,1,H,W]}:
     * {@code zeros(N,C,H,W).scatter_(1, labels, 1.0)}. Ids outside [0, channels) are refused before scattering.
     */
    public static Tensor oneHot(Tensor labels, int channels) {
        long[] s = labels.shape();
        if (!(s.length == 3 || (s.length == 4 && s[1] == 1)) || labels.scalar_type().intern() != ScalarType.Long) {
            throw new IllegalArgumentException("oneHot: expected int64 [N,H,W] or [N,1,H,W], got "
                    + labels.scalar_type().intern() + " " + Tensors.shapeString(labels));
        }
        Tensor idx = s.length == 3 ? labels.unsqueeze(1) : labels;
        if (idx.numel() > 0) {
            long min = idx.amin().item_long();
            long max = idx.amax().item_long();
            if (min < 0 || max >= channels) {
                throw new IllegalArgumentException("oneHot: label ids range over " + min + ".." + max + " but "
                        + channels + " channels take 0.." + (channels - 1));
            }
        }
        long[] shape = idx.shape();
        Tensor out = Tensors.zeros(shape[0], channels, shape[2], shape[3]);
        out.scatter_(1, idx, new Scalar(1.0));
        return out;
    }

    /**
     * SPADE's {@code get_edges}: {@code [N,1,H,W]} float32, 1 where a pixel's instance id differs from its left,
     * right, upper or lower neighbour, else 0. Takes {@code [N,1,H,W]} or {@code [N,H,W]} ids of any integer type.
     */
    public static Tensor edges(Tensor instances) {
        long[] s = instances.shape();
        if (!(s.length == 3 || (s.length == 4 && s[1] == 1))) {
            throw new IllegalArgumentException("edges: expected [N,1,H,W] or [N,H,W], got "
                    + Tensors.shapeString(instances));
        }
        Tensor t = s.length == 3 ? instances.unsqueeze(1) : instances;
        long h = t.size(2);
        long w = t.size(3);
        Tensor edge = Tensors.zeros(ScalarType.Bool, t.shape());
        Tensor horizontal = t.narrow(3, 1, w - 1).ne(t.narrow(3, 0, w - 1));
        edge.narrow(3, 1, w - 1).logical_or_(horizontal);
        edge.narrow(3, 0, w - 1).logical_or_(horizontal);
        Tensor vertical = t.narrow(2, 1, h - 1).ne(t.narrow(2, 0, h - 1));
        edge.narrow(2, 1, h - 1).logical_or_(vertical);
        edge.narrow(2, 0, h - 1).logical_or_(vertical);
        return edge.to(ScalarType.Float);
    }
}
