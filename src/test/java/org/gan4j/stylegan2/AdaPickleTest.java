package org.gan4j.stylegan2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gan4j.stylegan2.Fixtures.maxAbs;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Scope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.gan4j.Gan4jException;

/**
 * A StyleGAN2-ADA pickle written by the official code (src/test/resources/parity/stylegan2-ada, see its README:
 * random weights, conv_clamp 1 so that clamps bite, fp16 blocks) loads through the one checkpoint entry point,
 * and G_ema's images match the official ones for the same z at ψ = 1 and 0.7 with the stored noise.
 */
class AdaPickleTest {

    /**
     * float32 through 2 mapping layers and 7 modulated convs with clamps, against the official float32 run (its
     * fused path, ours non-fused, and ADA's weights without the 1/sqrt(fan-in) that demodulation cancels): the
     * same bound as {@link OfficialParityTest#REL}.
     */
    static final double REL = OfficialParityTest.REL;

    private static Stylegan2Checkpoint model;
    private static Map<String, Object> expected;

    static Path fixture(String name) {
        try {
            return Path.of(AdaPickleTest.class.getResource("/parity/stylegan2-ada/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing fixture " + name, e);
        }
    }

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() {
        model = Stylegan2Checkpoint.loadForSampling(fixture("tiny-ada.pkl"));
        expected = (Map<String, Object>) PtFile.load(fixture("expected.pt"));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void readsTheArchitectureAndTheClamps() {
        Stylegan2Config c = model.config();
        assertThat(c.size()).isEqualTo(32);
        assertThat(c.styleDim()).isEqualTo(64);
        assertThat(c.nMlp()).isEqualTo(2);
        assertThat(c.lrMlp()).isCloseTo(0.01, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(model.latentAvg()).isNotNull();
        // conv_clamp 1 everywhere but b8.conv0 (convs.0), which the fixture left unclamped.
        assertThat(model.gEma().convClamp()).hasSize(10).doesNotContainKey("convs.0").containsEntry("to_rgbs.2", 1.0);
    }

    @Test
    void imagesMatchTheOfficialCode() {
        double[] errors = new double[2];
        String[] keys = {"img_psi1", "img_psi07"};
        double[] psis = {1.0, 0.7};
        for (int i = 0; i < 2; i++) {
            try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
                Tensor z = (Tensor) expected.get("z");
                Tensor want = (Tensor) expected.get(keys[i]);
                Tensor ours = model.gEma().forward(Styles.z(z).truncate(psis[i], model.latentAvg()), NoiseMode.CONST);
                double scale = want.abs().max().item_double();
                errors[i] = maxAbs(ours, want);
                System.out.printf("ada parity %s max abs %.2e (%.2e of the largest output %.2f)%n", keys[i],
                        errors[i], errors[i] / scale, scale);
                assertThat(errors[i]).as(keys[i] + " max abs error, output max " + scale).isLessThanOrEqualTo(REL * scale);
            }
        }
    }

    @Test
    void mappingAndTruncationMatchTheOfficialCode() {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            Tensor z = (Tensor) expected.get("z");
            for (String key : new String[] {"ws_psi1", "ws_psi07"}) {
                double psi = key.equals("ws_psi1") ? 1.0 : 0.7;
                Tensor want = (Tensor) expected.get(key); // [N,L,S]
                Tensor ours = model.gEma().latents(Styles.z(z).truncate(psi, model.latentAvg()));
                double scale = want.abs().max().item_double();
                assertThat(maxAbs(ours, want)).as(key).isLessThanOrEqualTo(REL * scale);
            }
        }
    }

    @Test
    void theClampMatters() {
        // Without ADA's clamps the images are far from the official ones: the fixture exercises them.
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            Map<String, Double> clamps = model.gEma().convClamp();
            model.gEma().setConvClamp(Map.of());
            try {
                Tensor ours = model.gEma().forward(Styles.z((Tensor) expected.get("z")), NoiseMode.CONST);
                assertThat(maxAbs(ours, (Tensor) expected.get("img_psi1"))).isGreaterThan(0.1);
            } finally {
                model.gEma().setConvClamp(clamps);
            }
        }
    }

    @TempDir
    Path tmp;

    /** The one-line error of loading {@code file} as a StyleGAN2 checkpoint. */
    private static String error(Path file) {
        Gan4jException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> Stylegan2Checkpoint.loadForSampling(file), Gan4jException.class);
        assertThat(e).as("loading " + file).isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n").startsWith(file.toString());
        return e.getMessage();
    }

    @Test
    void unsupportedGeneratorsFailWithOneLineNamingWhatWasFound() {
        // Made by the official code (make_error_fixtures.py).
        assertThat(error(fixture("conditional.pkl"))).endsWith(
                "holds a conditional generator (c_dim = 2); gan4j's StyleGAN2 is unconditional");
        assertThat(error(fixture("resnet.pkl"))).endsWith("has a generator of architecture 'resnet' (synthesis.b4);"
                + " gan4j loads the 'skip' generator (StyleGAN2-ADA's default) only");
        assertThat(error(fixture("stylegan3.pkl"))).endsWith(
                "holds a StyleGAN3 generator (synthesis.input, L0_…); gan4j loads StyleGAN2(-ADA) generators only");
    }

    @Test
    void corruptAndForeignPicklesFailWithOneLine() throws Exception {
        byte[] good = java.nio.file.Files.readAllBytes(fixture("tiny-ada.pkl"));
        Path truncated = tmp.resolve("truncated.pkl");
        java.nio.file.Files.write(truncated, java.util.Arrays.copyOf(good, good.length / 2));
        assertThat(error(truncated)).contains("is truncated or corrupt");

        // pickle.dumps(os.system-call object), protocol 2: a global that is not data is refused by name, never run.
        Path evil = tmp.resolve("evil.pkl");
        java.nio.file.Files.write(evil, new byte[] {(byte) 0x80, 2, 'c', 'o', 's', '\n', 's', 'y', 's', 't', 'e', 'm',
                '\n', 'X', 2, 0, 0, 0, 'l', 's', (byte) 0x85, 'R', '.'});
        assertThat(error(evil)).contains("refuses to load the Python global 'os.system'");

        Path emptyDict = tmp.resolve("other.pkl"); // pickle.dumps({}, protocol=4)
        java.nio.file.Files.write(emptyDict, new byte[] {(byte) 0x80, 4, '}', '.'});
        assertThat(error(emptyDict)).endsWith("is not a StyleGAN2-ADA network pickle (its keys are []);"
                + " expected NVlabs' dict with 'G_ema'");
    }
}
