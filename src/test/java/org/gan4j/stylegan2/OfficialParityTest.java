package org.gan4j.stylegan2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gan4j.stylegan2.Fixtures.maxAbs;
import static org.gan4j.stylegan2.Fixtures.t;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checkpoints written by the official rosinality code (g32: zip format with args; g64: legacy format without
 * args) load, and every output matches the official one on the same inputs, within {@link #REL} of the output's
 * largest magnitude.
 */
class OfficialParityTest {

    /**
     * float32 through up to 8 mapping layers and 14 modulated convs (or the discriminator) against the official float32
     * run: the largest error across the native, avx2 and default kernel sets was 3.7e-6 of max |output| (g64 d_out
     * under default; images at most 1.7e-6); bound 10x.
     */
    static final double REL = 4e-5;
    private static final Map<String, Stylegan2Checkpoint> MODELS = new HashMap<>();
    private static final Map<String, Double> ERRORS = new java.util.TreeMap<>();

    private static Stylegan2Checkpoint model(String name) {
        return MODELS.computeIfAbsent(name, n -> Stylegan2Checkpoint.load(Fixtures.path(n + ".pt")));
    }

    private static void check(String model, String output, Function<Stylegan2Checkpoint, Tensor> ours) {
        check(model, output, output, ours);
    }

    private static void check(String model, String label, String output, Function<Stylegan2Checkpoint, Tensor> ours) {
        Map<String, Object> io = Fixtures.io(model);
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            Stylegan2Checkpoint ck = model(model);
            Tensor want = t(io, output);
            double err = maxAbs(ours.apply(ck), want);
            double scale = want.abs().max().item_double();
            ERRORS.put(model + " " + label, err / scale);
            assertThat(err).as(model + " " + label + " max abs error, output max " + scale).isLessThanOrEqualTo(REL * scale);
        }
    }

    private static Tensor io(String model, String key) {
        return t(Fixtures.io(model), key);
    }

    @AfterAll
    static void report() {
        ERRORS.forEach((k, v) -> System.out.printf("parity %-22s max abs %.2e of the largest output%n", k, v));
    }

    @ParameterizedTest
    @ValueSource(strings = {"g32", "g64"})
    void mappingNetwork(String m) {
        check(m, "w", ck -> ck.gEma().getLatent(io(m, "z")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"g32", "g64"})
    void generatorWithStoredNoise(String m) {
        check(m, "img_const", ck -> ck.gEma().forward(Styles.z(io(m, "z")), NoiseMode.CONST));
    }

    @ParameterizedTest
    @ValueSource(strings = {"g32", "g64"})
    void fusedModulatedConvolutionsToo(String m) {
        check(m, "img_mix fused", "img_mix", ck -> {
            int k = ((Number) Fixtures.io(m).get("inject_index")).intValue();
            try {
                return ck.gEma().setFused(true).forward(Styles.z(io(m, "z"), io(m, "z2")).mix(k), NoiseMode.CONST);
            } finally {
                ck.gEma().setFused(false);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"g32", "g64"})
    void generatorWithGivenNoise(String m) {
        check(m, "img_noise", ck -> ck.gEma().synthesize(ck.gEma().latents(Styles.z(io(m, "z"))),
                Fixtures.tensors(Fixtures.io(m), "noises")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"g32", "g64"})
    void generatorWithoutNoise(String m) {
        check(m, "img_none", ck -> ck.gEma().forward(Styles.z(io(m, "z")), NoiseMode.NONE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"g32", "g64"})
    void truncationTowardLatentAvg(String m) {
        check(m, "img_trunc", ck -> ck.gEma().forward(Styles.z(io(m, "z")).truncate(0.7, ck.latentAvg()),
                NoiseMode.CONST));
    }

    @ParameterizedTest
    @ValueSource(strings = {"g32", "g64"})
    void styleMixingAtTheInjectIndex(String m) {
        int k = ((Number) Fixtures.io(m).get("inject_index")).intValue();
        check(m, "latent_mix", ck -> ck.gEma().latents(Styles.z(io(m, "z"), io(m, "z2")).mix(k)));
        check(m, "img_mix", ck -> ck.gEma().forward(Styles.z(io(m, "z"), io(m, "z2")).mix(k), NoiseMode.CONST));
        check(m, "img_mix_trunc", ck -> ck.gEma().forward(Styles.z(io(m, "z"), io(m, "z2")).mix(k)
                .truncate(0.7, ck.latentAvg()), NoiseMode.CONST));
    }

    @ParameterizedTest
    @ValueSource(strings = {"g32", "g64"})
    void wAndWPlusInputs(String m) {
        check(m, "img_w", ck -> ck.gEma().forward(Styles.w(io(m, "w")), NoiseMode.CONST));
        check(m, "img_wplus", ck -> ck.gEma().forward(Styles.w(io(m, "wplus")), NoiseMode.CONST));
    }

    @ParameterizedTest
    @ValueSource(strings = {"g32", "g64"})
    void discriminatorLogits(String m) {
        check(m, "d_out", ck -> ck.d().forward(io(m, "d_in")));
        check(m, "d_out2", ck -> ck.d().forward(io(m, "d_in").narrow(0, 0, 2)));
    }
}
