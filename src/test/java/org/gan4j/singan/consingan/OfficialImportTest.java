package org.gan4j.singan.consingan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Scope;
import org.gan4j.torch.StateDict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Import of a run folder written by the official ConSinGAN training (fixture: parity/consingan/README.md): the
 * imported generator reproduces the official one's outputs; foreign folders and bad weights fail in one line.
 */
class OfficialImportTest {

    @TempDir
    Path tmp;

    static Path officialRun() throws Exception {
        return Path.of(OfficialImportTest.class.getResource("/parity/consingan/official-run").toURI());
    }

    @ParameterizedTest
    @ValueSource(strings = {"official-run", "official-run-bn"})
    void importedGeneratorReproducesTheOfficialOutputs(String name) throws Exception {
        Path dir = officialRun().resolveSibling(name);
        Map<?, ?> fx = (Map<?, ?>) PtFile.load(dir.resolveSibling(name + "-expected.pt"));
        try (Scope s = new Scope(); NoGrad ng = new NoGrad(); ConSinGANModel m = OfficialImport.load(dir)) {
            assertThat(m.config().batchNorm()).isEqualTo(name.endsWith("-bn"));
            assertThat(m.stages()).isEqualTo(3);
            assertThat(m.config().nfc()).isEqualTo(8);
            assertThat(m.config().minSize()).isEqualTo(12);
            assertThat(m.heights()).containsExactly(13, 17, 24);
            assertThat(m.widths()).containsExactly(16, 22, 30);
            @SuppressWarnings("unchecked")
            List<Tensor> noise = (List<Tensor>) fx.get("noise");
            check("random noise", m.generator().forward(noise, m.heights(), m.widths(), m.noiseAmp()), (Tensor) fx.get("out"));
            check("reconstruction", m.generator().forward(m.fixedNoise(), m.heights(), m.widths(), m.noiseAmp()),
                    (Tensor) fx.get("reconstruction"));

            // written as a gan4j model and read back: the same outputs
            Path file = tmp.resolve("model.pt");
            ModelFile.saveAtomic(m, file);
            try (ConSinGANModel back = ModelFile.load(file)) {
                check("saved and reloaded", back.generator().forward(noise, back.heights(), back.widths(),
                        back.noiseAmp()), (Tensor) fx.get("out"));
            }
        }
    }

    private static void check(String what, Tensor out, Tensor expected) {
        assertThat(out.shape()).containsExactly(expected.shape());
        double maxDiff = out.sub(expected).abs().max().item_double();
        System.out.printf("ConSinGAN official import, %s: max |diff| %.3g (outputs up to %.3g)%n", what, maxDiff,
                expected.abs().max().item_double());
        assertThat(maxDiff).as(what).isLessThan(1e-5);
    }

    @Test
    void aForeignFolderIsOneLine() throws Exception {
        Files.writeString(tmp.resolve("NoiseAmp.pth"), "x");
        assertThatThrownBy(() -> OfficialImport.load(tmp)).isInstanceOf(Gan4jException.class)
                .hasMessageContaining("is not an official ConSinGAN run folder")
                .hasMessageContaining("use 'gan4j import singan'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> OfficialImport.load(tmp.resolve("nope")))
                .hasMessageContaining("is not a directory");
    }

    @Test
    void missingUnexpectedAndMisShapedKeysAreNamed() throws Exception {
        Path copy = copyRun();
        Path netG = copy.resolve("2/netG.pth");
        try (Scope s = new Scope()) {
            Map<String, Tensor> sd = new LinkedHashMap<>(StateDict.tensors(PtFile.load(netG), "netG"));
            sd.remove("body.2.block1.conv.bias");
            sd.put("body.3.block0.conv.weight", sd.get("body.2.block0.conv.weight"));
            sd.put("tail.0.bias", sd.get("tail.0.bias").narrow(0, 0, 2));
            PtFile.save(netG, StateDict.of(sd));
        }
        assertThatThrownBy(() -> OfficialImport.load(copy)).isInstanceOf(Gan4jException.class)
                .hasMessageContaining("body.2.block1.conv.bias")
                .hasMessageContaining("body.3.block0.conv.weight")
                .hasMessageContaining("tail.0.bias")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aMissingStageFolderAndAWrongPyramidAreNamed() throws Exception {
        Path copy = copyRun();
        Files.delete(copy.resolve("2/netG.pth"));
        assertThatThrownBy(() -> OfficialImport.load(copy)).hasMessageContaining("missing 2/netG.pth");
        Path other = copyRun();
        Path params = other.resolve("parameters.txt");
        Files.writeString(params, Files.readString(params).replace("min_size\t-\t12", "min_size\t-\t10"));
        assertThatThrownBy(() -> OfficialImport.load(other)).hasMessageContaining("reals.pth stage 0 is 16x13")
                .hasMessageContaining("min_size 10");
    }

    @Test
    void aRunKilledAfterItsSecondStageImportsTwoStages() throws Exception {
        Path copy = copyRun();
        try (Scope s = new Scope()) {
            // what the official training has written after stage 1: two fixed noise maps and amplitudes
            @SuppressWarnings("unchecked")
            List<Object> noise = (List<Object>) PtFile.load(copy.resolve("fixed_noise.pth"));
            @SuppressWarnings("unchecked")
            List<Object> amps = (List<Object>) PtFile.load(copy.resolve("noise_amp.pth"));
            PtFile.save(copy.resolve("fixed_noise.pth"), new java.util.ArrayList<>(noise.subList(0, 2)));
            PtFile.save(copy.resolve("noise_amp.pth"), new java.util.ArrayList<>(amps.subList(0, 2)));
        }
        deleteTree(copy.resolve("2"));
        try (Scope s = new Scope(); NoGrad ng = new NoGrad(); ConSinGANModel m = OfficialImport.load(copy)) {
            assertThat(m.stages()).isEqualTo(2);
            assertThat(m.generator().stages()).isEqualTo(2);
            assertThat(Sampling.generate(m, 1, 1, 1, null).shape()).containsExactly(1, 3, 17, 22);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private Path copyRun() throws IOException, Exception {
        Path src = officialRun();
        Path dst = Files.createTempDirectory(tmp, "run");
        try (Stream<Path> files = Files.walk(src)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path t = dst.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return dst;
    }
}
