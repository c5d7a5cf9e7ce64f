package org.gan4j.data;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gan4j.Gan4jException;
import org.gan4j.torch.Pixels;

/**
 * Label and instance maps as files: read as stored ids, checked against the number of classes, written as
 * 8-bit PNGs or as colour-coded PNGs for viewing. Every error is one line naming the file, the pixel and the fix.
 *
 * <p>A label file holds one class id per pixel: an 8-bit (or 16-bit) grayscale PNG, or a palette-indexed PNG
 * whose indices are the ids (its colours are only for viewing). RGB files whose three channels are equal are
 * read as grayscale. Colour-coded RGB label images are read with a {@link Palette} instead. JPEG is refused:
 * its compression invents ids along every edge.
 */
public final class LabelMaps {

    /** The value that marks unlabelled pixels in label files (COCO-Stuff, SPADE's ADE20K and COCO loaders). */
    public static final int DONT_CARE = 255;

    private LabelMaps() {}

    /**
     * The stored ids of a grayscale or palette-indexed label file (palette indices, not colours), unchecked;
     * {@link LabelCoding#read} also maps don't-care and checks the range.
     */
    public static LabelMap read(Path file) {
        BufferedImage img = readLossless(file, "label map");
        int w = img.getWidth();
        int h = img.getHeight();
        Raster r = img.getRaster();
        ColorModel cm = img.getColorModel();
        if (cm instanceof IndexColorModel || cm.getNumColorComponents() == 1) {
            return new LabelMap(w, h, r.getSamples(0, 0, w, h, 0, new int[w * h]));
        }
        int[] px = Pixels.rgb(img);
        int[] ids = new int[px.length];
        for (int i = 0; i < px.length; i++) {
            int v = px[i];
            int red = v >>> 16 & 0xFF;
            if ((v >>> 8 & 0xFF) != red || (v & 0xFF) != red) {
                throw new Gan4jException(file + " is a colour image (pixel (x=" + i % w + ", y=" + i / w + ") is "
                        + Palette.hex(v) + "); label maps are grayscale or palette-indexed PNGs of class ids,"
                        + " or give --palette FILE.json to read colour-coded labels");
            }
            ids[i] = red;
        }
        return new LabelMap(w, h, ids);
    }

    /**
     * The ids of a colour-coded label image: each pixel's colour looked up in {@code palette} (for a
     * palette-indexed file, the colour its index stands for). A colour the palette lacks is an error naming it,
     * its first pixel and how many pixels have unknown colours.
     */
    public static LabelMap read(Path file, Palette palette) {
        BufferedImage img = readLossless(file, "label image");
        int w = img.getWidth();
        int[] px = Pixels.rgb(img);
        int[] ids = new int[px.length];
        int lastRgb = -1;
        int lastId = -1;
        int first = -1;
        int unknown = 0;
        for (int i = 0; i < px.length; i++) {
            int v = px[i];
            if (v != lastRgb) {
                lastRgb = v;
                lastId = palette.idOf(v);
            }
            if (lastId < 0) {
                if (first < 0) {
                    first = i;
                }
                unknown++;
            }
            ids[i] = lastId;
        }
        if (first >= 0) {
            throw new Gan4jException(file + ": colour " + Palette.hex(px[first]) + " at (x=" + first % w + ", y="
                    + first / w + ") is not in the palette " + palette.source() + (unknown > 1 ? " (" + unknown
                    + " pixels have colours it lacks)" : "") + "; add the colour with its class id to the palette,"
                    + " or repaint those pixels (antialiased or JPEG-saved label images blend colours along edges)");
        }
        return new LabelMap(w, img.getHeight(), ids);
    }

    /**
     * The ids of an instance map: stored gray values (8 or 16 bits, as Cityscapes' {@code *_instanceIds.png}),
     * palette indices, or, for an RGB file, the packed colour {@code 0xRRGGBB} (any colour per instance). Only
     * equality matters: instance maps become edge maps.
     */
    public static LabelMap readInstances(Path file) {
        BufferedImage img = readLossless(file, "instance map");
        int w = img.getWidth();
        int h = img.getHeight();
        ColorModel cm = img.getColorModel();
        if (cm instanceof IndexColorModel || cm.getNumColorComponents() == 1) {
            return new LabelMap(w, h, img.getRaster().getSamples(0, 0, w, h, 0, new int[w * h]));
        }
        return new LabelMap(w, h, Pixels.rgb(img));
    }

