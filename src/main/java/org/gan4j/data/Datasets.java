package org.gan4j.data;

import java.nio.file.Path;

/** Opens a training set from its command-line name: a folder, or {@code builtin:NAME}. */
public final class Datasets {

    private Datasets() {}

    /** {@code builtin:landscapes} or a folder of images, at {@code size} px. */
    public static ImageDataset open(String spec, int size) {
        if (spec.startsWith(ProceduralImages.PREFIX)) {
            return ProceduralImages.named(spec.substring(ProceduralImages.PREFIX.length()), size,
                    ProceduralImages.DEFAULT_COUNT);
        }
        return ImageFolder.open(Path.of(spec), size);
    }
}
