package org.gan4j.data;

import java.nio.file.Path;
import org.gan4j.Gan4jException;

/**
 * How a set of label files encodes class ids, and so how many one-hot channels they become: {@code labelNc}
 * classes with ids 0..labelNc−1, whether the file value 255 means "don't care", and an optional palette for
 * colour-coded files.
 *
 * <p>SPADE (NVlabs/SPADE, {@code data/pix2pix_dataset.py}) reads a label file's stored values and sets every 255
 * to {@code label_nc} ("'unknown' is opt.label_nc"); with {@code contain_dontcare_label} (the COCO-Stuff and
 * ADE20K presets) the one-hot input has {@code label_nc + 1} channels, the last one for "unknown". gan4j does
 * the same when {@code dontCare} is set, and without it refuses 255 with a one-line error where SPADE's
 * {@code scatter_} would fail inside the native code. ADE20K's own files store "unknown" as 0 and the classes as
 * 1..150, which SPADE's ADE20K loader shifts down by one; gan4j reads values as stored, so such files must be
 * converted first (id − 1, with 0 written as 255) or read with {@code labelNc} 151 and 0 as a class.
 *
 * @param labelNc  number of classes; ids are 0..labelNc−1
 * @param dontCare whether the file value 255 marks unlabelled pixels (mapped to id {@code labelNc})
 * @param palette  for colour-coded label images, the colour → id table; null for files of ids
 */
public record LabelCoding(int labelNc, boolean dontCare, Palette palette) {

    public LabelCoding {
        if (labelNc < 1) {
            throw new Gan4jException("--label-nc must be at least 1, got " + labelNc);
        }
        if (dontCare && labelNc > LabelMaps.DONT_CARE) {
            throw new Gan4jException("--dontcare marks value 255 as unlabelled, but --label-nc " + labelNc
                    + " makes 255 a class id; use --label-nc 255 or less, or drop --dontcare");
        }
    }

    /** Files of ids, no don't-care value. */
    public static LabelCoding of(int labelNc) {
        return new LabelCoding(labelNc, false, null);
    }

    /** The one-hot channels of a label map: {@code labelNc}, plus one for don't-care. */
    public int channels() {
        return labelNc + (dontCare ? 1 : 0);
    }

    /** The checked class ids of a label file (see {@link LabelMaps#checked}). */
    public LabelMap read(Path file) {
        LabelMap stored = palette == null ? LabelMaps.read(file) : LabelMaps.read(file, palette);
        return LabelMaps.checked(stored, file.toString(), labelNc, dontCare);
    }
}
