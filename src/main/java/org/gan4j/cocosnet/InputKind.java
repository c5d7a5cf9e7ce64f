package org.gan4j.cocosnet;

import java.util.Locale;
import org.gan4j.Gan4jException;

/**
 * What a CoCosNet model's input map x_A is ({@code --input}): the official datasets' label maps (ade20k, celebahq) or
 * edge maps (celebahqedge). A model is trained on one kind and translates only from it.
 */
public enum InputKind {
    /** One-hot label maps, {@code label_nc} (+ don't-care) channels. */
    LABELS,
    /**
     * Edge maps that gan4j computes from the photos ({@link org.gan4j.data.EdgeMap}: edges and the distance to them,
     * 2 channels), with the released celebahqedge recipe's networks and losses ({@link CocosConfig#forEdges}).
     */
    EDGES;

    /** The word on the command line. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static InputKind parse(String word) {
        for (InputKind k : values()) {
            if (k.word().equals(word)) {
                return k;
            }
        }
        throw new Gan4jException("--input " + word + ": expected labels or edges");
    }
}
