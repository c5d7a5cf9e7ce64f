import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Engine;
import org.gan4j.torch.PtFile;

/**
 * Saves and loads one big float32 tensor with PtFile and prints the times: the smoke test that checkpoint I/O
 * streams native memory (run it with a heap far smaller than the tensor). Usage, from the project folder:
 *
 * <pre>
 * mvn -q compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx64m -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -cp target/classes:$(cat target/cp.txt) \
 *     bench/PtFileBench.java [numel] [file]
 * </pre>
 *
 * <p>(JavaCPP refuses native allocations once the process's resident memory exceeds a multiple of -Xmx; the
 * property lifts that guard, which a 64 MB heap would otherwise hit while holding two 200 MB tensors.)
 * Set KEEP=1 to keep the file, e.g. to time Python's torch.load on it.
 */
public class PtFileBench {
    public static void main(String[] args) throws Exception {
        long numel = args.length > 0 ? Long.parseLong(args[0]) : 50_000_000L;
        Path file = Path.of(args.length > 1 ? args[1] : "target/bench-big.pt");
        Engine.init();
        torch.manual_seed(0);
        Tensor t = torch.randn(numel);
        for (int run = 1; run <= 3; run++) {
            long t0 = System.nanoTime();
            PtFile.save(file, Map.of("w", t));
            long t1 = System.nanoTime();
            Tensor back = (Tensor) ((Map<?, ?>) PtFile.load(file)).get("w");
            long t2 = System.nanoTime();
            boolean same = torch.equal(t, back);
            Runtime rt = Runtime.getRuntime();
            System.out.printf("run %d: %d MB file, save %.2f s, load %.2f s, equal %s, heap used %d MB of max %d MB%n",
                    run, Files.size(file) >> 20, (t1 - t0) / 1e9, (t2 - t1) / 1e9, same,
                    (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
        }
        if (System.getenv("KEEP") == null) {
            Files.delete(file);
        }
    }
}
