package org.gan4j.singan.consingan;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.gan4j.Gan4jException;

/**
 * The official {@code --train_mode}: what the coarsest stage's input is and how the generator pads.
 * <pre>
 *   mode           z_opt at stage 0        input at stage 0 while training      padding    pyramid
 *   generation     x_0                     N(0,1)                               noise+2L   more stages low
 *   retarget       x_0                     N(0,1)                               zero pad   more stages low
 *   animation      N(0,1)                  N(0,1)                               noise+2L   more stages low
 *   harmonization  x_0                     augment(x_0)                         zero pad   uniform
 *   editing        x_0 + 0.1·N(0,1)        shuffle_grid(x_0) + 0.1·N(0,1)       zero pad   more stages low
 * </pre>
 * Fine-tuning (harmonization, editing) replaces augment(x_0) / shuffle_grid(x_0) by the naive image itself.
 */
public enum TrainMode {
    GENERATION("generation"),
    RETARGET("retarget"),
    ANIMATION("animation"),
    HARMONIZATION("harmonization"),
    EDITING("editing");

    /** The official noise_scaling of editing: the weight of the noise added to the image at stage 0. */
    public static final double EDITING_NOISE = 0.1;

    private final String id;

    TrainMode(String id) {
        this.id = id;
    }

    /** The official name, as written in config.json and parameters.txt. */
    public String id() {
        return id;
    }

    public static TrainMode of(String id) {
        for (TrainMode m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        throw new Gan4jException("the ConSinGAN train mode (--mode) must be one of " + names() + ", got '" + id + "'");
    }

    public static String names() {
        return Arrays.stream(values()).map(TrainMode::id).collect(Collectors.joining(", "));
    }

    /** generation and animation draw noise 2L px larger than the stage and pad nothing inside the stage. */
    public boolean paddedNoise() {
        return this == GENERATION || this == ANIMATION;
    }

    /** Only harmonization keeps SinGAN's uniform pyramid (official create_reals_pyramid). */
    public boolean uniformPyramid() {
        return this == HARMONIZATION;
    }

    /** harmonization and editing start from an image at stage 0, so they harmonize or edit a naive image. */
    public boolean takesNaiveImage() {
        return this == HARMONIZATION || this == EDITING;
    }
}
