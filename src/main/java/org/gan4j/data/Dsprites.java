package org.gan4j.data;

import java.nio.file.Path;

/**
 * dSprites (Matthey et al. 2017): 737,280 binary 64×64 images of one sprite, every combination of five factors —
 * shape (square, ellipse, heart), scale (6 values in [0.5, 1]), orientation (40 values in [0, 2π]) and position x, y
 * (32 values each in [0, 1]) — in the original file's order (y fastest). {@code builtin:dsprites} draws them
 * ({@link DspritesDrawing}); {@link DspritesFile} reads the original {@code dsprites_ndarray_co1sh3sc6or40x32y32_64x64.npz}.
 */
public interface Dsprites {

    /** The command-line name of the procedural set. */
    String NAME = "builtin:dsprites";

    /** Side of every image. */
    int SIZE = 64;

    /** Factor sizes in the file's order: colour, shape, scale, orientation, position x, position y. */
    int[] FACTOR_SIZES = {1, 3, 6, 40, 32, 32};

    /** The factors' names, in the same order. */
    String[] FACTOR_NAMES = {"color", "shape", "scale", "orientation", "posX", "posY"};

    /** 737,280 = 3·6·40·32·32. */
    int COUNT = 737_280;

    /** Number of images. */
    int count();

    /** Image {@code i} as 0/1 pixels, row-major, into {@code dst[offset … offset + 4096)}. */
    void pixels(int i, float[] dst, int offset);

    /** The factor values of image {@code i} as {@code latents_values}: colour 1, shape 1–3, scale, orientation (rad), x, y. */
    default double[] factors(int i) {
        return values(classes(i));
    }

    /** One line for logs. */
    String describe();

    /** The factor classes (0-based) of image {@code i}, as {@code latents_classes}. */
    static int[] classes(int i) {
        if (i < 0 || i >= COUNT) {
            throw new IllegalArgumentException("dSprites index " + i + " outside [0, " + COUNT + ")");
        }
        int[] c = new int[6];
        int r = i;
        for (int f = 5; f >= 0; f--) {
            c[f] = r % FACTOR_SIZES[f];
            r /= FACTOR_SIZES[f];
        }
        return c;
    }

    /** The index of the image with these classes. */
    static int index(int[] classes) {
        int i = 0;
        for (int f = 0; f < 6; f++) {
            i = i * FACTOR_SIZES[f] + classes[f];
        }
        return i;
    }

    /** Classes to values as the original {@code latents_values}: linspace(0.5, 1, 6), linspace(0, 2π, 40), linspace(0, 1, 32). */
    static double[] values(int[] c) {
        return new double[] {1, c[1] + 1, 0.5 + 0.1 * c[2], 2 * Math.PI * c[3] / 39.0, c[4] / 31.0, c[5] / 31.0};
    }

    /** {@code builtin:dsprites} or an {@code .npz} file. */
    static Dsprites open(String spec) {
        if (spec.equals(NAME)) {
            return new DspritesDrawing();
        }
        return DspritesFile.read(Path.of(spec));
    }
}
