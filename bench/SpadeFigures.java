import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.data.Images;
import org.gan4j.data.LabelMap;
import org.gan4j.data.LabelMaps;
import org.gan4j.data.ScenePair;
import org.gan4j.data.Scenes;
import org.gan4j.spade.ConvEncoder;
import org.gan4j.spade.SpadeModel;
import org.gan4j.spade.Synthesis;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Rng;
import org.gan4j.torch.Scope;
import org.gan4j.train.SampleGrid;

/**
 * The figures of docs/spade.md from a SPADE run trained on builtin:scenes with the style encoder, on label maps and
 * style photos of scenes 20000 and up (never seen in training, which uses scenes 0..9999).
 *
 *   java -cp target/gan4j.jar bench/SpadeFigures.java RUN OUT_DIR
 */
public class SpadeFigures {

    static final int BASE = 20_000;

    public static void main(String[] args) throws Exception {
        Path run = Path.of(args[0]);
        Path out = Files.createDirectories(Path.of(args[1]));
        try (SpadeModel m = SpadeModel.load(run); Scope s = new Scope()) {
            int px = m.nets().width();
            // 1. label map | its scene's photo | synthesis in that photo's style | synthesis from a random z
            List<BufferedImage> cells = new ArrayList<>();
            Rng rng = Rng.seeded(1);
            for (int i = 0; i < 6; i++) {
                ScenePair p = Scenes.pair(BASE + i, px, px);
                cells.add(LabelMaps.colourise(p.labels(), Scenes.CLASSES));
                cells.add(p.image());
                cells.add(one(m, p.labels(), m.encode(ImageTensors.fromImage(p.image())).mu()));
                cells.add(one(m, p.labels(), rng.randn(1, ConvEncoder.Z_DIM)));
            }
            write(out.resolve("label-to-photo.png"), cells, 4);
            // 2. one label map in five styles: style photos on top, syntheses below
            LabelMap map = Scenes.pair(BASE + 10, px, px).labels();
            List<BufferedImage> top = new ArrayList<>();
            List<BufferedImage> bottom = new ArrayList<>();
            top.add(LabelMaps.colourise(map, Scenes.CLASSES));
            bottom.add(Scenes.pair(BASE + 10, px, px).image());
            for (int k = 0; k < 5; k++) {
                BufferedImage style = Scenes.pair(BASE + 100 + k, px, px).image();
                top.add(style);
                bottom.add(one(m, map, m.encode(ImageTensors.fromImage(style)).mu()));
            }
            top.addAll(bottom);
            write(out.resolve("one-map-five-styles.png"), top, 6);
            // 3. one style on five label maps
            BufferedImage style = Scenes.pair(BASE + 200, px, px).image();
            Tensor z = m.encode(ImageTensors.fromImage(style)).mu();
            top = new ArrayList<>();
            bottom = new ArrayList<>();
            top.add(style);
            bottom.add(style);
            for (int k = 0; k < 5; k++) {
                LabelMap l = Scenes.pair(BASE + 300 + k, px, px).labels();
                top.add(LabelMaps.colourise(l, Scenes.CLASSES));
                bottom.add(one(m, l, z));
            }
            top.addAll(bottom);
            write(out.resolve("one-style-five-maps.png"), top, 6);
            // 4. multimodal: one map, eight random style codes
            cells = new ArrayList<>();
            cells.add(LabelMaps.colourise(map, Scenes.CLASSES));
            Tensor zs = Rng.seeded(7).randn(7, ConvEncoder.Z_DIM);
            cells.addAll(ImageTensors.toImages(Synthesis.synthesize(m, map, null, zs)));
            write(out.resolve("multimodal.png"), cells, 8);
            // 5. a label map twice as wide as trained
            LabelMap wide = Scenes.pair(BASE + 400, 2 * px, px).labels();
            cells = List.of(LabelMaps.colourise(wide, Scenes.CLASSES), one(m, wide, m.encode(ImageTensors.fromImage(
                    Scenes.pair(BASE + 400, 2 * px, px).image())).mu()), Scenes.pair(BASE + 400, 2 * px, px).image());
            write(out.resolve("wide.png"), cells, 3);
        }
    }

    static BufferedImage one(SpadeModel m, LabelMap l, Tensor z) {
        return ImageTensors.toImage(Synthesis.synthesize(m, l, null, z));
    }

    static void write(Path file, List<BufferedImage> cells, int columns) {
        BufferedImage grid = SampleGrid.tile(cells, columns, SampleGrid.DEFAULT_GAP);
        // 64 px cells are small on a page: draw each pixel 2x2
        BufferedImage big = new BufferedImage(grid.getWidth() * 2, grid.getHeight() * 2, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = big.createGraphics();
        g.drawImage(grid, 0, 0, big.getWidth(), big.getHeight(), null);
        g.dispose();
        Images.writePng(file, big);
        System.out.println("wrote " + file);
    }
}
