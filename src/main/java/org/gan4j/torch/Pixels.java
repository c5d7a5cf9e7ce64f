package org.gan4j.torch;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferInt;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * The 8-bit RGB values of any {@link BufferedImage}, as stored in the file: alpha dropped (not composited),
 * gray replicated to R=G=B, 16-bit samples scaled to 8 bits, no colour management.
 *
 * <p>{@code BufferedImage.getRGB} is not used for gray or 16-bit images: Java treats their gray as linear light
 * and gamma-encodes it (stored gray 128 comes back as 188), whereas decoders such as PIL, which SinGAN's
 * reference code reads images with, return the stored values.
 */
public final class Pixels {

    private Pixels() {}

    /** Packed {@code 0xRRGGBB} values, row-major, {@code width*height} of them. */
    public static int[] rgb(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int type = img.getType();
        Raster r = img.getRaster();
        ColorModel cm = img.getColorModel();
        int[] out;
        if ((type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_INT_ARGB)
                && r.getDataBuffer() instanceof DataBufferInt) {
            out = (int[]) r.getDataElements(0, 0, w, h, new int[w * h]);
            for (int i = 0; i < out.length; i++) {
                out[i] &= 0xFFFFFF;
            }
        } else if (cm instanceof IndexColorModel icm) {
            out = palette(icm, r, w, h);
        } else if (cm instanceof ComponentColorModel && isRgbOrGray(cm)
                && (cm.getNumColorComponents() == 3 || cm.getNumColorComponents() == 1)) {
            out = components(cm, r, w, h);
        } else {
            // Packed formats (BMP 565/555, INT_BGR, INT_ARGB_PRE) convert exactly through getRGB; other colour
            // spaces get Java's colour conversion.
            out = img.getRGB(0, 0, w, h, null, 0, w);
            for (int i = 0; i < out.length; i++) {
                out[i] &= 0xFFFFFF;
            }
        }
        return out;
    }

    /** {@code img} itself when it is already {@code TYPE_INT_RGB}, else a {@code TYPE_INT_RGB} copy by {@link #rgb}. */
    public static BufferedImage toIntRgb(BufferedImage img) {
        if (img.getType() == BufferedImage.TYPE_INT_RGB) {
            return img;
        }
        return fromRgb(rgb(img), img.getWidth(), img.getHeight());
    }

    /** A {@code TYPE_INT_RGB} image holding the packed {@code 0xRRGGBB} values {@code px} (row-major). */
    public static BufferedImage fromRgb(int[] px, int w, int h) {
        if (px.length != w * h) {
            throw new IllegalArgumentException("expected " + w + " x " + h + " = " + (w * h) + " pixels, got "
                    + px.length);
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        System.arraycopy(px, 0, intRgbData(out), 0, px.length);
        return out;
    }

    /**
     * The pixel array behind a new {@code TYPE_INT_RGB} image ({@code 0xRRGGBB}, row-major, no padding): filling
     * it directly saves a copy of the whole image.
     */
    public static int[] intRgbData(BufferedImage img) {
        if (img.getType() != BufferedImage.TYPE_INT_RGB || img.getRaster().getParent() != null) {
            throw new IllegalArgumentException("expected a whole TYPE_INT_RGB image, got type " + img.getType());
        }
        return ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
    }

    private static boolean isRgbOrGray(ColorModel cm) {
        int t = cm.getColorSpace().getType();
        return t == ColorSpace.TYPE_RGB || t == ColorSpace.TYPE_GRAY;
    }

    private static int[] palette(IndexColorModel icm, Raster r, int w, int h) {
        int[] lut = new int[icm.getMapSize()];
        icm.getRGBs(lut);
        int[] idx = r.getSamples(0, 0, w, h, 0, new int[w * h]);
        int[] out = new int[w * h];
        for (int i = 0; i < out.length; i++) {
            int k = idx[i];
            out[i] = k < lut.length ? lut[k] & 0xFFFFFF : 0;
        }
        return out;
    }

    private static int[] components(ColorModel cm, Raster r, int w, int h) {
        int n = w * h;
        int bands = cm.getNumColorComponents(); // colour bands come first; alpha, if any, is the last band
        int[][] planes = new int[bands][];
        int transfer = r.getTransferType();
        for (int b = 0; b < bands; b++) {
            if (transfer == DataBuffer.TYPE_FLOAT || transfer == DataBuffer.TYPE_DOUBLE) {
                float[] f = r.getSamples(0, 0, w, h, b, new float[n]);
                int[] p = new int[n];
                for (int i = 0; i < n; i++) {
                    p[i] = (int) Math.round(Math.min(1.0, Math.max(0.0, f[i])) * 255.0);
                }
                planes[b] = p;
            } else {
                planes[b] = to8Bit(r.getSamples(0, 0, w, h, b, new int[n]), cm.getComponentSize(b));
            }
        }
        int[] out = new int[n];
        if (bands == 1) {
            int[] g = planes[0];
            for (int i = 0; i < n; i++) {
                out[i] = g[i] << 16 | g[i] << 8 | g[i];
            }
        } else {
            int[] rr = planes[0];
            int[] gg = planes[1];
            int[] bb = planes[2];
            for (int i = 0; i < n; i++) {
                out[i] = rr[i] << 16 | gg[i] << 8 | bb[i];
            }
        }
        return out;
    }

    /** Scales {@code bits}-bit samples to 8 bits by rounding {@code v * 255 / (2^bits - 1)}, in place. */
    private static int[] to8Bit(int[] v, int bits) {
        if (bits == 8) {
            return v;
        }
        // DEVIATION: the official code reads 16-bit PNGs as uint16 and divides by 255, so nearly every pixel
        // clamps to white; we scale to 8 bits instead, which is what the image means.
        long max = (1L << bits) - 1;
        for (int i = 0; i < v.length; i++) {
            long s = Math.min(max, Math.max(0, v[i]));
            v[i] = (int) ((s * 255 + max / 2) / max);
        }
        return v;
    }
}
