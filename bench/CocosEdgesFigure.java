import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gan4j.cocosnet.CocosModel;
import org.gan4j.data.EdgeMap;
import org.gan4j.data.Images;
import org.gan4j.data.Scenes;
import org.gan4j.torch.Engine;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Resize;
import org.gan4j.torch.Scope;
import org.gan4j.train.SampleGrid;

/**
 * docs/cocosnet.md's edge-map picture from a trained 64-px {@code --input edges} run on builtin:scenes: held-out
 * scenes' photos as inputs (their computed edges shown), held-out exemplars, the warped exemplar, the output and the
 * truth (the input's layout painted in the exemplar's look); then a hand-made edge drawing (a horizon and a hill) with
 * the same exemplars. Images shown 4× larger.
 *
 * <pre>
 * mvn -q -DskipTests package && java -cp target/gan4j.jar bench/CocosEdgesFigure.java RUN OUTDIR
 * </pre>
 */
public class CocosEdgesFigure {
    static final int[][] PAIRS = {{100003, 100021}, {100010, 100040}, {100017, 100055}, {100026, 100008}};

    public static void main(String[] a) throws Exception {
        Path out = Files.createDirectories(Path.of(a[1]));
        Engine.init();
        try (CocosModel m = CocosModel.load(Path.of(a[0])); Scope s = new Scope()) {
            List<BufferedImage> cells = new ArrayList<>();
            for (int[] p : PAIRS) {
                BufferedImage photo = Scenes.pair(p[0], 64, 64).image();
                BufferedImage ex = Scenes.pair(p[1], 64, 64).image();
                row(cells, m, EdgeMap.ofPhoto(photo), ex, Scenes.pair(p[0], p[1], 64, 64).image());
            }
            Images.writePng(out.resolve("edges-examples.png"), SampleGrid.tile(cells, 5, SampleGrid.DEFAULT_GAP));
            List<BufferedImage> drawn = new ArrayList<>();
            BufferedImage drawing = drawing();
            Images.writePng(out.resolve("drawing.png"), drawing);
            for (int[] p : PAIRS) {
                row(drawn, m, EdgeMap.ofDrawing(drawing, "drawing"), Scenes.pair(p[1], 64, 64).image(), null);
            }
            Images.writePng(out.resolve("edges-drawing.png"), SampleGrid.tile(drawn, 4, SampleGrid.DEFAULT_GAP));
        }
    }

    /** Edges, exemplar, warped exemplar, output (and the truth when given), each 4× larger. */
    static void row(List<BufferedImage> cells, CocosModel m, EdgeMap map, BufferedImage ex, BufferedImage truth) {
        CocosModel.Translation t = m.translate(map, ex, 64);
        cells.add(x4(map.edgesImage()));
        cells.add(x4(ex));
        cells.add(x4(ImageTensors.toImage(Resize.nearest(t.warp().warped(), 64, 64))));
        cells.add(x4(ImageTensors.toImage(t.image())));
        if (truth != null) {
            cells.add(x4(truth));
        }
    }

    /** A 64-px edge drawing, one-pixel white strokes on black: a horizon at a third of the height and a hill below it. */
    static BufferedImage drawing() {
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(1f));
        g.drawLine(1, 22, 62, 22);
        g.drawArc(8, 30, 40, 30, 0, 180);
        g.dispose();
        return img;
    }

    static BufferedImage x4(BufferedImage img) {
        BufferedImage big = new BufferedImage(img.getWidth() * 4, img.getHeight() * 4, BufferedImage.TYPE_INT_RGB);
        big.getGraphics().drawImage(img.getScaledInstance(big.getWidth(), big.getHeight(), java.awt.Image.SCALE_FAST), 0,
                0, null);
        return big;
    }
}
