package org.gan4j.mystyle;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.gan4j.data.Faces;
import org.gan4j.torch.Scope;
import org.gan4j.train.Progress;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The identity network tells people it never saw apart. */
@Tag("slow")
class IdentityEmbeddingTest {

    private static List<BufferedImage> pictures(int id, int from, int count) {
        List<BufferedImage> out = new ArrayList<>();
        for (int v = from; v < from + count; v++) {
            out.add(Faces.draw(id, v, IdentityEmbedding.SIZE).image());
        }
        return out;
    }

    @Test
    void heldOutPicturesOfAPersonAreCloserToThatPersonThanOtherPeopleAre() {
        try (Scope s = new Scope(); Progress p = new Progress(Progress.Mode.PLAIN, System.err, java.time.Duration.ofSeconds(10));
                IdentityEmbedding net = IdentityEmbedding.train(40, Faces.PER_IDENTITY, 150, 1, p)) {
            double same = 0;
            double other = 0;
            int people = 6;
            for (int k = 0; k < people; k++) {
                List<BufferedImage> album = pictures(40_000 + k, 0, 6);
                same += mean(net.similarity(pictures(40_000 + k, 6, 4), album)) / people;
                other += mean(net.similarity(pictures(40_000 + (k + 1) % people, 6, 4), album)) / people;
            }
            System.out.printf("identity cosine: same person %.3f, another person %.3f%n", same, other);
            assertThat(same).isGreaterThan(other + 0.05);
        }
    }

    private static double mean(double[] v) {
        return java.util.Arrays.stream(v).average().orElseThrow();
    }
}
