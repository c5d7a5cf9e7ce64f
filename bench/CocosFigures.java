import java.awt.Image;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gan4j.cocosnet.CocosModel;
import org.gan4j.cocosnet.CorrespondencePicture;
import org.gan4j.data.Images;
import org.gan4j.data.LabelMaps;
import org.gan4j.data.ScenePair;
import org.gan4j.data.Scenes;
import org.gan4j.torch.Engine;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Resize;
import org.gan4j.torch.Scope;
import org.gan4j.train.SampleGrid;

/**
 * docs/cocosnet.md's correspondence pictures from a trained 64-px run on builtin:scenes: held-out scene 100003's label
 * map with scene 100021 as exemplar, and with its own picture rendered at 72 px, cropped at (5, 3) and mirrored (a
 * pseudo pair); each as the correspondence lines (images shown 4× larger) and a strip of map, exemplar, warped
 * exemplar, output and truth.
 *
 * <pre>
 * mvn -q -DskipTests package && java -cp target/gan4j.jar bench/CocosFigures.java RUN OUTDIR
 * </pre>
 */
public class CocosFigures {
    public static void main(String[] a) throws Exception {
        Path out = Files.createDirectories(Path.of(a[1]));
        Engine.init();
        try (CocosModel m = CocosModel.load(Path.of(a[0])); Scope s = new Scope()) {
            ScenePair in = Scenes.pair(100003, 64, 64);
            ScenePair other = Scenes.pair(100021, 64, 64);
            ScenePair pseudo = Scenes.pair(100003, 72, 72).cropped(5, 3, 64, 64).mirrored();
            figure(m, in, other, Scenes.pair(100003, 100021, 64, 64).image(), out, "retrieved");
            figure(m, in, pseudo, in.image(), out, "pseudo-pair");
        }
    }

    static void figure(CocosModel m, ScenePair in, ScenePair ex, BufferedImage truth, Path out, String name) {
        CocosModel.Translation t = m.translate(in.labels(), ex.image(), ex.labels(), 64);
        BufferedImage map = LabelMaps.colourise(in.labels(), Scenes.CLASSES);
        Images.writePng(out.resolve(name + "-corr.png"), CorrespondencePicture.draw(x4(map), x4(ex.image()), t.warp().m(),
                16, 16, 2));
        List<BufferedImage> strip = List.of(x4(map), x4(ex.image()),
                x4(ImageTensors.toImage(Resize.nearest(t.warp().warped(), 64, 64))), x4(ImageTensors.toImage(t.image())),
                x4(truth));
        Images.writePng(out.resolve(name + "-strip.png"), SampleGrid.tile(strip, 5, SampleGrid.DEFAULT_GAP));
    }

    static BufferedImage x4(BufferedImage img) {
        BufferedImage big = new BufferedImage(img.getWidth() * 4, img.getHeight() * 4, BufferedImage.TYPE_INT_RGB);
        big.getGraphics().drawImage(img.getScaledInstance(big.getWidth(), big.getHeight(), Image.SCALE_FAST), 0, 0, null);
        return big;
    }
}
