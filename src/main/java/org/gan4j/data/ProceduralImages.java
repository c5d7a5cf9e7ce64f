package org.gan4j.data;

import java.awt.image.BufferedImage;
import java.util.function.IntFunction;
import org.gan4j.Gan4jException;

/**
 * Training sets that ship in the jar as code: {@code builtin:faces} ({@link Faces}) and {@code builtin:landscapes}, {@link Landscape#render} at seeds
 * 0..count−1 (mountains, lake, forest; the layout, peaks, clouds and colours vary with the seed), drawn at up to
 * 4× the training size and downsampled with antialiasing, so that a user can train without any data.
 * Images are rendered when first asked for and kept (at 32 px, 10,000 images take 40 MB).
 */
public final class ProceduralImages implements ImageDataset {

    /** The prefix of a built-in dataset's name on the command line. */
    public static final String PREFIX = "builtin:";
    /** Images in a built-in set. */
    public static final int DEFAULT_COUNT = 10_000;

    private final String name;
    private final int size;
    private final int count;
    private final IntFunction<BufferedImage> render;
    private final BufferedImage[] cache;

    private ProceduralImages(String name, int size, int count, IntFunction<BufferedImage> render) {
        this.name = name;
        this.size = size;
        this.count = count;
        this.render = render;
        this.cache = (long) count * size * size * 4 <= ImageFolder.MEMORY_BUDGET ? new BufferedImage[count] : null;
    }

    /** The built-in set {@code name} ("landscapes") at {@code size} px with {@code count} images. */
    public static ProceduralImages named(String name, int size, int count) {
        return switch (name) {
            case "landscapes" -> new ProceduralImages(name, size, count, seed -> landscape(size, seed));
            case "faces" -> Faces.dataset(size, count);
            default -> throw new Gan4jException("unknown built-in dataset '" + PREFIX + name + "'; the built-in sets are "
                    + PREFIX + "landscapes and " + PREFIX + "faces");
        };
    }

    /** A built-in set drawn by {@code render} (image i from index i). */
    static ProceduralImages of(String name, int size, int count, IntFunction<BufferedImage> render) {
        return new ProceduralImages(name, size, count, render);
    }

    /** A landscape from {@code seed}, rendered at up to 4× {@code size} (at most 256 px) and downsampled. */
    public static BufferedImage landscape(int size, long seed) {
        int render = Math.max(size, Math.min(4 * size, 256));
        return SquareImages.fit(Landscape.render(render, render, seed), size);
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public int resolution() {
        return size;
    }

    @Override
    public synchronized BufferedImage image(int i) {
        if (cache == null) {
            return render.apply(i);
        }
        if (cache[i] == null) {
            cache[i] = render.apply(i);
        }
        return cache[i];
    }

    @Override
    public String describe() {
        return PREFIX + name + ": " + count + " procedural images at " + size + "x" + size;
    }
}
