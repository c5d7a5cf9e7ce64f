package org.gan4j.stylegan2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.nn.Adam;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.OrderedDict;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.StateDict;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rosinality-layout checkpoints: round trip, architecture inference, and one-line errors naming the file and keys. */
class CheckpointTest {

    @TempDir
    Path tmp;

    private static Stylegan2Checkpoint full(Stylegan2Config c) {
        Seeds.seed(4);
        Generator g = new Generator(c);
        Generator gEma = new Generator(c);
        Discriminator d = new Discriminator(c);
        Adam opt = new Adam(g.parameters(), 0.002, 0, 0.99);
        g.forward(Styles.z(torch.randn(2, c.styleDim())), NoiseMode.RANDOM).square().mean().backward();
        opt.step();
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("ada_aug_p", 0.25);
        return new Stylegan2Checkpoint(c, g, d, gEma, Scope.keepAlive(gEma.meanLatent(16).view(c.styleDim())),
                opt.stateDict(), null, extras);
    }

    @Test
    void roundTripKeepsEveryEntryAndOutput() throws Exception {
        try (Scope s = new Scope()) {
            Stylegan2Config c = Tiny.config().withSeed(7).withBatch(4);
            Stylegan2Checkpoint a = full(c); // one Adam step, so the optimizer has state to round-trip
            NoGrad ng = new NoGrad();
            Path f = tmp.resolve("ckpt.pt");
            a.save(f);
            Stylegan2Checkpoint b = Stylegan2Checkpoint.load(f);
            assertThat(b.config()).isEqualTo(c);
            Tensor z = torch.randn(2, c.styleDim());
            for (var pair : List.of(List.of(a.gEma(), b.gEma()), List.of(a.g(), b.g()))) {
                assertThat(Tensors.floats(pair.get(1).forward(Styles.z(z), NoiseMode.CONST)))
                        .containsExactly(Tensors.floats(pair.get(0).forward(Styles.z(z), NoiseMode.CONST)));
            }
            Tensor img = torch.randn(4, 3, 16, 16);
            assertThat(Tensors.floats(b.d().forward(img))).containsExactly(Tensors.floats(a.d().forward(img)));
            assertThat(Tensors.floats(b.latentAvg())).containsExactly(Tensors.floats(a.latentAvg()));
            assertThat(b.extras()).containsEntry("ada_aug_p", 0.25);
            assertThat(b.dOptim()).isNull();
            Adam restored = new Adam(b.g().parameters(), 0.002, 0, 0.99);
            restored.loadStateDict(b.gOptim(), "g_optim");
            assertThat(restored.step(0)).isEqualTo(1);
            Map<?, ?> root = (Map<?, ?>) PtFile.load(f);
            assertThat(root.keySet().stream().map(String::valueOf).toList()).containsExactly("g", "d", "g_ema", "g_optim", "args", "latent_avg", "ada_aug_p");
            assertThat(((Map<?, ?>) root.get("args")).get("latent")).isEqualTo(32L);
            ng.close();
        }
    }

    @Test
    void officialLegacyCheckpointWithoutArgsIsInferredFromShapes() {
        Stylegan2Checkpoint ck = Stylegan2Checkpoint.load(Fixtures.path("g64.pt"));
        Stylegan2Config c = ck.config();
        assertThat(List.of(c.size(), c.styleDim(), c.nMlp(), c.channels(4), c.channels(32), c.channels(64)))
                .containsExactly(64, 128, 2, 32, 32, 16);
        assertThat(ck.g()).isNull();
        assertThat(ck.d()).isNotNull();
        Stylegan2Config a = Stylegan2Checkpoint.load(Fixtures.path("g32.pt")).config();
        assertThat(List.of(a.channelMultiplier(), a.channelMax(), a.channelBase())).containsExactly(2, 32, 256);
    }

    @Test
    void bareGeneratorStateDictReadsAsGEma() {
        try (Scope s = new Scope()) {
            Generator g = new Generator(Tiny.config());
            Path f = tmp.resolve("g.pt");
            PtFile.save(f, StateDict.of(g.stateDict()));
            Stylegan2Checkpoint ck = Stylegan2Checkpoint.load(f);
            assertThat(ck.config().size()).isEqualTo(16);
            assertThat(ck.latentAvg()).isNull();
        }
    }

    private Path withGEma(java.util.function.Consumer<OrderedDict> edit) {
        try (Scope s = new Scope()) {
            OrderedDict sd = StateDict.of(new Generator(Tiny.config()).stateDict());
            edit.accept(sd);
            Path f = tmp.resolve("edited.pt");
            PtFile.save(f, Map.of("g_ema", sd));
            return f;
        }
    }

