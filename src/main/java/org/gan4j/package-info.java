/**
 * gan4j: controllable GAN image synthesis, editing and alignment on libtorch.
 *
 * <p>Layers, top to bottom (imports point down only; a test checks it): {@code cli}; one package per paper
 * ({@code singan}, {@code stylegan2}, ...); {@code metrics}; the shared {@code nn}, {@code loss}, {@code data},
 * {@code train}; and {@code torch}, the thin layer over libtorch. This root package holds what every layer may
 * use: {@link org.gan4j.Gan4jException}.
 */
package org.gan4j;
