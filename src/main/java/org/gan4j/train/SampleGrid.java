package org.gan4j.train;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.gan4j.torch.AtomicFile;

/**
 * Tiles images (of possibly different sizes) into one picture with a small gap, and writes such grids as
 * {@code samples/<label>.png}.
 *
 * <p>Each column is as wide as its widest image and each row as tall as its tallest; smaller images sit at
 * the top left of their cell. Gaps and empty cells are dark grey, so image borders stay visible on white and
 * on black images alike.
 */
public final class SampleGrid {

    /** Pixels between cells and around the grid. */
    public static final int DEFAULT_GAP = 2;
    /** Colour of gaps and empty cells. */
    public static final Color BACKGROUND = new Color(48, 48, 48);

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private SampleGrid() {}

    /** A grid about as wide as tall: ceil(sqrt(n)) columns. */
    public static BufferedImage tile(List<BufferedImage> images) {
        return tile(images, (int) Math.ceil(Math.sqrt(images.size())), DEFAULT_GAP);
    }

    /**
     * Tiles {@code images} row by row.
     *
     * @param images  at least one image
     * @param columns images per row (at least 1; more than the images is fine)
     * @param gap     pixels between cells and around the grid (0 or more)
     */
    public static BufferedImage tile(List<BufferedImage> images, int columns, int gap) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images to tile");
        }
        if (columns < 1 || gap < 0) {
            throw new IllegalArgumentException("columns must be >= 1 and gap >= 0, got " + columns + ", " + gap);
        }
        int cols = Math.min(columns, images.size());
        int rows = (images.size() + cols - 1) / cols;
        int[] colW = new int[cols];
        int[] rowH = new int[rows];
        for (int i = 0; i < images.size(); i++) {
            colW[i % cols] = Math.max(colW[i % cols], images.get(i).getWidth());
            rowH[i / cols] = Math.max(rowH[i / cols], images.get(i).getHeight());
        }
        int width = gap;
        for (int w : colW) {
            width += w + gap;
        }
        int height = gap;
        for (int h : rowH) {
            height += h + gap;
        }
        BufferedImage grid = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        try {
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, width, height);
            int y = gap;
            for (int r = 0; r < rows; r++) {
                int x = gap;
                for (int c = 0; c < cols && r * cols + c < images.size(); c++) {
                    g.drawImage(images.get(r * cols + c), x, y, null);
                    x += colW[c] + gap;
                }
                y += rowH[r] + gap;
            }
        } finally {
            g.dispose();
        }
        return grid;
    }

    /**
     * Writes {@code tile(images)} to {@code <dir>/<label>.png}, atomically, and returns the path.
     *
     * @param dir    the samples directory, usually {@link RunDir#samples()}
     * @param label  file name without extension: letters, digits, dots, dashes, underscores
     * @param images at least one image
     */
    public static Path write(Path dir, String label, List<BufferedImage> images) throws IOException {
        if (!LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException("bad sample label '" + label + "'");
        }
        BufferedImage grid = tile(images);
        Path target = dir.resolve(label + ".png");
        AtomicFile.write(target, tmp -> {
            if (!ImageIO.write(grid, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
        });
        return target;
    }
}
