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

    /** The pair mirrored left to right (labels, image and instances alike). */
    public ScenePair mirrored() {
        return new ScenePair(labels.mirrored(), Batches.mirror(image), instances == null ? null : instances.mirrored());
    }

    /** The {@code w × h} window at ({@code x0}, {@code y0}) of labels, image and instances alike. */
    public ScenePair cropped(int x0, int y0, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.drawImage(image.getSubimage(x0, y0, w, h), 0, 0, null);
        g.dispose();
        return new ScenePair(labels.cropped(x0, y0, w, h), img, instances == null ? null : instances.cropped(x0, y0, w, h));
    }

    public int width() {
        return labels.width();
    }

    public int height() {
        return labels.height();
    }
}
