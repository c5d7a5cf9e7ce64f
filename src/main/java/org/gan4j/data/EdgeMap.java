package org.gan4j.data;

import java.awt.image.BufferedImage;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.torch.Pixels;
import org.gan4j.torch.Tensors;

/**
 * An edge map as the input of an edge-to-photo translation: the edges of a photo ({@link Canny}, as scikit-image's
 * {@code feature.canny} with its defaults on the photo's grey levels) and, as the official CoCosNet celebahqedge
 * loader adds beside its edges, the city-block distance to the nearest edge ({@link CityBlock}; the loader's
 * {@code clip(distanceTransform(255 − 255·edge, DIST_L1, 3) / 3, 0, 255).astype(uint8) / 255}):
 * <pre>
 *   channel 0: e(u) ∈ {0, 1}                        1 on an edge
 *   channel 1: min(⌊d(u) / 3⌋, 255) / 255 ∈ [0, 1]    d = |dx| + |dy| to the nearest edge; 1 where there is none
 * </pre>
 *
 * @param width    pixels across
 * @param height   pixels down
 * @param edges    row-major, true on an edge
 * @param distance row-major, channel 1
 */
public record EdgeMap(int width, int height, boolean[] edges, float[] distance) {

    /** Channels of the map as a network input: edges, distance. */
    public static final int CHANNELS = 2;
    /** The official loader divides the distance by 3 before its 8-bit cast. */
    public static final int DISTANCE_DIVISOR = 3;
    /** A drawing's pixel is a stroke at this grey level or above (of 1). */
    public static final double STROKE = 0.5;

    public EdgeMap {
        if (edges.length != width * height || distance.length != width * height) {
            throw new IllegalArgumentException("EdgeMap: " + edges.length + " edges and " + distance.length
                    + " distances for " + width + "x" + height);
        }
    }

    /** The map of a photo: Canny on its grey levels, then the distance channel. */
    public static EdgeMap ofPhoto(BufferedImage photo) {
        int w = photo.getWidth();
        int h = photo.getHeight();
        return of(Canny.edges(grey(photo), w, h), w, h);
    }

    /**
     * The map of an edge drawing (white strokes on black, greyscale): strokes where the grey level is at least
     * {@link #STROKE}, then the distance channel. One-line errors name {@code what} when the drawing is in colour,
     * has no stroke, or is mostly strokes (black on white).
     */
    public static EdgeMap ofDrawing(BufferedImage drawing, String what) {
        int w = drawing.getWidth();
        int h = drawing.getHeight();
        int[] px = Pixels.rgb(drawing);
        boolean[] e = new boolean[px.length];
        int strokes = 0;
        for (int i = 0; i < px.length; i++) {
            int r = px[i] >>> 16 & 0xFF;
            int g = px[i] >>> 8 & 0xFF;
            int b = px[i] & 0xFF;
            if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 24) {
                throw new Gan4jException(what + " is in colour (pixel x=" + i % w + ", y=" + i / w + " is " + Palette.hex(px[i])
                        + "); an edge drawing is greyscale: white strokes on black");
            }
            e[i] = luma(px[i]) >= STROKE * 255;
            strokes += e[i] ? 1 : 0;
        }
        if (strokes == 0) {
            throw new Gan4jException(what + " has no strokes (no pixel at grey level 0.5 or above); an edge drawing is"
                    + " white strokes on black");
        }
        if (strokes * 2 > px.length) {
            throw new Gan4jException(what + " is mostly strokes (" + 100L * strokes / px.length + "% of its pixels at grey"
                    + " level 0.5 or above); an edge drawing is white strokes on black: invert it?");
        }
        return of(e, w, h);
    }

    /** The map of given edges. */
    public static EdgeMap of(boolean[] edges, int width, int height) {
        int[] d = CityBlock.distances(edges, width, height);
        float[] dist = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            dist[i] = Math.min(d[i] / DISTANCE_DIVISOR, 255) / 255f; // integer division: the loader's uint8 cast truncates
        }
        return new EdgeMap(width, height, edges, dist);
    }

    /** Grey levels in [0, 1] as PIL's {@code convert('L')} (ITU-R 601 luma, 8 bits) divided by 255, row-major. */
    public static double[] grey(BufferedImage img) {
        int[] px = Pixels.rgb(img);
        double[] g = new double[px.length];
        for (int i = 0; i < px.length; i++) {
            g[i] = luma(px[i]) / 255.0;
        }
        return g;
    }

    /** PIL's L = (19595·R + 38470·G + 7471·B + 2^15) >> 16. */
    private static int luma(int rgb) {
        return ((rgb >>> 16 & 0xFF) * 19595 + (rgb >>> 8 & 0xFF) * 38470 + (rgb & 0xFF) * 7471 + 0x8000) >> 16;
    }

    /** Edge pixels over all pixels. */
    public double density() {
        int n = 0;
        for (boolean b : edges) {
            n += b ? 1 : 0;
        }
        return (double) n / edges.length;
    }

    /** The maps as a network input {@code [N,2,H,W]} float32 (all one size), edges then distance. */
    public static Tensor tensor(List<EdgeMap> maps) {
        if (maps.isEmpty()) {
            throw new IllegalArgumentException("EdgeMap.tensor: no maps");
        }
        int w = maps.get(0).width;
        int h = maps.get(0).height;
        int hw = w * h;
        float[] data = new float[maps.size() * CHANNELS * hw];
        for (int k = 0; k < maps.size(); k++) {
            EdgeMap m = maps.get(k);
            if (m.width != w || m.height != h) {
                throw new IllegalArgumentException("EdgeMap.tensor: map " + k + " is " + m.width + "x" + m.height
                        + " but map 0 is " + w + "x" + h);
            }
            int base = k * CHANNELS * hw;
            for (int i = 0; i < hw; i++) {
                data[base + i] = m.edges[i] ? 1f : 0f;
            }
            System.arraycopy(m.distance, 0, data, base + hw, hw);
        }
        return Tensors.of(data, maps.size(), CHANNELS, h, w);
    }

    /** The edges as a picture: white strokes on black (what {@link #ofDrawing} reads back). */
    public BufferedImage edgesImage() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < edges.length; i++) {
            img.setRGB(i % width, i / width, edges[i] ? 0xFFFFFF : 0);
        }
        return img;
    }

    /** The distance channel as grey levels (black on the edges, white 765 pixels or more away). */
    public BufferedImage distanceImage() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < distance.length; i++) {
            int v = Math.round(distance[i] * 255);
            img.setRGB(i % width, i / width, v << 16 | v << 8 | v);
        }
        return img;
    }
}
