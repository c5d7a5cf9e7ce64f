package org.gan4j.mystyle;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gan4j.data.Faces;
import org.gan4j.torch.Scope;
import org.gan4j.train.Progress;

/**
 * The evaluation's identity similarity: an {@link IdentityEmbedding} trained on other procedural people scores each
 * group of pictures by the cosine of every picture's code to the album's mean code, beside two references — more
 * real pictures of the person, and real pictures of other people.
 */
public final class IdentityScores {

    /** The identity network's training identities (0 .. n−1; an evaluated person lies outside them). */
    public static final int TRAINING_IDENTITIES = 100;
    /** The first of 8 other people of the reference row (picture 0 each), outside the network's training set. */
    public static final int OTHER_PEOPLE = 30_000;

    /** One group's score. */
    public record Score(String group, double mean, double sd, int count) {
        public String line() {
            return String.format(Locale.ROOT, "  %-46s %6.3f ± %.3f  (%d pictures)", group, mean, sd, count);
        }
    }

    private IdentityScores() {}

    /**
     * The reference groups for {@code builtin:faces} person {@code identity}: its pictures from variant
     * {@code firstUnseen} on (not in the album), and picture 0 of 8 other people.
     */
    public static Map<String, List<BufferedImage>> references(int identity, int firstUnseen) {
        List<BufferedImage> same = new ArrayList<>();
        List<BufferedImage> others = new ArrayList<>();
        for (int v = 0; v < 8; v++) {
            same.add(Faces.draw(identity, firstUnseen + v, IdentityEmbedding.SIZE).image());
            others.add(Faces.draw(OTHER_PEOPLE + v, 0, IdentityEmbedding.SIZE).image());
        }
        Map<String, List<BufferedImage>> groups = new LinkedHashMap<>();
        groups.put("reference: other pictures of the person", same);
        groups.put("reference: other people", others);
        return groups;
    }

    /** Trains the network on {@code identities} people for {@code steps} and scores every group against the album. */
    public static List<Score> score(List<BufferedImage> album, Map<String, List<BufferedImage>> groups, int identities,
            int steps, long seed, Progress progress) {
        List<Score> out = new ArrayList<>();
        try (IdentityEmbedding net = IdentityEmbedding.train(identities, Faces.PER_IDENTITY, steps, seed, progress);
                Scope s = new Scope()) {
            for (Map.Entry<String, List<BufferedImage>> e : groups.entrySet()) {
                double[] cos = net.similarity(e.getValue(), album);
                double mean = Arrays.stream(cos).average().orElse(Double.NaN);
                double sd = Math.sqrt(Arrays.stream(cos).map(c -> (c - mean) * (c - mean)).sum() / cos.length);
                out.add(new Score(e.getKey(), mean, sd, cos.length));
            }
        }
        return out;
    }
}
