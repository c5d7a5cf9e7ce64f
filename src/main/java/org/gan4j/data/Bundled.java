package org.gan4j.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import javax.imageio.ImageIO;

/** The training image that ships inside the jar: {@link Landscape#render}(192, 128, 7), stored as a PNG. */
public final class Bundled {

    /** Resource path of the bundled landscape. */
    public static final String LANDSCAPE = "/org/gan4j/data/landscape.png";
    public static final int WIDTH = 192;
    public static final int HEIGHT = 128;
    public static final long SEED = 7;

    private Bundled() {}

    /** The bundled landscape as an 8-bit RGB image. */
    public static BufferedImage landscape() {
        try (InputStream in = Bundled.class.getResourceAsStream(LANDSCAPE)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + LANDSCAPE);
            }
            BufferedImage img = ImageIO.read(in);
            BufferedImage rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
            rgb.getGraphics().drawImage(img, 0, 0, null);
            return rgb;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + LANDSCAPE, e);
        }
    }
}
