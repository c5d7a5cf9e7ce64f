package org.gan4j.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.gan4j.Gan4jException;

/**
 * The images of a folder (searched recursively, in sorted path order) as a training set: any sizes and formats
 * {@link Images#read} decodes, each centre-cropped to a square and resized to the training resolution
 * ({@link SquareImages#fit}). Every file is decoded once when the folder is opened, so a broken file fails the
 * run at the start rather than hours in; the prepared images are kept in memory up to
 * {@link #MEMORY_BUDGET} bytes, else re-read when needed.
 */
public final class ImageFolder implements ImageDataset {

    /** File name endings taken as images; other files (notes, metadata) are ignored. */
    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff");
    /** Prepared images are cached while they take less than this (1 GiB: 260k images at 32 px, 16k at 128 px). */
    public static final long MEMORY_BUDGET = 1L << 30;

    private final Path dir;
    private final int size;
    private final List<Path> files;
    private final BufferedImage[] cache;

    private ImageFolder(Path dir, int size, List<Path> files, BufferedImage[] cache) {
        this.dir = dir;
        this.size = size;
        this.files = files;
        this.cache = cache;
    }

    /**
     * Opens {@code dir} at {@code size} px, decoding every image; fails with one line when the folder is missing
     * or empty, or when any file cannot be read (their count and the first one with its reason).
     */
    public static ImageFolder open(Path dir, int size) {
        if (!Files.exists(dir)) {
            throw new Gan4jException("data folder not found: " + dir + " (give a folder of images, or builtin:landscapes)");
        }
        if (!Files.isDirectory(dir)) {
            throw new Gan4jException("--data " + dir + " is a file; give a folder of images (or builtin:landscapes)");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).filter(ImageFolder::isImageName).sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new Gan4jException("cannot list " + dir + ": " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new Gan4jException(dir + " holds no images (searched recursively for ." + String.join(", .",
                    EXTENSIONS.stream().sorted().toList()) + " files)");
        }
        boolean keep = (long) files.size() * size * size * 4 <= MEMORY_BUDGET;
        BufferedImage[] cache = keep ? new BufferedImage[files.size()] : null;
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            try {
                BufferedImage img = SquareImages.fit(Images.read(files.get(i)), size);
                if (keep) {
                    cache[i] = img;
                }
            } catch (Gan4jException e) {
                bad.add(e.getMessage());
            }
        }
        if (!bad.isEmpty()) {
            throw new Gan4jException(bad.size() + " of " + files.size() + " image files in " + dir
                    + " cannot be read; the first: " + bad.get(0) + " (fix or remove them)");
        }
        return new ImageFolder(dir, size, files, cache);
    }

    /** The image files directly in {@code dir} (not its subfolders), sorted; one-line errors for a missing or empty folder. */
    public static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new Gan4jException("not a folder of images: " + dir);
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(Files::isRegularFile).filter(ImageFolder::isImageName).sorted().toList();
            if (files.isEmpty()) {
                throw new Gan4jException(dir + " holds no images (." + String.join(", .", EXTENSIONS.stream().sorted().toList())
                        + " files)");
            }
            return files;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new Gan4jException("cannot list " + dir + ": " + e.getMessage());
        }
    }

    /** Whether the file name has an image extension (and is not hidden). */
    public static boolean isImageName(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 && !n.startsWith(".") && EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    @Override
    public int size() {
        return files.size();
    }

    @Override
    public int resolution() {
        return size;
    }

    @Override
    public BufferedImage image(int i) {
        if (cache != null) {
            return cache[i];
        }
        return SquareImages.fit(Images.read(files.get(i)), size);
    }

    /** The file behind image {@code i}. */
    public Path file(int i) {
        return files.get(i);
    }

    @Override
    public String describe() {
        return files.size() + " images from " + dir + " (centre-cropped, resized to " + size + "x" + size + ")";
    }
}
