package org.gan4j.mystyle;

import org.gan4j.Gan4jException;

/**
 * MyStyle's personalisation settings; {@link #paper()} holds the official {@code hyperparams.py} values.
 *
 * @param preset         the preset's name
 * @param tuneSteps      outer tuning steps, each one pass over the album in updates of {@code tuneBatch} pictures
 *                       (official 1000)
 * @param tuneLr         Adam's learning rate for the synthesis network (official 3e-4)
 * @param l2Weight       λ_L2, the pixel MSE's weight beside the perceptual distance (official 1)
 * @param inversionSteps projector steps per album image when the anchors are inferred (rosinality's 1000)
 * @param beta           the dilation β of P_β stored with the run for the applications (official 0.03)
 * @param albumCount     pictures taken from a {@code builtin:faces:ID} album
 * @param seed           seed of the inversion's noise
 * @param tuneBatch      album pictures per Adam update of the tuning, taken in album order (official 1: one update
 *                       per picture); the global batch of a data-parallel run (null in a config.json written before
 *                       it existed: 1)
 */
public record MystyleConfig(String preset, int tuneSteps, double tuneLr, double l2Weight, int inversionSteps,
        double beta, int albumCount, long seed, Integer tuneBatch) {

    public MystyleConfig {
        if (tuneBatch == null) {
            tuneBatch = 1;
        }
        if (tuneBatch < 1) {
            throw new Gan4jException("--batch must be at least 1, got " + tuneBatch);
        }
        if (tuneSteps < 1 || inversionSteps < 1) {
            throw new Gan4jException("--steps and --inversion-steps must be at least 1, got " + tuneSteps + " and "
                    + inversionSteps);
        }
        if (!(tuneLr > 0) || !(l2Weight >= 0) || !(beta >= 0)) {
            throw new Gan4jException("the learning rate must be positive and the L2 weight and beta at least 0");
        }
        if (albumCount < PersonalSpace.ANCHORS_PER_SAMPLE) {
            throw new Gan4jException("an album needs at least " + PersonalSpace.ANCHORS_PER_SAMPLE + " pictures, got "
                    + albumCount);
        }
    }

    /** The official settings: 1000 tuning steps at 3e-4, anchors from 1000 projector steps, an album of 10. */
    public static MystyleConfig paper() {
        return new MystyleConfig("paper", 1000, 3e-4, 1, 1000, PersonalSpace.DEFAULT_BETA, 10, 0, 1);
    }

    /** For a 2-core CPU: 100 tuning steps, anchors from 300 projector steps, an album of 8. */
    public static MystyleConfig fast() {
        return new MystyleConfig("fast", 100, 3e-4, 1, 300, PersonalSpace.DEFAULT_BETA, 8, 0, 1);
    }

    public static MystyleConfig preset(String name) {
        return switch (name) {
            case "paper" -> paper();
            case "fast" -> fast();
            default -> throw new Gan4jException("--preset must be fast or paper, got '" + name + "'");
        };
    }

    public MystyleConfig withTuneSteps(int v) {
        return new MystyleConfig(preset, v, tuneLr, l2Weight, inversionSteps, beta, albumCount, seed, tuneBatch);
    }

    public MystyleConfig withInversionSteps(int v) {
        return new MystyleConfig(preset, tuneSteps, tuneLr, l2Weight, v, beta, albumCount, seed, tuneBatch);
    }

    public MystyleConfig withAlbumCount(int v) {
        return new MystyleConfig(preset, tuneSteps, tuneLr, l2Weight, inversionSteps, beta, v, seed, tuneBatch);
    }

    public MystyleConfig withSeed(long v) {
        return new MystyleConfig(preset, tuneSteps, tuneLr, l2Weight, inversionSteps, beta, albumCount, v, tuneBatch);
    }

    public MystyleConfig withTuneBatch(int v) {
        return new MystyleConfig(preset, tuneSteps, tuneLr, l2Weight, inversionSteps, beta, albumCount, seed, v);
    }
}
