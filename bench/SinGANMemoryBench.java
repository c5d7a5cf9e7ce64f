import java.awt.image.BufferedImage;
import java.nio.file.Files;
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
 * Checks that a 2000-iteration SinGAN scale does not grow native memory: trains the scales of a small image with
 * few iterations, then runs ITERS iterations of the finest scale and prints the process's resident memory every
 * 100 iterations. Usage, from the project folder:
 *
 * <pre>
 * mvn -q -DskipTests package && mkdir -p target/bench && javac -cp target/gan4j.jar -d target/bench bench/SinGANMemoryBench.java
 * MALLOC_ARENA_MAX=2 java -XX:+UseSerialGC -cp target/gan4j.jar:target/bench SinGANMemoryBench IMAGE MAX_SIZE [ITERS]
 * </pre>
 */
public class SinGANMemoryBench {
    public static void main(String[] a) throws Exception {
        Path image = Path.of(a[0]);
        int maxSize = Integer.parseInt(a[1]);
        int iters = a.length > 2 ? Integer.parseInt(a[2]) : 2000;
        Engine.init();
        BufferedImage img = Images.read(image);
        SinGANConfig c = SinGANConfig.paper().withMaxSize(maxSize).withIters(iters).withSeed(1);
        Pyramid p = Pyramid.plan(img.getHeight(), img.getWidth(), c);
        List<Tensor> reals = Reals.build(ImageTensors.fromImage(img), p);
        try (SinGANTrainer t = new SinGANTrainer(c, p, reals, new SinGANModel(c, p.scaleFactor()), null, null)) {
            for (int s = 0; s < p.stopScale(); s++) {
                t.beginStage(s, 0);
                for (int i = 0; i < 3; i++) {
                    try (Scope sc = new Scope()) {
                        t.step(s, i);
                    }
                }
                t.endStage(s);
            }
            int s = p.stopScale();
            t.beginStage(s, 0);
            long t0 = System.nanoTime();
            for (int i = 0; i < iters; i++) {
                try (Scope sc = new Scope()) {
                    t.step(s, i);
                }
                if ((i + 1) % 100 == 0) {
                    System.out.printf("iteration %5d  RSS %5d MB  %.1f ms/iter%n", i + 1, rssMb(),
                            (System.nanoTime() - t0) / 1e6 / (i + 1));
                }
            }
        }
    }

    static long rssMb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }
}
