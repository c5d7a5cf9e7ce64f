package org.gan4j.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files written by Python's {@code torch.save} (see src/test/resources/parity/pt/README.md) load with exactly the
 * content that Python described in expected.json.
 */
class PtFileParityTest {

    private static Path dir;
    private static JsonNode expected;

    @BeforeAll
    static void fixtures() throws IOException, URISyntaxException {
        dir = Path.of(PtFileParityTest.class.getResource("/parity/pt/expected.json").toURI()).getParent();
        expected = Describe.JSON.readTree(dir.resolve("expected.json").toFile()).get("files");
    }

    static Stream<String> fixtureNames() throws IOException, URISyntaxException {
        fixtures();
        List<String> names = new ArrayList<>();
        expected.fieldNames().forEachRemaining(names::add);
        return names.stream();
    }

    @ParameterizedTest
    @MethodSource("fixtureNames")
    void loadsWhatPythonSaved(String name) {
        Object loaded = PtFile.load(dir.resolve(name));
        String diff = Describe.firstDifference(expected.get(name), Describe.of(loaded, false), name);
        assertThat(diff).as("first difference from expected.json").isNull();
    }

    @Test
    void stateDictOfConvAndBatchNormIsAnOrderedDictOfTensors() {
        Object loaded = PtFile.load(dir.resolve("state_dict_sequential.pt"));
        assertThat(loaded).isInstanceOf(OrderedDict.class);
        Map<String, Tensor> sd = StateDict.tensors(loaded, "state_dict_sequential.pt");
        assertThat(sd.keySet()).containsExactly("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean",
                "1.running_var", "1.num_batches_tracked");
        Tensor counter = sd.get("1.num_batches_tracked");
        assertThat(counter.dim()).isZero();
        assertThat(PtDType.of(counter.scalar_type())).isEqualTo(PtDType.INT64);
        assertThat(counter.item_long()).isEqualTo(1L);
    }

    @Test
    void stylegan2CheckpointHasNamespaceArgsAndOptimizerStateWithIntKeys() {
        Map<?, ?> ckpt = (Map<?, ?>) PtFile.load(dir.resolve("stylegan2_like.pt"));
        assertThat(ckpt.get("args")).isInstanceOf(PtNamespace.class);
        PtNamespace args = (PtNamespace) ckpt.get("args");
        assertThat(args.get("size")).isEqualTo(32L);
        assertThat(args.get("r1")).isEqualTo(10.0);
        assertThat(args).containsEntry("ckpt", null);
        Map<?, ?> state = (Map<?, ?>) ((Map<?, ?>) ckpt.get("g_optim")).get("state");
        assertThat(new ArrayList<Object>(state.keySet())).containsExactly(0L, 1L, 2L, 3L);
        assertThat(StateDict.tensors(ckpt.get("g_ema"), "g_ema")).containsOnlyKeys("0.weight", "0.bias",
                "2.weight", "2.bias");
    }

    @Test
    void viewsOfOneStorageShareMemoryAfterLoading() {
        Map<?, ?> views = (Map<?, ?>) PtFile.load(dir.resolve("shared_views.pt"));
        long a = ((Tensor) views.get("a")).storage().data().address();
        for (String k : List.of("b", "c", "d")) {
            assertThat(((Tensor) views.get(k)).storage().data().address()).as(k).isEqualTo(a);
        }
        Tensor b = (Tensor) views.get("b");
        assertThat(b.storage_offset()).isEqualTo(5);
        assertThat(b.strides().vec().get()).containsExactly(5, 2);
    }

    @Test
    void legacyFormatSharesViewsToo() {
        Map<?, ?> legacy = (Map<?, ?>) PtFile.load(dir.resolve("legacy_format.pt"));
        Map<?, ?> views = (Map<?, ?>) legacy.get("views");
        assertThat(((Tensor) views.get("b")).storage().data().address())
                .isEqualTo(((Tensor) views.get("a")).storage().data().address());
        assertThat(legacy.get("sd")).isInstanceOf(OrderedDict.class);
    }

    @Test
    void refusesAPickleThatWouldRunAShellCommand() {
        Path file = dir.resolve("malicious_os_system.pt");
        Path marker = Path.of("/tmp/gan4j-parity-pwned");
        assertThat(marker).doesNotExist();
        assertThatThrownBy(() -> PtFile.load(file))
                .isInstanceOf(Gan4jException.class)
                .hasMessage(file + ": refuses to load the Python global 'posix.system' — a checkpoint may only hold"
                        + " tensors, numbers, strings and containers");
        assertThat(marker).doesNotExist();
    }

    @Test
    void fixturesAreSmall() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> assertThat(f.toFile().length()).as(f.toString()).isLessThan(64 * 1024));
        }
    }
}
