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
 * @param vgg16   torchvision VGG16 weights for the LPIPS-style distance, or null
 * @param plus    MyStyle++'s settings, or null for MyStyle
 * @param alexnet torchvision AlexNet weights for LPIPS as the official code (net='alex'), or null
 * @param lpips   the lpips package's linear layers for the chosen network (alex.pth, vgg.pth), or null
 *                (without VGG16 or AlexNet weights: the discriminator's features, else the pixel pyramid; see
 *                {@link MystyleMethod#distance})
 */
public record MystyleRun(MystyleConfig config, String model, String album, String anchors, String vgg16,
        MystylePlus plus, String alexnet, String lpips) {

    /** A MyStyle run (no attributes). */
    public MystyleRun(MystyleConfig config, String model, String album, String anchors, String vgg16) {
        this(config, model, album, anchors, vgg16, null);
    }

    /** With the VGG16 file as the only weights file. */
    public MystyleRun(MystyleConfig config, String model, String album, String anchors, String vgg16,
            MystylePlus plus) {
        this(config, model, album, anchors, vgg16, plus, null, null);
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
