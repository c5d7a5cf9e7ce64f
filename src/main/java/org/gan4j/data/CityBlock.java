package org.gan4j.data;

/**
 * The city-block (L1) distance of every pixel to the nearest marked pixel, exact, in two raster passes (a 3×3
 * chamfer with weights 1 along rows and columns and 2 across the diagonal, which is exact for L1): what OpenCV's
 * {@code distanceTransform(src, DIST_L1, 3)} gives for the zero pixels of {@code src}.
 */
public final class CityBlock {

    /** The distance where nothing is marked: farther than any image (OpenCV leaves such pixels at a large value too). */
    public static final int NONE = Integer.MAX_VALUE / 4;

    private CityBlock() {}

    /** For each pixel of a {@code width × height} row-major image, |dx| + |dy| to the nearest {@code marked} one. */
    public static int[] distances(boolean[] marked, int width, int height) {
        if (marked.length != width * height) {
            throw new IllegalArgumentException("CityBlock: " + marked.length + " pixels for " + width + "x" + height);
        }
        int[] d = new int[marked.length];
        for (int y = 0; y < height; y++) { // forward: from above and from the left
            for (int x = 0; x < width; x++) {
                int p = y * width + x;
                int v = marked[p] ? 0 : NONE;
                if (y > 0) {
                    v = Math.min(v, d[p - width] + 1);
                }
                if (x > 0) {
                    v = Math.min(v, d[p - 1] + 1);
                }
                d[p] = v;
            }
        }
        for (int y = height - 1; y >= 0; y--) { // backward: from below and from the right
            for (int x = width - 1; x >= 0; x--) {
                int p = y * width + x;
                int v = d[p];
                if (y < height - 1) {
                    v = Math.min(v, d[p + width] + 1);
                }
                if (x < width - 1) {
                    v = Math.min(v, d[p + 1] + 1);
                }
                d[p] = v;
            }
        }
        return d;
    }
}
