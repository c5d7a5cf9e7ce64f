package org.gan4j.orojar;

/**
 * What an OroJaR training run stores as {@code config.json}.
 *
 * @param config the networks, the data, the regulariser and the schedule
 */
public record OrojarRun(OrojarConfig config) {}
