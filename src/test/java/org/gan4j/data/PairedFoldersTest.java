package org.gan4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gan4j.data.LabelMapsTest.grayPng;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.gan4j.Gan4jException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Label and image folders paired by name: matching, resizing with a note, and the one-line errors. */
class PairedFoldersTest {

    @TempDir
    Path tmp;

    private Path labels() {
        return tmp.resolve("labels");
    }

    private Path images() {
        return tmp.resolve("images");
    }

    private static void photo(Path file, int w, int h, Color c, String format) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, w, h);
        g.dispose();
        Files.createDirectories(file.getParent());
        ImageIO.write(img, format, file.toFile());
    }

    @Test
    void pairsFilesByNameWhateverTheirExtension() throws Exception {
        grayPng(labels().resolve("a.png"), 4, 2, 0, 1, 2, 3, 3, 2, 1, 0);
        grayPng(labels().resolve("b.png"), 4, 2, 1, 1, 1, 1, 1, 1, 1, 1);
        photo(images().resolve("a.jpg"), 4, 2, Color.BLUE, "jpg");
        photo(images().resolve("b.bmp"), 4, 2, Color.RED, "bmp");
        PairedFolders d = PairedFolders.open(labels(), images(), null, LabelCoding.of(4));
        assertThat(d.size()).isEqualTo(2);
        assertThat(d.imageFile(0).getFileName().toString()).isEqualTo("a.jpg");
        assertThat(d.labelFile(1).getFileName().toString()).isEqualTo("b.png");
        assertThat(d.notes()).isEmpty();
        assertThat(d.hasInstances()).isFalse();
        ScenePair p = d.pair(0);
        assertThat(p.labels().ids()).containsExactly(0, 1, 2, 3, 3, 2, 1, 0);
        assertThat(new Color(d.pair(1).image().getRGB(2, 1)).getRed()).isGreaterThan(200);
        assertThat(p.instances()).isNull();
        // Stretched to another size: labels by nearest neighbour, so only their own ids.
        ScenePair big = d.pair(0, 8, 4);
        assertThat(big.labels().ids()).containsOnly(0, 1, 2, 3);
        assertThat(big.image().getWidth()).isEqualTo(8);
        assertThat(d.describe()).contains("2 pairs from " + labels()).contains("(4 classes)");
    }

    @Test
    void imagesOfAnotherSizeAreResizedToTheirLabelMapsWithOneNote() throws Exception {
        for (String n : new String[] {"0001", "0002", "0003"}) {
            grayPng(labels().resolve(n + ".png"), 6, 4, new int[24]);
        }
        photo(images().resolve("0001.png"), 6, 4, Color.GREEN, "png");
        photo(images().resolve("0002.png"), 12, 8, Color.GREEN, "png");
        photo(images().resolve("0003.png"), 3, 5, Color.GREEN, "png");
        PairedFolders d = PairedFolders.open(labels(), images(), null, LabelCoding.of(1));
        assertThat(d.notes()).containsExactly("2 of 3 images differ in size from their label maps and are resized to"
                + " them (the first: " + images().resolve("0002.png") + " is 12x8, " + labels().resolve("0002.png")
                + " 6x4)");
        BufferedImage img = d.pair(1).image();
        assertThat(img.getWidth()).isEqualTo(6);
        assertThat(img.getHeight()).isEqualTo(4);
        assertThat(new Color(img.getRGB(3, 2)).getGreen()).isGreaterThan(200);
    }

    @Test
    void theFirstFileWithoutAPartnerIsNamed() throws Exception {
        grayPng(labels().resolve("0001.png"), 2, 2, new int[4]);
        grayPng(labels().resolve("0007.png"), 2, 2, new int[4]);
        grayPng(labels().resolve("0009.png"), 2, 2, new int[4]);
        photo(images().resolve("0001.jpg"), 2, 2, Color.GRAY, "jpg");
        assertThatThrownBy(() -> PairedFolders.open(labels(), images(), null, LabelCoding.of(3)))
                .isInstanceOf(Gan4jException.class)
                .hasMessage(labels().resolve("0007.png") + " has no image in " + images() + " (expected "
                        + images().resolve("0007") + ".*); 2 files lack one — files are paired by name without extension");
        photo(images().resolve("0007.jpg"), 2, 2, Color.GRAY, "jpg");
        photo(images().resolve("0009.jpg"), 2, 2, Color.GRAY, "jpg");
        photo(images().resolve("0010.jpg"), 2, 2, Color.GRAY, "jpg");
        assertThatThrownBy(() -> PairedFolders.open(labels(), images(), null, LabelCoding.of(3)))
                .hasMessage(images().resolve("0010.jpg") + " has no label map in " + labels() + " (expected "
                        + labels().resolve("0010") + ".*) — files are paired by name without extension");
    }

    @Test
    void emptyMissingAndAmbiguousFoldersAreOneLineErrors() throws Exception {
        Files.createDirectories(labels());
        Files.writeString(labels().resolve("readme.txt"), "nothing here");
        photo(images().resolve("a.png"), 2, 2, Color.GRAY, "png");
        assertThatThrownBy(() -> PairedFolders.open(labels(), images(), null, LabelCoding.of(3)))
                .isInstanceOf(Gan4jException.class)
                .hasMessage("--labels " + labels() + " holds no label maps (searched it and its sub-folders for .png,"
                        + " .jpg, .jpeg, .bmp, .gif, .tif, .tiff files)");
        assertThatThrownBy(() -> PairedFolders.open(tmp.resolve("nowhere"), images(), null, LabelCoding.of(3)))
                .hasMessage("--labels folder not found: " + tmp.resolve("nowhere") + " (give the folder of label maps)");
        grayPng(labels().resolve("a.png"), 2, 2, new int[4]);
        grayPng(labels().resolve("a.bmp"), 2, 2, new int[4]);
        assertThatThrownBy(() -> PairedFolders.open(labels(), images(), null, LabelCoding.of(3)))
                .hasMessage(labels().resolve("a.bmp") + " and " + labels().resolve("a.png") + " have the same name;"
                        + " keep one of them (files are paired by name without extension)");
    }

    @Test
    void badLabelValuesFailWhenTheFoldersAreOpened() throws Exception {
        grayPng(labels().resolve("x.png"), 3, 1, 0, 1, 40);
        photo(images().resolve("x.jpg"), 3, 1, Color.GRAY, "jpg");
        assertThatThrownBy(() -> PairedFolders.open(labels(), images(), null, LabelCoding.of(35)))
                .isInstanceOf(Gan4jException.class)
                .hasMessageStartingWith(labels().resolve("x.png") + ": label value 40 at (x=2, y=0) is >= --label-nc 35;");
    }

    @Test
    void instanceMapsArePairedAndMustMatchTheirLabelMaps() throws Exception {
        Path inst = tmp.resolve("inst");
        grayPng(labels().resolve("a.png"), 2, 2, 0, 0, 1, 255);
        photo(images().resolve("a.jpg"), 2, 2, Color.GRAY, "jpg");
        grayPng(inst.resolve("a.png"), 2, 2, 5, 6, 6, 6);
        PairedFolders d = PairedFolders.open(labels(), images(), inst, new LabelCoding(2, true, null));
        assertThat(d.hasInstances()).isTrue();
        assertThat(d.channels()).isEqualTo(3);
        ScenePair p = d.pair(0);
        assertThat(p.labels().ids()).containsExactly(0, 0, 1, 2);
        assertThat(p.instances().ids()).containsExactly(5, 6, 6, 6);
        grayPng(inst.resolve("a.png"), 3, 2, new int[6]);
        assertThatThrownBy(() -> PairedFolders.open(labels(), images(), inst, new LabelCoding(2, true, null)))
                .hasMessage(inst.resolve("a.png") + " is 3x2 but its label map " + labels().resolve("a.png")
                        + " is 2x2; an instance map must match its label map pixel for pixel");
        Files.delete(inst.resolve("a.png"));
        grayPng(inst.resolve("b.png"), 2, 2, new int[4]);
        assertThatThrownBy(() -> PairedFolders.open(labels(), images(), inst, new LabelCoding(2, true, null)))
                .hasMessageStartingWith(labels().resolve("a.png") + " has no instance map in " + inst);
    }
}
