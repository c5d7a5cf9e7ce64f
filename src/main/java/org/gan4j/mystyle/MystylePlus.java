package org.gan4j.mystyle;

import org.gan4j.Gan4jException;

/**
 * MyStyle++'s settings beside MyStyle's.
 *
 * @param attributes   a CSV of the album's attribute values (see {@link AttributeTable#read}), or null for a
 *                     {@code builtin:faces:ID} album, whose pictures carry their true yaw, expression and eye opening
 * @param levels       P, the levels each attribute is quantised into (default 3)
 * @param anchorWeight λ_anc, the anchor loss's weight beside the reconstruction loss (default 1, the paper's sum)
 * @param anchorLr     Adam's learning rate for the anchors, which are optimised with the generator (default 0.01)
 */
public record MystylePlus(String attributes, int levels, double anchorWeight, double anchorLr) {

    public MystylePlus {
        if (levels < 2) {
            throw new Gan4jException("--levels must be at least 2, got " + levels);
        }
        if (!(anchorWeight >= 0) || !(anchorLr > 0)) {
            throw new Gan4jException("--anchor-weight must be at least 0 and --anchor-lr positive, got " + anchorWeight
                    + " and " + anchorLr);
        }
    }

    public static MystylePlus defaults(String attributes) {
        return new MystylePlus(attributes, 3, 1.0, 0.01);
    }
}
