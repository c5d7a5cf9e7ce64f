import java.nio.file.Path;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.metrics.SlicedWasserstein;
import org.gan4j.singan.Sampler;
import org.gan4j.singan.SinGAN;
import org.gan4j.singan.SinGANModel;
import org.gan4j.singan.consingan.ConSinGAN;
import org.gan4j.singan.consingan.ConSinGANModel;
import org.gan4j.singan.consingan.Sampling;
import org.gan4j.torch.Rng;
import org.gan4j.torch.Engine;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Resize;
import org.gan4j.torch.Scope;

/**
 * Patch statistics of SinGAN and ConSinGAN samples against the training image: the Laplacian-pyramid patch SWD (x1000, lower is
 * closer) of COUNT random samples of each model against its real image at the finest scale, with two references on
 * the same real image: its own patches (the floor: two draws of patches from one image) and the real image blurred
 * by a x4 down- and up-sampling (what a sampler that lost all fine texture would score). Usage:
 *
 * <pre>
 * mvn -q -DskipTests package
 * java -cp target/gan4j.jar bench/SinGANQuality.java COUNT LAST RUN_OR_MODEL [RUN_OR_MODEL ...]
 * </pre>
 * LAST is the scale to compare at (-1: each model's finest), so that a run still training its last scale can be
 * compared with another at the scales both have finished.
 */
public class SinGANQuality {
    public static void main(String[] a) throws Exception {
        int count = Integer.parseInt(a[0]);
        int lastArg = Integer.parseInt(a[1]);
        Engine.init();
        for (int k = 2; k < a.length; k++) {
            Path run = Path.of(a[k]);
            try (Scope s = new Scope()) {
                Tensor real;
                Tensor fake;
                String what;
                if (ConSinGAN.isConSinGAN(run)) { // the model's training size only (lastArg is ignored)
                    ConSinGANModel m = ConSinGAN.load(run);
                    real = m.reals().get(m.finest());
                    fake = Sampling.generate(m, count, 1, 1, Rng.seeded(11));
                    what = "ConSinGAN, " + m.config().preset() + ", " + m.config().niter() + " iters";
                } else {
                    SinGANModel m = SinGAN.load(run);
                    int last = lastArg < 0 ? m.finest() : lastArg;
                    real = m.scale(last).real();
                    fake = Sampler.generate(m, Sampler.Request.random(count).withNoise(Rng.seeded(11)),
                            last);
                    what = "SinGAN, " + m.config().preset() + ", " + m.config().niter() + " iters, scale " + last;
                }
                int levels = SlicedWasserstein.levelsFor(real.size(2), real.size(3));
                // 8-bit round trip, as the samples a user gets
                Tensor samples = ImageTensors.fromImages(ImageTensors.toImages(fake));
                String out = System.getProperty("out"); // -Dout=DIR also writes the first 8 samples as PNGs
                if (out != null) {
                    var imgs = ImageTensors.toImages(samples.narrow(0, 0, Math.min(8, count)));
                    for (int i = 0; i < imgs.size(); i++) {
                        org.gan4j.data.Images.writePng(Path.of(out, (k - 2) + "-" + i + ".png"), imgs.get(i));
                    }
                }
                if (k == 2) {
                    report("real vs real (floor)", SlicedWasserstein.patchSwd(real, real, levels, 4096, 4, 3));
                    Tensor small = Resize.imresize(real, 0.25);
                    Tensor blurred = Resize.imresizeTo(small, (int) real.size(2), (int) real.size(3));
                    report("real blurred x4 (reference)", SlicedWasserstein.patchSwd(blurred, real, levels, 4096, 4, 3));
                }
                report(a[k] + " (" + what + ", " + real.size(3) + "x" + real.size(2) + ", " + count + " samples)",
                        SlicedWasserstein.patchSwd(samples, real, levels, 4096, 4, 3));
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
