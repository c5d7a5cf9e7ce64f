package org.gan4j.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python's {@code torch.load} reads what {@link PtFile#save} writes, with the same values: the test writes
 * checkpoints and a description of each, then runs check_java_files.py with the machine's PyTorch (Debian's
 * {@code /usr/bin/python3} with python3-torch). Skipped where that Python has no torch, e.g. in CI.
 */
class PtFilePythonReadsJavaTest {

    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path tmp;

    @Test
    @Tag("slow")
    void torchLoadReadsGan4jFiles() throws Exception {
        assumeTrue(pythonHasTorch(), PYTHON + " with torch is not available");
        Engine.init();
        Map<String, Object> files = new LinkedHashMap<>();
        Map<String, List<List<String>>> shared = new LinkedHashMap<>();

        OrderedDict g = StateDict.of(Map.of("conv.weight", arange(ScalarType.Float, 4, 3, 3, 3).div(new Scalar(7))));
        g.put("bn.num_batches_tracked", torch.scalar_tensor(new Scalar(3)).to(ScalarType.Long));
        files.put("state_dict.pt", g);

        PtNamespace args = new PtNamespace();
        args.put("size", 32);
        args.put("r1", 10.0);
        args.put("ckpt", null);
        Map<Object, Object> slot = new LinkedHashMap<>();
        slot.put("step", torch.scalar_tensor(new Scalar(1.0)));
        slot.put("exp_avg", arange(ScalarType.Float, 2, 2).div(new Scalar(16)));
        Map<Object, Object> state = new LinkedHashMap<>();
        state.put(0L, slot);
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("lr", 0.002);
        group.put("betas", PtTuple.of(0.0, 0.99));
        group.put("params", List.of(0L, 1L));
        Map<String, Object> ckpt = new LinkedHashMap<>();
        ckpt.put("g", g);
        ckpt.put("g_ema", StateDict.of(Map.of("conv.weight", arange(ScalarType.Float, 4, 3, 3, 3))));
        ckpt.put("args", args);
        ckpt.put("g_optim", Map.of("state", state, "param_groups", List.of(group)));
        ckpt.put("latent_avg", arange(ScalarType.Float, 8).div(new Scalar(3)));
        files.put("stylegan2_like.pt", ckpt);

        files.put("zs_list.pt", List.of(torch.zeros(1, 3, 4, 4), arange(ScalarType.Float, 1, 3, 5, 6)));
        files.put("noise_amp_list.pt", List.of(torch.scalar_tensor(new Scalar(1.0)),
                torch.scalar_tensor(new Scalar(0.125))));
        files.put("tensor_direct.pt", arange(ScalarType.Double, 3, 4));

        Tensor base = arange(ScalarType.Float, 4, 5);
        Map<String, Object> views = new LinkedHashMap<>();
        views.put("a", base);
        views.put("b", base.slice(0, new LongOptional(1), new LongOptional(4), 1).slice(1,
                new LongOptional(0), new LongOptional(5), 2));
        views.put("c", base.t());
        files.put("views.pt", views);
        shared.put("views.pt", List.of(List.of("a", "b"), List.of("a", "c")));

        Map<String, Object> dtypes = new LinkedHashMap<>();
        for (PtDType d : PtDType.values()) {
            Tensor n = arange(ScalarType.Long, 12).sub(new Scalar(6));
            dtypes.put(d.pythonName, switch (d) {
                case BOOL -> n.remainder(new Scalar(3)).eq(new Scalar(0));
                case UINT8 -> n.add(new Scalar(6)).mul(new Scalar(21)).to(d.scalarType);
                case INT64 -> n.mul(new Scalar(1L << 58)).add(new Scalar(1));
                case COMPLEX64, COMPLEX128 -> torch.view_as_complex(n.to(ScalarType.Float).unsqueeze(1)
                        .mul(Tensors.of(new float[] {1, -0.5f}, 2)).contiguous()).to(d.scalarType);
                default -> n.to(d.scalarType).div(new Scalar(d.size)).to(d.scalarType);
            });
        }
        dtypes.put("empty", torch.zeros(0, 3));
        dtypes.put("permuted", arange(ScalarType.Float, 2, 3, 4).permute(2, 0, 1));
        files.put("dtypes.pt", dtypes);

        Map<Object, Object> misc = new LinkedHashMap<>();
        misc.put("none", null);
        misc.put("flags", List.of(true, false));
        misc.put("ints", List.of(-3L, 255L, 65536L, 1L << 40, Long.MIN_VALUE));
        misc.put("text", "grüße ✓");
        misc.put("bytes", new byte[] {0, 1, (byte) 0xfe, (byte) 0xff});
        misc.put("tuple", PtTuple.of(1L, PtTuple.of("a", 2.5), new ArrayList<>()));
        misc.put(0L, Map.of(1L, "int keys"));
        files.put("misc.pt", misc);

        ObjectNode manifest = Describe.JSON.createObjectNode();
        ObjectNode described = manifest.putObject("files");
        for (Map.Entry<String, Object> f : files.entrySet()) {
            PtFile.save(tmp.resolve(f.getKey()), f.getValue());
            described.set(f.getKey(), Describe.of(f.getValue(), true));
        }
        manifest.set("shared", Describe.JSON.valueToTree(shared));
        Describe.JSON.writeValue(tmp.resolve("manifest.json").toFile(), manifest);

        Process p = new ProcessBuilder(PYTHON, script().toString(), tmp.toString())
                .directory(tmp.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.println(out); // in target/surefire-reports: which files and modes Python checked
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("check_java_files.py says:%n%s", out).isZero();
        assertThat(out).contains("state_dict.pt (weights_only=True)").contains(": 0 failed");
    }

    private static Tensor arange(ScalarType type, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return torch.arange(new Scalar(n)).to(type).reshape(shape);
    }

    private static Path script() throws URISyntaxException {
        return Path.of(PtFilePythonReadsJavaTest.class.getResource("/parity/pt/check_java_files.py").toURI());
    }

    private static boolean pythonHasTorch() throws InterruptedException {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import torch").directory(Path.of("/").toFile())
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
