package org.gan4j.metrics;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.gan4j.data.LabelMap;
import org.gan4j.data.Palette;
import org.gan4j.data.SceneDataset;
import org.gan4j.data.ScenePair;

/**
 * A trivially learnable paired dataset for tests: a 4×4 grid of blocks, each of a random class, and a photo that
 * paints every class in its own colour (plus a little noise), so a pixel's colour gives its class. With
 * don't-care, one block per pair is unlabelled (id {@code labelNc}) and painted in a random colour.
 */
public final class ColourBlocks implements SceneDataset {

    private static final int[] COLOURS = {0xD03030, 0x30B040, 0x3050D0, 0xE0D040, 0x909090, 0x202020};

    private final int count;
    private final int classes;
    private final boolean dontCare;

    public ColourBlocks(int count, int classes, boolean dontCare) {
        if (classes > COLOURS.length) {
            throw new IllegalArgumentException("at most " + COLOURS.length + " classes");
        }
        this.count = count;
        this.classes = classes;
        this.dontCare = dontCare;
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public int labelNc() {
        return classes;
    }

    @Override
    public boolean dontCare() {
        return dontCare;
    }

    @Override
    public boolean hasInstances() {
        return false;
    }

    @Override
    public ScenePair pair(int i, int width, int height) {
        Random r = new Random(1000L + i);
        int[] grid = new int[16];
        for (int k = 0; k < 16; k++) {
            grid[k] = r.nextInt(classes);
        }
        int unlabelled = dontCare ? r.nextInt(16) : -1;
        int wild = r.nextInt(0x1000000);
        int[] ids = new int[width * height];
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int block = (y * 4 / height) * 4 + x * 4 / width;
                boolean off = block == unlabelled;
                ids[y * width + x] = off ? classes : grid[block];
                int c = off ? wild : COLOURS[grid[block]];
                int n = r.nextInt(21) - 10;
                img.setRGB(x, y, clamp((c >> 16 & 255) + n) << 16 | clamp((c >> 8 & 255) + n) << 8 | clamp((c & 255) + n));
            }
        }
        return new ScenePair(new LabelMap(width, height, ids), img, null);
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    @Override
    public Palette palette() {
        List<Palette.Entry> e = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            e.add(new Palette.Entry(c, "class " + c, COLOURS[c]));
        }
        return Palette.of("colour blocks", e);
    }

    @Override
    public String describe() {
        return count + " colour-block pairs (" + classes + " classes" + (dontCare ? " and don't-care" : "") + ")";
    }
}
