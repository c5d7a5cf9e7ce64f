package org.gan4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gan4j spade ...}: semantic image synthesis with SPADE (GauGAN). */
@Command(name = "spade", mixinStandardHelpOptions = true,
        description = "SPADE / GauGAN (Park et al., CVPR 2019): label map (+ optional style image) to photo.",
        subcommands = {SpadeTrain.class, SpadeSynthesize.class, SpadeSegmenter.class, SpadeEval.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Examples:", "  gan4j spade train --labels builtin:scenes --size 64 --preset fast --out runs/scenes",
                "  gan4j spade synthesize --model runs/scenes --labels map.png --out out/",
                "  gan4j spade train --labels labels/ --images photos/ --label-nc 12 --style-encoder --out runs/mine",
                "  gan4j spade synthesize --model runs/mine --labels map.png --style photo.png --out styled/",
                "  gan4j spade segmenter train --labels builtin:scenes --size 64 --out segmenter64.pt",
                "  gan4j spade eval --model runs/scenes --segmenter segmenter64.pt --out eval/",
                "  gan4j import spade latest_net_G.pth --label-nc 182 --dontcare --out runs/coco"})
final class SpadeCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "choose a verb: train, synthesize, segmenter, eval (see gan4j spade --help)");
    }
}
