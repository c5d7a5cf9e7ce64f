package org.gan4j.cocosnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.data.EdgeMap;
import org.gan4j.torch.Engine;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;
import org.gan4j.train.TinyTrainer;
import org.gan4j.train.TrainerContract;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CoCosNet on edge maps of builtin:scenes' photos: the celebahqedge recipe's losses, its batches, the trainer contract. */
class CocosEdgesTrainerTest {

    @TempDir
    Path tmp;

    @Test
    void theEdgesRecipeIsCelebahqedges() {
        CocosConfig c = TinyCocos.edgesConfig(4, 1);
        assertThat(c.input()).isEqualTo(InputKind.EDGES);
        assertThat(c.nets().semanticNc()).isEqualTo(EdgeMap.CHANNELS);
        assertThat(c.nets().warpMask()).isEqualTo(WarpMask.NONE);
        assertThat(c.nets().warpCycle()).isTrue();
        assertThat(c.nets().warpBilinear()).isTrue();
        assertThat(c.nets().adaptorKernel()).isEqualTo(4);
        assertThat(c.nets().maskmix()).isTrue();
        assertThat(c.weightMask()).isZero();
        assertThat(c.warpCycleW()).isEqualTo(1.0);
        assertThat(c.fmRatio()).isEqualTo(1.0);
        assertThat(c.perceptualLayer()).isEqualTo(4);
        assertThat(c.weightPerceptual()).isEqualTo(0.001);
        // the widths, size and schedule are the config's own
        CocosConfig labels = TinyCocos.config(4, 1);
        assertThat(c.nets().ngfCorr()).isEqualTo(labels.nets().ngfCorr());
        assertThat(c.nets().ngfG()).isEqualTo(labels.nets().ngfG());
        assertThat(c.nets().cropSize()).isEqualTo(64);
        assertThat(c.iters()).isEqualTo(labels.iters());
    }

    @Test
    void batchesHoldTheEdgeMapsOfTheirOwnPhotos() {
        CocosConfig c = TinyCocos.edgesConfig(4, 2);
        CocosBatches batches = new CocosBatches(TinyCocos.DATA, TinyCocos.exemplars(c), c);
        try (Scope s = new Scope()) {
            CocosBatches.Batch b = batches.batch(0);
            assertThat(b.semantics().shape()).containsExactly(2, 2, 64, 64);
            assertThat(b.refSemantics().shape()).containsExactly(2, 2, 64, 64);
            assertThat(b.labels()).isNull();
            // the input map is the edge map of the ground truth photo as batched (after its flip)
            Tensor again = CocosBatches.edgeMaps(org.gan4j.torch.ImageTensors.toImages(b.real()));
            assertThat(Tensors.floats(b.semantics())).isEqualTo(Tensors.floats(again));
            Tensor againRef = CocosBatches.edgeMaps(org.gan4j.torch.ImageTensors.toImages(b.ref()));
            assertThat(Tensors.floats(b.refSemantics())).isEqualTo(Tensors.floats(againRef));
            float[] e = Tensors.floats(b.semantics().select(1, 0));
            double density = 0;
            for (float v : e) {
                assertThat(v).isIn(0f, 1f);
                density += v;
            }
            assertThat(density / e.length).as("edge density of scene photos").isBetween(0.01, 0.5);
        }
    }

    @Test
    void stepsLogTheCelebahqedgeLossesAndTheyAreFinite() {
        List<Map<String, Double>> rows = new ArrayList<>();
        Engine.intraOpThreads(1);
        try (CocosTrainer t = TinyCocos.trainer(TinyCocos.edgesConfig(3, 3))) {
            for (long i = 0; i < 3; i++) {
                try (Scope s = new Scope()) {
                    rows.add(t.step(0, i));
                }
            }
        }
        // no warped-mask term (edges have no classes); the cycle warp instead
        assertThat(rows.get(0).keySet()).containsExactly("no_vgg_feat", "G_warp_cycle", "GAN", "GAN_Feat", "fm", "perc",
                "contextual", "D_Fake", "D_real");
        assertThat(rows).allSatisfy(r -> assertThat(r.values()).allSatisfy(v -> assertThat(v).isFinite()));
    }

    @Test
    @Tag("slow") // about 80 s on two busy cores
    void trainerContract() throws java.io.IOException {
        TrainerContract.check(TinyCocos.kit(TinyCocos.edgesConfig(6, 7)), TinyCocos.loop(2), new TinyTrainer.Position(0, 5),
                tmp);
    }
}
