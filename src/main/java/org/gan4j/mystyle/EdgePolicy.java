package org.gan4j.mystyle;

import java.util.Locale;
import org.gan4j.Gan4jException;

/** What an edit does where α' = α + θγ leaves P_β (the official {@code EdgePolicy}). */
public enum EdgePolicy {
    /** Drop that θ from the sweep. */
    STOP,
    /** Keep the edit as it is (the official default). */
    CONTINUE,
    /** Replace the edited latent by the nearest point of P_β ({@link HullProjection}). */
    PROJECT;

    /** {@code stop}, {@code continue} or {@code project}, any case. */
    public static EdgePolicy parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Gan4jException("--policy must be stop, continue or project, got '" + s + "'");
        }
    }
}
