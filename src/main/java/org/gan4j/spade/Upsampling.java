package org.gan4j.spade;

/**
 * The official {@code num_upsampling_layers}: how many ×2 nearest upsamplings the generator makes from its start
 * grid to the output, which sets the grid (crop_size / 2^n) and so the receptive field per output pixel.
 */
public enum Upsampling {
    /** 5 upsamplings (the default). */
    NORMAL(5),
    /** 6: an extra upsampling between the two middle blocks (the official Flickr/COCO 512 px models). */
    MORE(6),
    /** 7: also a last block {@code up_4} (ngf → ngf/2) at full resolution. */
    MOST(7);

    /** Number of ×2 upsamplings n; the output is 2^n × the start grid. */
    public final int layers;

    Upsampling(int layers) {
        this.layers = layers;
    }

    /** The official option word. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Upsampling parse(String word) {
        for (Upsampling u : values()) {
            if (u.word().equals(word)) {
                return u;
            }
        }
        throw new org.gan4j.Gan4jException("--num-upsampling-layers " + word + " is not one of normal, more, most");
    }
}
