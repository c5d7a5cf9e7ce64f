package org.gan4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gan4j.Gan4jException;
import picocli.CommandLine.Option;

/**
 * The weights files of MyStyle's perceptual distance: none (the generator's own discriminator's features), AlexNet
 * (LPIPS as the official code), or VGG16; LPIPS's learned linear layers optional with either.
 */
final class LpipsOptions {

    @Option(names = "--alexnet", paramLabel = "FILE", description = "torchvision AlexNet weights"
            + " (alexnet-owt-7be5be79.pth): LPIPS on AlexNet, as the official MyStyle.")
    Path alexnet;

    @Option(names = "--vgg16", paramLabel = "FILE", description = "torchvision VGG16 weights (vgg16-397923af.pth):"
            + " an LPIPS-style distance on VGG16.")
    Path vgg16;

    @Option(names = "--lpips-weights", paramLabel = "FILE", description = "The lpips package's learned linear layers"
            + " for that network (weights/v0.1/alex.pth or vgg.pth). Without: every channel weighted 1. Without"
            + " --alexnet and --vgg16 the distance is the LPIPS form on the generator's own discriminator's features"
            + " (no download), or a pixel distance for a generator without one.")
    Path lpips;

    /** One line for a missing file or a combination that cannot be, before any work starts. */
    LpipsOptions check() {
        for (Object[] f : new Object[][] {{"--alexnet", alexnet}, {"--vgg16", vgg16}, {"--lpips-weights", lpips}}) {
            if (f[1] != null && !Files.isRegularFile((Path) f[1])) {
                throw new Gan4jException(f[0] + " " + f[1] + " not found");
            }
        }
        if (alexnet != null && vgg16 != null) {
            throw new Gan4jException("give --alexnet or --vgg16, not both: LPIPS runs on one network");
        }
        if (lpips != null && alexnet == null && vgg16 == null) {
            throw new Gan4jException("--lpips-weights " + lpips + " are LPIPS's linear layers for a network: give its"
                    + " weights too (--alexnet for alex.pth, --vgg16 for vgg.pth)");
        }
        return this;
    }

    static String absolute(Path p) {
        return p == null ? null : p.toAbsolutePath().toString();
    }
}
