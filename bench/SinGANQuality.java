import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.metrics.SlicedWasserstein;
import org.gan4j.singan.SinGAN;
import org.gan4j.singan.SinGANModel;
import org.gan4j.torch.Engine;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Resize;
import org.gan4j.torch.Scope;

/**
 * Patch statistics of SinGAN samples against the training image: the Laplacian-pyramid patch SWD (x1000, lower is
 * closer) of COUNT random samples of each model against its real image at the finest scale, with two references on
 * the same real image: its own patches (the floor: two draws of patches from one image) and the real image blurred
 * by a x4 down- and up-sampling (what a sampler that lost all fine texture would score). Usage:
 *
 * <pre>
 * mvn -q -DskipTests package
 * java -cp target/gan4j.jar bench/SinGANQuality.java COUNT RUN_OR_MODEL [RUN_OR_MODEL ...]
 * </pre>
 */
public class SinGANQuality {
    public static void main(String[] a) throws Exception {
        int count = Integer.parseInt(a[0]);
        Engine.init();
        for (int k = 1; k < a.length; k++) {
            SinGANModel m = SinGAN.load(Path.of(a[k]));
            try (Scope s = new Scope()) {
                Tensor real = m.scale(m.finest()).real();
                int levels = SlicedWasserstein.levelsFor(real.size(2), real.size(3));
                List<Tensor> imgs = new ArrayList<>();
                for (var img : SinGAN.sample(m, count, 1, 1, 0, 11)) {
                    imgs.add(ImageTensors.fromImage(img));
                }
                TensorVector tv = new TensorVector(imgs.toArray(new Tensor[0]));
                Tensor samples = torch.cat(tv, 0);
                if (k == 1) {
                    report("real vs real (floor)", SlicedWasserstein.patchSwd(real, real, levels, 4096, 4, 3));
                    Tensor small = Resize.imresize(real, 0.25);
                    Tensor blurred = Resize.imresizeTo(small, (int) real.size(2), (int) real.size(3));
                    report("real blurred x4 (reference)", SlicedWasserstein.patchSwd(blurred, real, levels, 4096, 4, 3));
                }
                report(a[k] + " (" + m.config().preset() + ", " + m.config().niter() + " iters, " + count + " samples)",
                        SlicedWasserstein.patchSwd(samples, real, levels, 4096 / count + 1, 4, 3));
            }
        }
    }

    static void report(String what, SlicedWasserstein.Result r) {
        StringBuilder sb = new StringBuilder();
        for (double v : r.perLevel()) {
            sb.append(String.format(" %6.1f", v));
        }
        System.out.printf("%-70s mean %6.1f | per level (fine..coarse)%s%n", what, r.mean(), sb);
    }
}
