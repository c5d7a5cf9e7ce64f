package org.gan4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gan4j stylegan2 ...}: StyleGAN2 training, generation, style mixing, latent walks and projection with rosinality-layout checkpoints. */
@Command(name = "stylegan2", mixinStandardHelpOptions = true,
        description = "StyleGAN2 (Karras et al., CVPR 2020): train, generate, style-mix, interpolate and project with rosinality-layout checkpoints.",
        subcommands = {Stylegan2Train.class, Stylegan2Generate.class, Stylegan2Eval.class, Stylegan2Export.class, Stylegan2Mix.class, Stylegan2Interpolate.class, Stylegan2Project.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Examples:", "  gan4j stylegan2 train --data builtin:landscapes --size 32 --preset fast --out runs/land32",
                "  gan4j stylegan2 generate --model stylegan2-ffhq-config-f.pt --count 8 --truncation 0.7 --out samples/",
                "  gan4j stylegan2 mix --model ckpt.pt --rows 3 --cols 4 --cutoff 4 --out mixing.png",
                "  gan4j stylegan2 interpolate --model ckpt.pt --frames 60 --out walk.gif",
                "  gan4j stylegan2 project --model ckpt.pt --image x.png --steps 1000 --out proj/"})
final class Stylegan2Command implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "choose a verb: train, generate, mix, interpolate, project (see gan4j stylegan2 --help)");
    }
}
