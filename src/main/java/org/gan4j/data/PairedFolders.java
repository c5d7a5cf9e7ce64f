package org.gan4j.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Resize;
import org.gan4j.torch.Scope;

/**
 * A paired dataset from folders ({@code --labels DIR --images DIR [--instances DIR]}): label maps, the photos
 * they label and optionally instance maps, matched by file name without extension ({@code labels/a.png} ↔
 * {@code images/a.jpg}), as SPADE's {@code paths_match} does; sub-folders are searched and matched by their
 * relative path. Pairs are in sorted name order.
 *
 * <p>Opening reads every file once, so that a missing partner, an unreadable file or a label value out of range
 * fails at the start with one line naming the file, not hours into a run. A photo whose size differs from its
 * label map's is resized to it (one {@link #notes() note} says how many); an instance map must have its label
 * map's size. Files are read again for every {@link #pair}.
 */
public final class PairedFolders implements SceneDataset {

    /** File name endings taken as label, image or instance files. */
    public static final List<String> EXTENSIONS = List.of("png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff");

    private final Path labelDir;
    private final Path imageDir;
    private final Path instanceDir;
    private final LabelCoding coding;
    private final List<Path> labels;
    private final List<Path> images;
    private final List<Path> instances;
    private final List<String> notes;
    private final Palette palette;

    private PairedFolders(Path labelDir, Path imageDir, Path instanceDir, LabelCoding coding, List<Path> labels,
            List<Path> images, List<Path> instances, List<String> notes) {
        this.labelDir = labelDir;
        this.imageDir = imageDir;
        this.instanceDir = instanceDir;
        this.coding = coding;
        this.labels = labels;
        this.images = images;
        this.instances = instances;
        this.notes = List.copyOf(notes);
        this.palette = coding.palette() != null ? coding.palette() : Palette.fallback(coding.labelNc());
    }

    /**
     * Opens the folders, matching, reading and checking every file.
     *
     * @param instanceDir a folder of instance maps, or null
     */
    public static PairedFolders open(Path labelDir, Path imageDir, Path instanceDir, LabelCoding coding) {
        Map<String, Path> labelFiles = list(labelDir, "--labels", "label maps");
        Map<String, Path> imageFiles = list(imageDir, "--images", "images");
        Map<String, Path> instanceFiles = instanceDir == null ? null : list(instanceDir, "--instances", "instance maps");
        unmatched(labelFiles, imageFiles, imageDir, "image");
        unmatched(imageFiles, labelFiles, labelDir, "label map");
        if (instanceFiles != null) {
            unmatched(labelFiles, instanceFiles, instanceDir, "instance map");
            unmatched(instanceFiles, labelFiles, labelDir, "label map");
        }
        List<Path> labels = new ArrayList<>(labelFiles.values());
        List<Path> images = new ArrayList<>(imageFiles.values());
        List<Path> instances = instanceFiles == null ? null : new ArrayList<>(instanceFiles.values());
        int resized = 0;
        String firstResized = null;
        for (int i = 0; i < labels.size(); i++) {
            LabelMap l = coding.read(labels.get(i));
            BufferedImage img = Images.read(images.get(i));
            if (img.getWidth() != l.width() || img.getHeight() != l.height()) {
                if (resized++ == 0) {
                    firstResized = images.get(i) + " is " + img.getWidth() + "x" + img.getHeight() + ", "
                            + labels.get(i) + " " + l.width() + "x" + l.height();
                }
            }
            if (instances != null) {
                LabelMap inst = LabelMaps.readInstances(instances.get(i));
                if (inst.width() != l.width() || inst.height() != l.height()) {
                    throw new Gan4jException(instances.get(i) + " is " + inst.width() + "x" + inst.height() + " but its"
                            + " label map " + labels.get(i) + " is " + l.width() + "x" + l.height() + "; an instance map"
                            + " must match its label map pixel for pixel");
                }
            }
        }
        List<String> notes = new ArrayList<>();
        if (resized > 0) {
            notes.add(resized + " of " + labels.size() + " images differ in size from their label maps and are resized"
                    + " to them (the first: " + firstResized + ")");
        }
        return new PairedFolders(labelDir, imageDir, instanceDir, coding, labels, images, instances, notes);
    }

