package org.gan4j.data;

import java.awt.image.BufferedImage;

/** A finite, indexable set of square training images, all at one resolution. */
public interface ImageDataset {

    /** Number of images. */
    int size();

    /** Side of every image in pixels. */
    int resolution();

    /** Image {@code i} (0 ≤ i &lt; size), {@code resolution × resolution}, 8-bit RGB; the same i always gives the same pixels. */
    BufferedImage image(int i);

    /** One line for logs and the CLI, e.g. "1234 images from photos/ (centre-cropped, resized to 64x64)". */
    String describe();
}
