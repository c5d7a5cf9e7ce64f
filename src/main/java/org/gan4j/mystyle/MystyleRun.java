package org.gan4j.mystyle;

import org.gan4j.Gan4jException;

/**
 * What a personalisation run needs besides its settings, stored with them as {@code config.json} so that
 * {@code --resume} reopens the same inputs (the album and the anchors are also copied into the run).
 *
 * @param config  the settings
 * @param model   the base StyleGAN2 checkpoint, or {@code builtin:faces}
 * @param album   the album: a folder of images, or {@code builtin:faces:ID}
 * @param anchors anchors made elsewhere (a .npy file or a folder of .npy files), or null to invert the album
 * @param vgg16   torchvision VGG16 weights for the LPIPS-style distance, or null for the pixel pyramid
 * @param plus    MyStyle++'s settings, or null for MyStyle
 */
public record MystyleRun(MystyleConfig config, String model, String album, String anchors, String vgg16,
        MystylePlus plus) {

    /** A MyStyle run (no attributes). */
    public MystyleRun(MystyleConfig config, String model, String album, String anchors, String vgg16) {
        this(config, model, album, anchors, vgg16, null);
    }

    public MystyleRun {
        if (model == null) {
            throw new Gan4jException("MyStyle needs the StyleGAN2 generator to personalise (--model G_CKPT or builtin:faces)");
        }
        if (album == null) {
            throw new Gan4jException("MyStyle needs the person's album (--album DIR or builtin:faces:ID)");
        }
    }
}