    @Test
    void missingUnexpectedAndMisShapedKeysAreNamedWithTheFile() {
        Path missing = withGEma(sd -> sd.remove("convs.1.noise.weight"));
        assertThatThrownBy(() -> Stylegan2Checkpoint.load(missing)).isInstanceOf(Gan4jException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("g_ema")
                .hasMessageContaining("missing keys [convs.1.noise.weight]");
        Path unexpected = withGEma(sd -> sd.put("convs.1.extra", torch.zeros(2)));
        assertThatThrownBy(() -> Stylegan2Checkpoint.load(unexpected)).hasMessageContaining("unexpected keys [convs.1.extra]");
        Path shape = withGEma(sd -> sd.put("to_rgb1.bias", torch.zeros(1, 4, 1, 1)));
        assertThatThrownBy(() -> Stylegan2Checkpoint.load(shape))
                .hasMessageContaining("wrong shapes [to_rgb1.bias [1, 4, 1, 1] (expected [1, 3, 1, 1])]");
    }

    @Test
    void otherFilesAreOneLineErrors() throws Exception {
        Path singan = tmp.resolve("model.pt");
        PtFile.save(singan, Map.of("gan4j", "singan-model", "version", 1L));
        assertThatThrownBy(() -> Stylegan2Checkpoint.load(singan)).isInstanceOf(Gan4jException.class)
                .hasMessage(singan + " is not a StyleGAN2 checkpoint (it is a gan4j 'singan-model' file); expected"
                        + " rosinality's dict with 'g_ema' (and optionally 'g', 'd', 'latent_avg', 'args')");
        Path tensor = tmp.resolve("t.pt");
        PtFile.save(tensor, torch.zeros(3));
        assertThatThrownBy(() -> Stylegan2Checkpoint.load(tensor)).hasMessageContaining("it holds a single tensor");
        Path text = Files.writeString(tmp.resolve("x.pt"), "hello");
        assertThatThrownBy(() -> Stylegan2Checkpoint.load(text)).isInstanceOf(Gan4jException.class)
                .hasMessageContaining("not a PyTorch checkpoint");
        assertThatThrownBy(() -> Stylegan2Checkpoint.load(tmp.resolve("nope.pt")))
                .hasMessage("checkpoint not found: " + tmp.resolve("nope.pt"));
    }

    /** The official code reads a gan4j checkpoint and renders the same images (needs Debian's torch and the official repo). */
    @Test
    @Tag("slow")
    void officialCodeReadsGan4jCheckpoints() throws Exception {
        Path repo = Path.of(System.getenv().getOrDefault("GAN4J_STYLEGAN2_REF", "/work/ref/stylegan2-cpu"));
        assumeTrue(Files.isRegularFile(repo.resolve("model.py")) && Files.isExecutable(Path.of("/usr/bin/python3")),
                "official StyleGAN2 code not available at " + repo + " (set GAN4J_STYLEGAN2_REF)");
        Path ckpt = tmp.resolve("java.pt");
        Path io = tmp.resolve("java_io.pt");
        Map<String, Double> scale = new LinkedHashMap<>(); // each output's largest magnitude
        try (Scope s = new Scope()) {
            Stylegan2Checkpoint a = full(Tiny.config());
            NoGrad ng = new NoGrad();
            a.gEma().namedParameters().forEach((k, p) -> Init(p, k));
            a.save(ckpt);
            Tensor z = torch.randn(4, 32);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("z", z);
            Tensor img = a.gEma().forward(Styles.z(z), NoiseMode.CONST);
            m.put("img", img);
            m.put("trunc", a.gEma().forward(Styles.z(z).truncate(0.5, a.latentAvg()), NoiseMode.CONST));
            m.put("logits", a.d().forward(img));
            m.forEach((k, v) -> scale.put(k, ((Tensor) v).abs().max().item_double()));
            PtFile.save(io, m);
            ng.close();
        }
        Process p = new ProcessBuilder("/usr/bin/python3", Fixtures.path("check_java_checkpoint.py").toString(),
                repo.toString(), ckpt.toString(), io.toString()).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        var r = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.lines().reduce((x, y) -> y).orElse("{}"));
        // the same float32 computation as OfficialParityTest, in the other direction: the same relative bound
        for (String k : new String[] {"img", "trunc", "logits"}) {
            assertThat(r.get(k).asDouble()).as(k).isLessThanOrEqualTo(OfficialParityTest.REL * scale.get(k));
        }
    }

    /** Non-zero biases and noise strengths, so that every parameter shows in the comparison. */
    private static void Init(Tensor p, String name) {
        if (name.endsWith("bias") || name.endsWith("noise.weight")) {
            org.gan4j.nn.Init.normal(p, 0, 0.3);
        }
    }
}
