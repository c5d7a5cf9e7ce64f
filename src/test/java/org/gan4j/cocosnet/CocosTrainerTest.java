package org.gan4j.cocosnet;

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

/** CoCosNet's trainer on tiny builtin:scenes runs: the official losses it logs, and the trainer contract. */
@Tag("slow")
class CocosTrainerTest {

    @TempDir
    Path tmp;

    @Test
    void stepsLogTheOfficialLossesAndTheyAreFinite() {
        List<Map<String, Double>> rows = new ArrayList<>();
        Engine.intraOpThreads(1);
        try (CocosTrainer t = TinyCocos.trainer(TinyCocos.config(4, 3))) {
            for (long i = 0; i < 4; i++) {
                try (Scope s = new Scope()) {
                    rows.add(t.step(0, i));
                }
            }
        }
        assertThat(rows.get(0).keySet()).containsExactly("no_vgg_feat", "GAN", "GAN_Feat", "fm", "perc", "contextual",
                "mask", "D_Fake", "D_real");
        assertThat(rows).allSatisfy(r -> assertThat(r.values()).allSatisfy(v -> assertThat(v).isFinite()));
        // hinge terms times weight_gan 10: D's logits are near 0 at initialisation, so each starts near 10
        assertThat(rows.get(0).get("D_real")).isBetween(3.0, 30.0);
        assertThat(rows.get(0).get("D_Fake")).isBetween(3.0, 30.0);
        // the warped mask loss is an NLL (×100) of probabilities below 1
        assertThat(rows.get(0).get("mask")).isPositive();
    }

    @Test
    void theCorrespondenceLearnsToCarryTheExemplarsLabels() {
        // the warped-mask loss is the correspondence's semantic check: M·m_B must put the input's classes where they
        // are; it starts near −log(1/3..1/10)·100 and must fall by more than half within 30 tiny steps
        List<Double> mask = new ArrayList<>();
        Engine.intraOpThreads(1);
        try (CocosTrainer t = TinyCocos.trainer(TinyCocos.config(30, 5))) {
            for (long i = 0; i < 30; i++) {
                try (Scope s = new Scope()) {
                    mask.add(t.step(0, i).get("mask"));
                }
            }
        }
        double first = mask.subList(0, 5).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double last = mask.subList(25, 30).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        System.out.printf("warped-mask loss: first 5 steps %.2f, last 5 %.2f%n", first, last);
        assertThat(last).isLessThan(first / 2);
    }

    @Test
    void trainerContract() throws java.io.IOException {
        TrainerContract.check(TinyCocos.kit(TinyCocos.config(6, 7)), TinyCocos.loop(2), new TinyTrainer.Position(0, 5), tmp);
    }
}
