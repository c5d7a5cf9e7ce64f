package org.gan4j.data;

import java.util.Arrays;

/**
 * A map of integer ids, {@code width × height}, row-major: class ids of a semantic label map, or the ids of an
 * instance map. Resampling never blends ids: {@link #resized} takes the nearest pixel, {@link #downsampled} the
 * most frequent id of each block, so every output value is a value of the input.
 *
 * @param ids {@code ids[y * width + x]}; the record keeps the array it is given (do not change it afterwards)
 */
public record LabelMap(int width, int height, int[] ids) {

    public LabelMap {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("LabelMap: size must be positive, got " + width + "x" + height);
        }
        if (ids.length != (long) width * height) {
            throw new IllegalArgumentException("LabelMap: " + width + "x" + height + " needs " + (long) width * height
                    + " ids, got " + ids.length);
        }
    }

    /** The id at column {@code x}, row {@code y}. */
    public int get(int x, int y) {
        return ids[y * width + x];
    }

    /** The map mirrored left to right. */
    public LabelMap mirrored() {
        int[] out = new int[ids.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out[y * width + width - 1 - x] = ids[y * width + x];
            }
        }
        return new LabelMap(width, height, out);
    }

    /** The {@code w × h} window whose top-left pixel is ({@code x0}, {@code y0}), inside the map. */
    public LabelMap cropped(int x0, int y0, int w, int h) {
        if (x0 < 0 || y0 < 0 || x0 + w > width || y0 + h > height) {
            throw new IllegalArgumentException("LabelMap.cropped: " + w + "x" + h + " at (" + x0 + "," + y0 + ") leaves the "
                    + width + "x" + height + " map");
        }
        int[] out = new int[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(ids, (y0 + y) * width + x0, out, y * w, w);
        }
        return new LabelMap(w, h, out);
    }

    /** The largest id. */
    public int max() {
        int m = Integer.MIN_VALUE;
        for (int v : ids) {
            m = Math.max(m, v);
        }
        return m;
    }

    /**
     * Nearest-neighbour resize to {@code w × h}, sampling at pixel centres ({@code sx = floor((x + 0.5) · W / w)},
     * as PIL's {@code Image.NEAREST}, which SPADE resizes label and instance maps with).
     */
    public LabelMap resized(int w, int h) {
        if (w == width && h == height) {
            return this;
        }
        int[] sx = new int[w];
        for (int x = 0; x < w; x++) {
            sx[x] = Math.min(width - 1, (int) ((x + 0.5) * width / w));
        }
        int[] out = new int[w * h];
        for (int y = 0; y < h; y++) {
            int row = Math.min(height - 1, (int) ((y + 0.5) * height / h)) * width;
            for (int x = 0; x < w; x++) {
                out[y * w + x] = ids[row + sx[x]];
            }
        }
        return new LabelMap(w, h, out);
    }

    /**
     * Downsampling by an integer {@code factor}: each output pixel takes the most frequent id of its
     * {@code factor × factor} block (on a tie, the one met first in row-major order). Width and height must be
     * multiples of {@code factor}.
     */
    public LabelMap downsampled(int factor) {
        if (factor < 1 || width % factor != 0 || height % factor != 0) {
            throw new IllegalArgumentException("downsampled: " + width + "x" + height + " is not a multiple of " + factor);
        }
        if (factor == 1) {
            return this;
        }
        int w = width / factor;
        int h = height / factor;
        int[] out = new int[w * h];
        int[] vals = new int[factor * factor];
        int[] counts = new int[factor * factor];
        for (int by = 0; by < h; by++) {
            for (int bx = 0; bx < w; bx++) {
                int distinct = 0;
                for (int dy = 0; dy < factor; dy++) {
                    int row = (by * factor + dy) * width + bx * factor;
                    for (int dx = 0; dx < factor; dx++) {
                        int v = ids[row + dx];
                        int k = 0;
                        while (k < distinct && vals[k] != v) {
                            k++;
                        }
                        if (k == distinct) {
                            vals[k] = v;
                            counts[k] = 0;
                            distinct++;
                        }
                        counts[k]++;
                    }
                }
                int best = 0;
                for (int k = 1; k < distinct; k++) {
                    if (counts[k] > counts[best]) {
                        best = k;
                    }
                }
                out[by * w + bx] = vals[best];
            }
        }
        return new LabelMap(w, h, out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelMap m && m.width == width && m.height == height && Arrays.equals(m.ids, ids);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return "LabelMap[" + width + "x" + height + "]";
    }
}