    /**
     * The class ids of {@code stored} for a model with {@code labelNc} classes: with {@code dontCare}, the file
     * value {@value #DONT_CARE} becomes {@code labelNc} (SPADE's "unknown" class, the extra one-hot channel);
     * any other value {@code >= labelNc} (or negative) is an error naming {@code file}, the first such value and
     * its pixel, how many pixels are out of range, and the fix.
     * Returns {@code stored} itself when nothing changes.
     */
    public static LabelMap checked(LabelMap stored, String file, int labelNc, boolean dontCare) {
        int[] ids = stored.ids();
        int[] out = null;
        int bad = -1;
        int badCount = 0;
        int maxBad = -1;
        for (int i = 0; i < ids.length; i++) {
            int v = ids[i];
            if (v >= 0 && v < labelNc) {
                continue;
            }
            if (dontCare && v == DONT_CARE) {
                if (out == null) {
                    out = ids.clone();
                }
                out[i] = labelNc;
                continue;
            }
            if (bad < 0) {
                bad = i;
            }
            badCount++;
            if (v != DONT_CARE) {
                maxBad = Math.max(maxBad, v);
            }
        }
        if (bad >= 0) {
            int v = ids[bad];
            int w = stored.width();
            String what = file + ": label value " + v + " at (x=" + bad % w + ", y=" + bad / w + ") ";
            String others = badCount > 1 ? " (" + badCount + " pixels are out of range)" : "";
            if (v < 0) {
                throw new Gan4jException(what + "is negative" + others + "; class ids are 0 to " + (labelNc - 1));
            }
            String fix;
            if (v == DONT_CARE) {
                fix = "; if 255 marks unlabelled pixels add --dontcare, else raise --label-nc to 256";
            } else if (dontCare) {
                fix = " and is not the don't-care value 255; raise --label-nc to " + (maxBad + 1)
                        + ", or set those pixels to 255 to ignore them";
            } else {
                fix = "; raise --label-nc to " + (maxBad + 1) + ", or set those pixels to 255 and add --dontcare to ignore them";
            }
            throw new Gan4jException(what + "is >= --label-nc " + labelNc + others + fix);
        }
        return out == null ? stored : new LabelMap(stored.width(), stored.height(), out);
    }

    /** Writes {@code labels} as an 8-bit grayscale PNG of the ids (which must be 0..255), atomically. */
    public static void writePng(Path file, LabelMap labels) {
        int[] ids = labels.ids();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] > 255) {
                throw new Gan4jException("cannot write " + file + " as an 8-bit label PNG: id " + ids[i] + " at (x="
                        + i % labels.width() + ", y=" + i / labels.width() + ") is outside 0..255; write it colour-coded");
            }
        }
        BufferedImage img = new BufferedImage(labels.width(), labels.height(), BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSamples(0, 0, labels.width(), labels.height(), 0, ids);
        Images.writePng(file, img);
    }

    /** Writes {@code labels} in the palette's colours ({@link Palette#rgb}; unknown ids get a fixed colour each). */
    public static void writeColourPng(Path file, LabelMap labels, Palette palette) {
        Images.writePng(file, colourise(labels, palette));
    }

    /** {@code labels} drawn in the palette's colours, as an RGB image. */
    public static BufferedImage colourise(LabelMap labels, Palette palette) {
        int[] ids = labels.ids();
        int[] px = new int[ids.length];
        int lastId = Integer.MIN_VALUE;
        int lastRgb = 0;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != lastId) {
                lastId = ids[i];
                lastRgb = palette.rgb(lastId);
            }
            px[i] = lastRgb;
        }
        return Pixels.fromRgb(px, labels.width(), labels.height());
    }

    /** Decodes {@code file} with {@link Images}, refusing JPEG (lossy compression blends ids along edges). */
    private static BufferedImage readLossless(Path file, String what) {
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                byte[] head = in.readNBytes(2);
                if (head.length == 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8) {
                    throw new Gan4jException("Cannot read " + what + " " + file + ": it is a JPEG, whose lossy"
                            + " compression changes ids along every edge; save " + what + "s as PNG");
                }
            } catch (IOException e) {
                // Images.readStored reports unreadable files.
            }
        }
        return Images.readStored(file);
    }
}
