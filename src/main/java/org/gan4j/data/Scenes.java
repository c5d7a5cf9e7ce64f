package org.gan4j.data;

import java.awt.image.BufferedImage;
import java.util.List;
import org.gan4j.torch.Pixels;

/**
 * {@code builtin:scenes}: a procedural paired dataset for semantic image synthesis (SPADE), shipped as code.
 * Pair {@code i} is a landscape label map and a photo-like picture painted from it, the same pixels for the
 * same (index, size) on every machine, as many as wanted.
 *
 * <p>The layout comes from the index: horizon height, mountain ranges (fractal ridges), a sea with a beach or a
 * lake, grass or sand, a road narrowing to a vanishing point, a row of buildings, tree clusters and a tree line,
 * rocks, clouds. The look comes from a style index (by default the same index): time of day (sky gradient, light
 * colour, glow), snow, and the colours and textures of every class, so one label map has many pictures — the
 * variation SPADE's style encoder learns — while each class keeps a texture and context a segmenter can tell.
 *
 * <p>Scenes are drawn at 2–4× the requested size ({@link #factor}) and downsampled: the picture by averaging each block (an
 * antialiasing box filter), the instance map by the most frequent id of each block ({@link LabelMap#downsampled}),
 * so label ids are never blended. The label map is the class of each downsampled instance id. A scene is the
 * same picture at every size, only sampled more or less finely.
 */
public final class Scenes {

    /** The dataset's name on the command line. */
    public static final String NAME = "builtin:scenes";
    /** Pairs in {@link #dataset()}. */
    public static final int DEFAULT_COUNT = 10_000;

    public static final int SKY = 0;
    public static final int CLOUDS = 1;
    public static final int MOUNTAIN = 2;
    public static final int WATER = 3;
    public static final int GRASS = 4;
    public static final int TREE = 5;
    public static final int ROCK = 6;
    public static final int ROAD = 7;
    public static final int BUILDING = 8;
    public static final int SAND = 9;

    /** The classes, ids 0..9, with names and display colours: the one place they are defined. */
    public static final Palette CLASSES = Palette.of(NAME, List.of(
            new Palette.Entry(SKY, "sky", 0x87CEEB),
            new Palette.Entry(CLOUDS, "clouds", 0xE6E6FA),
            new Palette.Entry(MOUNTAIN, "mountain", 0x8B5A2B),
            new Palette.Entry(WATER, "water", 0x1E50C8),
            new Palette.Entry(GRASS, "grass", 0x5AC83C),
            new Palette.Entry(TREE, "tree", 0x0F5A1E),
            new Palette.Entry(ROCK, "rock", 0x808080),
            new Palette.Entry(ROAD, "road", 0x3C3C3C),
            new Palette.Entry(BUILDING, "building", 0xC83232),
            new Palette.Entry(SAND, "sand", 0xF0DC8C)));

    /** Number of classes ({@code --label-nc}); there is no don't-care value. */
    public static final int LABEL_NC = 10;

    private Scenes() {}

    /** Pair {@code index} at {@code width × height}, in its own style. */
    public static ScenePair pair(int index, int width, int height) {
        return pair(index, index, width, height);
    }

    /**
     * The layout of scene {@code index} painted in the style of scene {@code styleIndex}: equal indices give
     * {@link #pair(int, int, int)}; the same {@code index} with another style gives the same label and instance
     * maps and another picture.
     */
    public static ScenePair pair(int index, int styleIndex, int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("Scenes.pair: size must be positive, got " + width + "x" + height);
        }
        int k = factor(width, height);
        SceneLayout layout = SceneLayout.build(index, width * k, height * k);
        float[][] rgb = SceneRenderer.render(layout, new SceneStyle(styleIndex));
        LabelMap instances = new LabelMap(width * k, height * k, layout.inst).downsampled(k);
        int[] labels = new int[width * height];
        int[] ids = instances.ids();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = SceneLayout.classOf(ids[i]);
        }
        return new ScenePair(new LabelMap(width, height, labels), boxDownsample(rgb, width, height, k), instances);
    }

    /** {@value #DEFAULT_COUNT} pairs as a {@link SceneDataset}. */
    public static SceneDataset dataset() {
        return dataset(DEFAULT_COUNT);
    }

    /** Pairs 0..count−1 as a {@link SceneDataset} (rendered on every call; a 128 px pair takes milliseconds). */
    public static SceneDataset dataset(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("Scenes.dataset: count must be positive, got " + count);
        }
        return new SceneDataset() {
            @Override
            public int size() {
                return count;
            }

            @Override
            public int labelNc() {
                return LABEL_NC;
            }

            @Override
            public boolean dontCare() {
                return false;
            }

            @Override
            public boolean hasInstances() {
                return true;
            }

            @Override
            public ScenePair pair(int i, int width, int height) {
                if (i < 0 || i >= count) {
                    throw new IndexOutOfBoundsException("pair " + i + " of " + count);
                }
                return Scenes.pair(i, width, height);
            }

            @Override
            public Palette palette() {
                return CLASSES;
            }

            @Override
            public String describe() {
                return NAME + ": " + count + " procedural label maps and pictures (" + LABEL_NC + " classes)";
            }
        };
    }

    /** The render scale: 4× up to 64 px, 3× up to 128 px, 2× above. */
    static int factor(int width, int height) {
        int m = Math.max(width, height);
        return m <= 64 ? 4 : m <= 128 ? 3 : 2;
    }

    /** A seed from an index and a salt (SplitMix64's finaliser), so neighbouring indices are unrelated. */
    static long seed(int index, long salt) {
        long z = salt + 0x9E3779B97F4A7C15L * (index + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Averages each {@code k × k} block of the planes into an 8-bit RGB image. */
    private static BufferedImage boxDownsample(float[][] rgb, int width, int height, int k) {
        int rw = width * k;
        float norm = 255f / (k * k);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] px = Pixels.intRgbData(img);
        float[] acc = new float[3 * width];
        for (int y = 0; y < height; y++) {
            java.util.Arrays.fill(acc, 0);
            for (int dy = 0; dy < k; dy++) {
                int row = (y * k + dy) * rw;
                for (int x = 0; x < rw; x++) {
                    int o = 3 * (x / k);
                    acc[o] += rgb[0][row + x];
                    acc[o + 1] += rgb[1][row + x];
                    acc[o + 2] += rgb[2][row + x];
                }
            }
            for (int x = 0; x < width; x++) {
                px[y * width + x] = to8(acc[3 * x] * norm) << 16 | to8(acc[3 * x + 1] * norm) << 8 | to8(acc[3 * x + 2] * norm);
            }
        }
        return img;
    }

    private static int to8(float v) {
        return v <= 0 ? 0 : v >= 255 ? 255 : (int) (v + 0.5f);
    }
}
