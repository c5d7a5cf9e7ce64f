package org.gan4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.Device;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Placement;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.StateDict;
import org.gan4j.torch.Tensors;

/**
 * The contract every module keeps (diffusers-style): output shape, determinism under a seed, train/eval behaviour,
 * and save → load → identical output through a real PyTorch-format file.
 */
public final class ModuleContract {

    private ModuleContract() {}

    /** Same initial parameters (buffers such as BatchNorm's running statistics move with every training forward). */
    private static boolean sameWeights(Module a, Module b) {
        for (Map.Entry<String, Tensor> e : a.namedParameters().entrySet()) {
            if (!java.util.Arrays.equals(Tensors.floats(e.getValue()), Tensors.floats(b.namedParameters().get(e.getKey())))) {
                return false;
            }
        }
        return true;
    }

    /** BatchNorm (batch against running statistics) and spectral norm (a power iteration per training forward). */
    static boolean dependsOnMode(Module m) {
        return m instanceof BatchNorm2d || m instanceof SpectralNormConv2d
                || m.children().values().stream().anyMatch(ModuleContract::dependsOnMode);
    }

    /**
     * Built with {@link Placement} on the meta device (shapes, no data), every parameter and buffer is made there:
     * nothing in the module makes its tensors past the placement.
     */
    public static void madeOnThePlacedDevice(Supplier<? extends Module> make) {
        Placement.with(Device.META, () -> {
            try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
                Seeds.seed(11);
                Module m = make.get();
                for (Map.Entry<String, Tensor> e : m.stateDict().entrySet()) {
                    assertThat(Placement.of(e.getValue())).as("device of " + e.getKey()).isEqualTo(Device.META);
                }
            }
        });
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

            // Train/eval: BatchNorm normalises with the batch's statistics in training and with its running ones in
            // eval, and spectral norm runs a power iteration only in training, so a module with either must change
            // its output; in any other module the mode must change nothing.
            Seeds.seed(11);
            M e = make.get();
            e.eval();
            Tensor ye = forward.apply(e);
            assertThat(ye.shape()).as("eval output shape").containsExactly(shape);
            if (dependsOnMode(e)) {
                assertThat(Tensors.floats(ye)).as("eval output of a module with BatchNorm or spectral norm").isNotEqualTo(Tensors.floats(ya));
            } else {
                assertThat(Tensors.floats(ye)).as("eval output of a module without BatchNorm or spectral norm").containsExactly(Tensors.floats(ya));
            }
            e.train(true);
            assertThat(Tensors.floats(forward.apply(e))).as("back in training mode").containsExactly(Tensors.floats(ya));

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
            // eval first: it reads the loaded running statistics, which a training-mode forward would then move
            a.eval();
            c.eval();
            assertThat(Tensors.floats(forward.apply(c))).as("saved and loaded, identical eval output")
                    .containsExactly(Tensors.floats(forward.apply(a)));
            // then training mode from the same saved state (spectral norm's next power iteration starts from the
            // saved u and v, so the reference is a's training output now, not its first one)
            a.train(true);
            c.train(true);
            assertThat(Tensors.floats(forward.apply(c))).as("saved and loaded, identical output")
                    .containsExactly(Tensors.floats(forward.apply(a)));
        }
        madeOnThePlacedDevice(make);
    }
}
