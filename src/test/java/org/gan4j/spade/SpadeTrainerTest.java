package org.gan4j.spade;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gan4j.torch.Engine;
import org.gan4j.torch.Scope;
import org.gan4j.train.TinyTrainer;
import org.gan4j.train.TrainerContract;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPADE's trainer on tiny builtin:scenes runs: the losses it logs, and the trainer contract. */
@Tag("slow")
class SpadeTrainerTest {

    @TempDir
    Path tmp;

    @Test
    void stepsLogTheOfficialLossesAndTheyAreFinite() {
        for (boolean vae : new boolean[] {false, true}) {
            SpadeConfig c = TinySpade.config(4, 3, vae);
            List<Map<String, Double>> rows = new ArrayList<>();
            Engine.intraOpThreads(1);
            try (SpadeTrainer t = TinySpade.trainer(c, 1)) {
                for (long i = 0; i < 4; i++) {
                    try (Scope s = new Scope()) {
                        rows.add(t.step(0, i));
                    }
                }
            }
            assertThat(rows.get(0).keySet()).containsExactlyElementsOf(vae
                    ? List.of("G_GAN", "G_feat", "G_VGG", "KLD", "D_fake", "D_real")
                    : List.of("G_GAN", "G_feat", "G_VGG", "D_fake", "D_real"));
            assertThat(rows).allSatisfy(r -> assertThat(r.values()).allSatisfy(v -> assertThat(v).isFinite()));
            // hinge terms: D's lie in [0, ∞) and start near 1 (D's logits are near 0 at initialisation)
            assertThat(rows.get(0).get("D_real")).isBetween(0.3, 3.0);
            assertThat(rows.get(0).get("D_fake")).isBetween(0.3, 3.0);
        }
    }

    @Test
    void trainerContract() throws java.io.IOException {
        TrainerContract.check(TinySpade.kit(TinySpade.config(6, 7, true)), TinySpade.loop(2),
                new TinyTrainer.Position(0, 5), tmp);
    }
}
