package org.gan4j.data;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.gan4j.Gan4jException;

/**
 * A folder of photos as pairs whose label map is blank (one class, "photo", everywhere): the data of a method whose
 * input map is computed from the photo itself (CoCosNet's edge maps), which then never reads the labels. Photos are
 * centre-cropped and resized ({@link SquareImages#fit}) to the square size asked; every file is decoded when the
 * folder is opened, so a broken file fails at the start, and each size's photos are kept in memory while they take
 * less than {@link ImageFolder#MEMORY_BUDGET}.
 */
public final class PhotoPairs implements SceneDataset {

    private final Path dir;
    private final List<Path> files;
    private final Map<Integer, BufferedImage[]> cache = new ConcurrentHashMap<>();

    private PhotoPairs(Path dir, List<Path> files) {
        this.dir = dir;
        this.files = files;
    }

    /** Opens the images directly in {@code dir}, decoding each once; one line names the first bad file. */
    public static PhotoPairs open(Path dir) {
        if (!java.nio.file.Files.isDirectory(dir)) {
            throw new Gan4jException("--images " + dir + ": not a folder of photos");
        }
        List<Path> files = ImageFolder.list(dir);
        int bad = 0;
        String first = null;
        for (Path f : files) {
            try {
                Images.read(f);
            } catch (Gan4jException e) {
                bad++;
                first = first == null ? e.getMessage() : first;
            }
        }
        if (bad > 0) {
            throw new Gan4jException(bad + " of " + files.size() + " photos in " + dir + " cannot be read; the first: "
                    + first + " (fix or remove them)");
        }
        return new PhotoPairs(dir, files);
    }

    @Override
    public int size() {
        return files.size();
    }

    @Override
    public int labelNc() {
        return 1;
    }

    @Override
    public boolean dontCare() {
        return false;
    }

    @Override
    public boolean hasInstances() {
        return false;
    }

    /** Photo {@code i} fitted to {@code width × width} (squares only) with a blank label map. */
    @Override
    public ScenePair pair(int i, int width, int height) {
        if (width != height) {
            throw new IllegalArgumentException("PhotoPairs: square sizes only, got " + width + "x" + height);
        }
        return new ScenePair(new LabelMap(width, height, new int[width * height]), photo(i, width), null);
    }

    /** The file of photo {@code i}. */
    public Path file(int i) {
        return files.get(i);
    }

    private BufferedImage photo(int i, int size) {
        boolean keep = (long) files.size() * size * size * 4 <= ImageFolder.MEMORY_BUDGET;
        if (!keep) {
            return SquareImages.fit(Images.read(files.get(i)), size);
        }
        BufferedImage[] c = cache.computeIfAbsent(size, s -> new BufferedImage[files.size()]);
        BufferedImage img = c[i];
        if (img == null) {
            img = SquareImages.fit(Images.read(files.get(i)), size);
            c[i] = img;
        }
        return img;
    }

    @Override
    public Palette palette() {
        return Palette.of("photos", List.of(new Palette.Entry(0, "photo", 0x808080)));
    }

    @Override
    public String describe() {
        return files.size() + " photos from " + dir + " (no labels: input maps computed from the photos)";
    }
}
