import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.data.Images;
import org.gan4j.singan.Pyramid;
import org.gan4j.singan.Reals;
import org.gan4j.singan.SinGANConfig;
import org.gan4j.singan.SinGANModel;
import org.gan4j.singan.SinGANTrainer;
import org.gan4j.torch.Engine;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Scope;

/**
 * Times SinGAN training per iteration at every scale (the figure docs/benchmarks.md compares with the official
 * code). Each scale runs `iters` iterations; the first `warmup` are not timed. Usage, from the project folder:
 *
 * <pre>
 * mvn -q -DskipTests package
 * java -cp "target/gan4j.jar" -Dgan4j.threads=1 bench/SinGANBench.java IMAGE MAX_SIZE ITERS [WARMUP [COARSE_ITERS]]
 * </pre>
 * COARSE_ITERS (default ITERS) is the number of iterations of every scale but the finest, to time the finest
 * scale alone quickly.
 * Prints one line per scale (size, channels, ms/iteration) and the sum over scales, and the process's peak RSS.
 */
public class SinGANBench {
    public static void main(String[] a) throws Exception {
        Path image = Path.of(a[0]);
        int maxSize = Integer.parseInt(a[1]);
        int iters = Integer.parseInt(a[2]);
        int warmup = a.length > 3 ? Integer.parseInt(a[3]) : 2;
        int coarseIters = a.length > 4 ? Integer.parseInt(a[4]) : iters; // e.g. 2: time only the finest scale
        Engine.init();
        BufferedImage img = Images.read(image);
        SinGANConfig c = SinGANConfig.paper().withMaxSize(maxSize).withIters(Math.max(iters, 2)).withSeed(1);
        Pyramid p = Pyramid.plan(img.getHeight(), img.getWidth(), c);
        List<Tensor> reals = Reals.build(ImageTensors.fromImage(img), p);
        SinGANTrainer t = new SinGANTrainer(c, p, reals, new SinGANModel(c, p.scaleFactor()), null, null);
        System.out.printf("image %s, max size %d, %d scales, threads %d%n", image, maxSize, p.scales(), Engine.threads());
        double total = 0;
        for (int s = 0; s < p.scales(); s++) {
            Engine.intraOpThreads(t.intraThreads()); // as TrainLoop does around a stage
            t.beginStage(s, 0);
            long t0 = 0;
            int its = s == p.stopScale() ? iters : Math.max(coarseIters, warmup + 1);
            for (int i = 0; i < its; i++) {
                if (i == warmup) {
                    t0 = System.nanoTime();
                }
                try (Scope sc = new Scope()) {
                    t.step(s, i);
                }
            }
            double ms = (System.nanoTime() - t0) / 1e6 / (its - warmup);
            total += ms;
            System.out.printf("scale %d  %4dx%-4d  nfc %3d  %8.1f ms/iter%n", s, p.widths()[s], p.heights()[s],
                    c.channelsAt(s), ms);
            t.endStage(s);
            Engine.intraOpThreads(1);
        }
        System.out.printf("sum over scales: %.3f s per iteration%n", total / 1000);
        System.out.println("peak RSS: " + peakRssMb() + " MB");
    }

    static long peakRssMb() throws Exception {
        for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }
}
