package org.gan4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.StateDict;
import org.gan4j.torch.Tensors;

/**
 * The contract every module keeps (diffusers-style): output shape, determinism under a seed, and
 * save → load → identical output through a real PyTorch-format file.
 */
public final class ModuleContract {

    private ModuleContract() {}

    private static boolean sameWeights(Module a, Module b) {
        for (Map.Entry<String, Tensor> e : a.stateDict().entrySet()) {
            if (!java.util.Arrays.equals(Tensors.floats(e.getValue()), Tensors.floats(b.stateDict().get(e.getKey())))) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param make    builds the module (called after seeding, several times)
     * @param forward runs it on fixed inputs (it draws nothing random itself)
     * @param shape   the expected output shape
     */
    public static <M extends Module> void check(Supplier<M> make, Function<M, Tensor> forward, long... shape)
            throws Exception {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            Seeds.seed(11);
            M a = make.get();
            Tensor ya = forward.apply(a);
            assertThat(ya.shape()).as("output shape").containsExactly(shape);
            assertThat(Tensors.allFinite(ya)).as("finite output").isTrue();

            Seeds.seed(11);
            M b = make.get();
            assertThat(Tensors.floats(forward.apply(b))).as("same seed, same module and output")
                    .containsExactly(Tensors.floats(ya));

            Seeds.seed(12);
            M c = make.get();
            if (!sameWeights(a, c)) { // randomly initialised: other weights must show in the output
                assertThat(Tensors.floats(forward.apply(c))).as("another seed, other weights")
                        .isNotEqualTo(Tensors.floats(ya));
            }
            Path f = Files.createTempFile("gan4j-contract", ".pt");
            try {
                PtFile.save(f, StateDict.of(a.stateDict()));
                Map<String, Tensor> loaded = StateDict.tensors(PtFile.load(f), f.toString());
                assertThat(loaded.keySet()).containsExactlyElementsOf(a.stateDict().keySet());
                c.loadStateDict(loaded, f.toString());
            } finally {
                Files.deleteIfExists(f);
            }
            assertThat(Tensors.floats(forward.apply(c))).as("saved and loaded, identical output")
                    .containsExactly(Tensors.floats(ya));
        }
    }
}
