package org.gan4j.cocosnet;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.gan4j.Gan4jException;

/**
 * The four models microsoft/CoCosNet released, by the name of their {@code checkpoints/<name>/} folder: the flags of
 * their test commands (the official README) and their datasets' classes. What a model's weights show (attention,
 * mask mixing, adaptor kernel, PONO) is checked against these on import; the rest (PONO-C, bilinear warp, warped
 * mask, cycle warp) is taken from here.
 */
public enum CocosRelease {

    /**
     * ADE20K scenes: 150 classes + don't-care. (The second released ade20k model, epoch 90, was trained with
     * {@code --noise_for_mask}: its official test matches the exemplar without its labels, feeding noise in their place.
     * DEVIATION: gan4j has no such mode; it imports with these flags and is given the exemplar's labels.)
     */
    ADE20K("ade20k", 150, true, null),
    /** CelebAMask-HQ faces from masks: 19 classes. */
    CELEBAHQ("celebahq", 19, false, null),
    /** CelebA-HQ faces from edges: 15 channels of edges and distance maps. */
    CELEBAHQEDGE("celebahqedge", 15, false, null),
    /**
     * DeepFashion people from poses: 20 channels. Its test command also has {@code --video_like} and
     * {@code --no_flip}, which only choose the dataset's exemplars.
     */
    DEEPFASHION("deepfashion", 20, false, "--warp_patch (it warps 4x4 patches of the exemplar instead of their mean"
            + " colours)");

    /** The name on the command line and of the official checkpoint folder. */
    public final String word;
    /** The dataset's {@code label_nc}. */
    public final int labelNc;
    /** The dataset's {@code contain_dontcare_label}. */
    public final boolean dontcare;
    /** A flag of the model that gan4j's networks do not implement, or null. */
    public final String unsupported;

    CocosRelease(String word, int labelNc, boolean dontcare, String unsupported) {
        this.word = word;
        this.labelNc = labelNc;
        this.dontcare = dontcare;
        this.unsupported = unsupported;
    }

    /** The released model's network flags at {@code semanticNc} input channels (ngf 64, 256 px). */
    public CocosNets nets(int semanticNc) {
        return switch (this) {
            case ADE20K -> CocosNets.ade20k(semanticNc);
            case CELEBAHQ -> CocosNets.celebahq(semanticNc);
            case CELEBAHQEDGE -> CocosNets.celebahqEdge(semanticNc);
            case DEEPFASHION -> throw unsupportedError();
        };
    }

    /** The one-line error for a release that needs a flag gan4j does not implement. */
    public Gan4jException unsupportedError() {
        return new Gan4jException("--config " + word + ": the released " + word + " model needs " + unsupported
                + ", which gan4j's CoCosNet does not implement");
    }

    /** The import flags of the released model's classes, e.g. {@code --label-nc 150 --dontcare}. */
    public String labelFlags() {
        return "--label-nc " + labelNc + (dontcare ? " --dontcare" : "");
    }

    public static CocosRelease parse(String text) {
        for (CocosRelease r : values()) {
            if (r.word.equals(text.toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new Gan4jException("--config " + text + " is not one of "
                + Arrays.stream(values()).map(r -> r.word).collect(Collectors.joining(", ")));
    }
}
