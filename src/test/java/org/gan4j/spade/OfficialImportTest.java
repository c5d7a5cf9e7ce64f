package org.gan4j.spade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Scope;
import org.gan4j.torch.StateDict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gan4j import spade} on the official generator's state dict from the parity fixture (the keys the
 * official code writes): the imported run synthesizes what the official code did; old spectral-norm state is
 * converted; wrong options and foreign files get one line naming the problem.
 */
class OfficialImportTest {

    @TempDir
    Path tmp;

    @SuppressWarnings("unchecked")
    private Path officialGenerator(Map<String, Object> f, String name) throws Exception {
        Path p = tmp.resolve(name);
        PtFile.save(p, StateDict.of((Map<String, Tensor>) f.get("state")));
        return p;
    }

    @Test
    void importedRunSynthesizesWhatTheOfficialCodeDid() throws Exception {
        Map<String, Object> f = SpadeParityTest.fixture("generator_seg.pt");
        try (Scope s = new Scope()) {
            Path g = officialGenerator(f, "latest_net_G.pth");
            OfficialImport.Imported m = OfficialImport.read(g, null,
                    new OfficialImport.Options(5, true, 64, 2.0, null));
            SpadeNets n = m.config().nets();
            assertThat(n.ngf()).isEqualTo(2);
            assertThat(n.instance()).as("7 channels = 5 classes + don't-care + instance edges").isTrue();
            assertThat(n.useVae()).isFalse();
            assertThat(n.upsampling()).isEqualTo(Upsampling.NORMAL);
            Path run = ImportedRun.write(m, tmp.resolve("run")).dir();
            try (SpadeModel model = SpadeModel.load(run); NoGrad ng = new NoGrad()) {
                SpadeParityTest.assertClose(model.synthesize((Tensor) f.get("semantics"), null), (Tensor) f.get("y_eval"),
                        "imported model, eval");
            }
        }
    }

    @Test
    void mostUpsamplingAndTheStyleCodeInputAreReadFromTheWeights() throws Exception {
        Map<String, Object> f = SpadeParityTest.fixture("generator_vae.pt");
        try (Scope s = new Scope()) {
            Path g = officialGenerator(f, "g.pth");
            assertThatThrownBy(() -> OfficialImport.read(g, null, new OfficialImport.Options(4, false, 128, 1.0, null)))
                    .isInstanceOf(Gan4jException.class).hasMessageContaining("give the encoder too");
            assertThatThrownBy(() -> OfficialImport.read(g, null, new OfficialImport.Options(4, false, 256, 1.0, null)))
                    .hasMessageContaining("fc makes 32 values").hasMessageContaining("--crop-size 256");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void oldSpectralNormStateIsConvertedAsPytorchsLoadHookDoes() throws Exception {
        Map<String, Object> f = SpadeParityTest.fixture("generator_seg.pt");
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            Map<String, Tensor> state = (Map<String, Tensor>) f.get("state");
            Map<String, Tensor> legacy = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> e : state.entrySet()) {
                String k = e.getKey();
                if (k.endsWith(".weight_v") || k.endsWith("num_batches_tracked")) {
                    continue;
                }
                legacy.put(k, e.getValue());
                if (k.endsWith(".weight_orig")) { // PyTorch 1.0 also saved W / σ under the plain name
                    String base = k.substring(0, k.length() - "_orig".length());
                    Tensor w = e.getValue().to(torch.ScalarType.Float);
                    Tensor mat = w.reshape(w.size(0), -1);
                    Tensor sigma = torch.dot(state.get(base + "_u").to(torch.ScalarType.Float),
                            torch.mv(mat, state.get(base + "_v").to(torch.ScalarType.Float)));
                    legacy.put(base, w.div(sigma));
                }
            }
            Path g = tmp.resolve("old.pth");
            PtFile.save(g, StateDict.of(legacy));
            OfficialImport.Imported m = OfficialImport.read(g, null, new OfficialImport.Options(5, true, 64, 2.0, null));
            assertThat(m.netG()).containsKey("head_0.conv_0.weight_v").doesNotContainKey("head_0.conv_0.weight")
                    .containsKey("head_0.norm_0.param_free_norm.num_batches_tracked");
            try (SpadeGenerator gen = new SpadeGenerator(m.config().nets())) {
                gen.loadStateDict(m.netG(), "converted");
                gen.eval();
                // v is solved by a pseudo-inverse in float32: W/σ comes back to about 1e-5 of itself
                Tensor y = gen.forward((Tensor) f.get("semantics"), null);
                Tensor ref = (Tensor) f.get("y_eval");
                assertThat(torch.max(torch.abs(y.sub(ref))).item_double()).isLessThan(2e-3);
            }
        }
    }

    @Test
    void wrongLabelCountsAndForeignFilesAreOneLineErrors() throws Exception {
        Map<String, Object> f = SpadeParityTest.fixture("generator_seg.pt");
        try (Scope s = new Scope()) {
            Path g = officialGenerator(f, "g.pth");
            assertThatThrownBy(() -> OfficialImport.read(g, null, new OfficialImport.Options(182, true, 64, 2.0, null)))
                    .hasMessageContaining("takes 7 label channels").hasMessageContaining("--label-nc 182");
            Path foreign = tmp.resolve("foreign.pth");
            PtFile.save(foreign, StateDict.of(Map.of("layer.weight", torch.zeros(2, 2))));
            assertThatThrownBy(() -> OfficialImport.read(foreign, null, new OfficialImport.Options(5, true, 64, 2.0, null)))
                    .hasMessageContaining("is not a SPADE generator state dict");
            assertThatThrownBy(() -> OfficialImport.read(tmp.resolve("missing.pth"), null,
                    new OfficialImport.Options(5, true, 64, 2.0, null))).hasMessageContaining("not found");
        }
    }
}
