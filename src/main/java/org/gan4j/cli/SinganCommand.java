package org.gan4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gan4j singan ...}: SinGAN on one image. */
@Command(name = "singan", mixinStandardHelpOptions = true,
        description = "SinGAN (Shaham et al., ICCV 2019): learn one image, then sample, upscale, paint, harmonize, edit and animate.",
        subcommands = {SinganTrain.class, SinganSample.class, SinganSr.class, SinganPaint.class, SinganHarmonize.class,
                SinganEdit.class, SinganAnimate.class, CommandLine.HelpCommand.class},
        footer = {"", "Example:", "  gan4j singan train --image mountains.png --preset fast",
                "  gan4j singan sample --model runs/singan-20261122-120000 --count 8 --scale-w 2",
                "  gan4j singan sr --image small.png --factor 4 --preset fast --out big.png",
                "  gan4j singan paint --model runs/singan-20261122-120000 --paint clip.png --start-scale 2 --out p.png",
                "  gan4j singan harmonize --model RUN --image collage.png --mask mask.png --start-scale 2 --out h.png",
                "  gan4j singan edit --model RUN --image edited.png --mask mask.png --start-scale 1 --out e.png",
                "  gan4j singan animate --model RUN --frames 100 --alpha 0.1 --beta 0.9 --out anim.gif"})
final class SinganCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a verb: train, sample, sr, paint, harmonize, edit, animate (see gan4j singan --help)");
    }
}
