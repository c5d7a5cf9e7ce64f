package org.gan4j.data;

import java.awt.image.BufferedImage;

/**
 * One training example of semantic image synthesis: a label map of class ids, the RGB image it labels (same
 * size), and optionally an instance map (ids that differ between touching objects of one class).
 *
 * @param labels    class ids, {@code width × height}
 * @param image     8-bit {@code TYPE_INT_RGB}, the size of {@code labels}
 * @param instances instance ids of the same size, or null when the dataset has none
 */
public record ScenePair(LabelMap labels, BufferedImage image, LabelMap instances) {

    public ScenePair {
        if (image.getWidth() != labels.width() || image.getHeight() != labels.height()) {
            throw new IllegalArgumentException("ScenePair: image is " + image.getWidth() + "x" + image.getHeight()
                    + " but the label map " + labels.width() + "x" + labels.height());
        }
        if (instances != null && (instances.width() != labels.width() || instances.height() != labels.height())) {
            throw new IllegalArgumentException("ScenePair: instance map is " + instances.width() + "x"
                    + instances.height() + " but the label map " + labels.width() + "x" + labels.height());
        }
    }

    public int width() {
        return labels.width();
    }

    public int height() {
        return labels.height();
    }
}
