package org.gan4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.StateDict;
import org.gan4j.torch.Tensors;

/**
 * A method's outputs at a fixed seed against a stored fixture ({@code src/test/resources/fixed-seed/}, see its
 * README): compared within a tolerance, rewritten with {@code -Dgan4j.fixedSeed.rewrite=true}, and summarised
 * (SHA-256 of the raw float32 values, largest difference) in {@code target/fixed-seed/NAME.txt}.
 */
public final class FixedSeedOutputs {

    /** The system property that rewrites the fixtures instead of comparing with them. */
    public static final String REWRITE = "gan4j.fixedSeed.rewrite";

    private static final Path SOURCE = Path.of("src/test/resources/fixed-seed");
    private static final Path REPORT = Path.of("target/fixed-seed");

    private FixedSeedOutputs() {}

    /**
     * Checks {@code outputs} against the fixture {@code NAME.pt}: the same keys and shapes, and every value
     * within {@code tolerance} (absolute).
     */
    public static void check(String name, Map<String, Tensor> outputs, double tolerance) {
        String capability = torch.get_cpu_capability().getString();
        StringBuilder report = new StringBuilder();
        report.append("cpu_capability ").append(capability).append('\n');
        report.append("ATEN_CPU_CAPABILITY ").append(System.getenv("ATEN_CPU_CAPABILITY")).append('\n');
        MessageDigest all = sha256();
        for (Map.Entry<String, Tensor> e : outputs.entrySet()) {
            byte[] raw = rawFloats(e.getValue());
            all.update(raw);
            report.append("sha256 ").append(e.getKey()).append(' ').append(hex(sha256().digest(raw))).append('\n');
        }
        report.append("sha256 all ").append(hex(all.digest())).append('\n');
        try {
            Files.createDirectories(REPORT);
            PtFile.save(REPORT.resolve(name + "-" + capability + ".pt"), StateDict.of(outputs));
            if (Boolean.getBoolean(REWRITE)) {
                Files.createDirectories(SOURCE);
                PtFile.save(SOURCE.resolve(name + ".pt"), StateDict.of(outputs));
                report.append("rewrote ").append(SOURCE.resolve(name + ".pt")).append('\n');
                Files.writeString(REPORT.resolve(name + ".txt"), report, StandardCharsets.UTF_8);
                return;
            }
            Map<String, Tensor> expected = StateDict.tensors(PtFile.load(fixture(name)), name + ".pt");
            assertThat(outputs.keySet()).as(name + " outputs").containsExactlyElementsOf(expected.keySet());
            Map<String, Double> diffs = new LinkedHashMap<>();
            for (String k : expected.keySet()) {
                Tensor want = expected.get(k);
                Tensor got = outputs.get(k).detach();
                assertThat(got.shape()).as(name + " " + k + " shape").containsExactly(want.shape());
                double diff = got.sub(want).abs().max().item_double();
                diffs.put(k, diff);
                report.append("max_abs_diff ").append(k).append(' ').append(diff).append('\n');
            }
            Files.writeString(REPORT.resolve(name + ".txt"), report, StandardCharsets.UTF_8);
            System.out.print(report);
            diffs.forEach((k, diff) -> assertThat(diff).as(name + " " + k + ": largest |difference| from the fixture")
                    .isLessThanOrEqualTo(tolerance));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path fixture(String name) {
        URL url = FixedSeedOutputs.class.getResource("/fixed-seed/" + name + ".pt");
        if (url == null) {
            throw new AssertionError("no fixture fixed-seed/" + name + ".pt: run the test once with -D" + REWRITE + "=true");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] rawFloats(Tensor t) {
        float[] f = Tensors.floats(t);
        ByteBuffer b = ByteBuffer.allocate(4 * f.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(f);
        return b.array();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