    /** Pair {@code i} at its label map's size (the photo resized to it if need be). */
    public ScenePair pair(int i) {
        LabelMap l = coding.read(labels.get(i));
        return pair(i, l, l.width(), l.height());
    }

    /**
     * Pair {@code i} stretched to {@code width × height}, as SPADE's {@code resize} preprocessing: label and
     * instance maps by nearest neighbour ({@link LabelMap#resized}), the photo by antialiased bicubic
     * ({@link Resize#imresizeTo}). Crops and flips are left to the trainer.
     */
    @Override
    public ScenePair pair(int i, int width, int height) {
        return pair(i, coding.read(labels.get(i)), width, height);
    }

    private ScenePair pair(int i, LabelMap l, int width, int height) {
        BufferedImage img = ImageTensors.resized(Images.read(images.get(i)), width, height);
        LabelMap inst = instances == null ? null : LabelMaps.readInstances(instances.get(i)).resized(width, height);
        return new ScenePair(l.resized(width, height), img, inst);
    }

    /** The label file of pair {@code i}. */
    public Path labelFile(int i) {
        return labels.get(i);
    }

    /** The image file of pair {@code i}. */
    public Path imageFile(int i) {
        return images.get(i);
    }

    @Override
    public int size() {
        return labels.size();
    }

    @Override
    public int labelNc() {
        return coding.labelNc();
    }

    @Override
    public boolean dontCare() {
        return coding.dontCare();
    }

    @Override
    public boolean hasInstances() {
        return instances != null;
    }

    @Override
    public Palette palette() {
        return palette;
    }

    @Override
    public List<String> notes() {
        return notes;
    }

    @Override
    public String describe() {
        return labels.size() + " pairs from " + labelDir + " and " + imageDir
                + (instanceDir != null ? " with instance maps from " + instanceDir : "") + " (" + coding.labelNc()
                + " classes" + (coding.dontCare() ? " and don't-care" : "") + ")";
    }

    /** The files of {@code dir} by relative path without extension, sorted; one-line errors when there are none. */
    private static Map<String, Path> list(Path dir, String flag, String what) {
        if (!Files.exists(dir)) {
            throw new Gan4jException(flag + " folder not found: " + dir + " (give the folder of " + what + ")");
        }
        if (!Files.isDirectory(dir)) {
            throw new Gan4jException(flag + " " + dir + " is a file; give the folder of " + what);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).filter(PairedFolders::isImageName).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new Gan4jException("cannot list " + dir + ": " + Images.ioReason(e instanceof UncheckedIOException u
                    ? u.getCause() : (IOException) e));
        }
        if (files.isEmpty()) {
            throw new Gan4jException(flag + " " + dir + " holds no " + what + " (searched it and its sub-folders for ."
                    + String.join(", .", EXTENSIONS) + " files)");
        }
        Map<String, Path> byName = new TreeMap<>();
        for (Path f : files) {
            Path prev = byName.putIfAbsent(key(dir, f), f);
            if (prev != null) {
                throw new Gan4jException(prev + " and " + f + " have the same name; keep one of them (files are"
                        + " paired by name without extension)");
            }
        }
        return byName;
    }

    /** Fails on the first file of {@code from} without a partner in {@code to}, saying how many lack one. */
    private static void unmatched(Map<String, Path> from, Map<String, Path> to, Path toDir, String partner) {
        String first = null;
        int count = 0;
        for (String k : from.keySet()) {
            if (!to.containsKey(k)) {
                if (first == null) {
                    first = k;
                }
                count++;
            }
        }
        if (first != null) {
            throw new Gan4jException(from.get(first) + " has no " + partner + " in " + toDir + " (expected "
                    + toDir.resolve(first) + ".*)" + (count > 1 ? "; " + count + " files lack one" : "")
                    + " — files are paired by name without extension");
        }
    }

    private static String key(Path dir, Path file) {
        String rel = dir.relativize(file).toString().replace('\\', '/');
        int dot = rel.lastIndexOf('.');
        return rel.substring(0, dot);
    }

    private static boolean isImageName(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 && !n.startsWith(".") && EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
