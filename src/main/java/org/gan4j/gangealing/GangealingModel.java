package org.gan4j.gangealing;

/** A trained congealing model at test time (see the applications). */
public final class GangealingModel {

    /** The official-layout checkpoint a finished run writes. */
    public static final String CHECKPOINT = "gangealing.pt";

    private GangealingModel() {}
}
