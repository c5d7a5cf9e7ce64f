package org.gan4j.mystyle;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gan4j.Gan4jException;
import org.gan4j.data.Faces;
import org.gan4j.data.ImageFolder;
import org.gan4j.data.Images;
import org.gan4j.data.SquareImages;

/**
 * A person's album at the generator's size: a folder of images (sorted by name, centre-cropped and resized), or
 * {@code builtin:faces:ID}, pictures 0, 1, … of the procedural identity ID.
 *
 * @param names  one name per picture (the file's stem, or {@code face_ID_v})
 * @param images the pictures, {@code size × size}
 */
public record Album(List<String> names, List<BufferedImage> images) {

    /** The prefix of a procedural album. */
    public static final String BUILTIN = Faces.NAME + ":";

    /** Reads {@code album} at {@code size} px; a builtin album has {@code builtinCount} pictures. */
    public static Album read(String album, int size, int builtinCount) {
        List<String> names = new ArrayList<>();
        List<BufferedImage> images = new ArrayList<>();
        if (album.startsWith(BUILTIN)) {
            int id = builtinId(album);
            for (int v = 0; v < builtinCount; v++) {
                names.add(String.format("face_%d_%02d", id, v));
                images.add(Faces.draw(id, v, size).image());
            }
        } else {
            Path dir = Path.of(album);
            for (Path f : ImageFolder.list(dir)) {
                String n = f.getFileName().toString();
                names.add(n.contains(".") ? n.substring(0, n.lastIndexOf('.')) : n);
                images.add(SquareImages.fit(Images.read(f), size));
            }
        }
        if (images.size() < PersonalSpace.ANCHORS_PER_SAMPLE) {
            throw new Gan4jException("--album " + album + " has " + images.size() + " pictures; MyStyle needs at least "
                    + PersonalSpace.ANCHORS_PER_SAMPLE + " (the paper uses about 100)");
        }
        return new Album(List.copyOf(names), List.copyOf(images));
    }

    /** The identity of a {@code builtin:faces:ID} album; one line when ID is not a whole number ≥ 0. */
    public static int builtinId(String album) {
        int id;
        try {
            id = Integer.parseInt(album.substring(BUILTIN.length()));
        } catch (NumberFormatException e) {
            throw new Gan4jException("--album " + album + ": expected " + BUILTIN + "ID with a whole number ID, e.g. "
                    + BUILTIN + "1234");
        }
        if (id < 0) {
            throw new Gan4jException("--album " + album + ": the identity must be at least 0");
        }
        return id;
    }

    public int size() {
        return images.size();
    }
}
