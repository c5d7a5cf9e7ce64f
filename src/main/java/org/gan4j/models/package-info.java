/**
 * Models gan4j trained itself and ships in the jar ({@code builtin:faces}): the StyleGAN2 on the procedural faces
 * and the GANgealing transformer congealing them, each made by a documented command and seed.
 */
package org.gan4j.models;
