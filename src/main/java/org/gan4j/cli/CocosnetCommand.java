package org.gan4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gan4j cocosnet ...}: exemplar-based image translation with CoCosNet. */
@Command(name = "cocosnet", mixinStandardHelpOptions = true,
        description = "CoCosNet (Zhang et al., CVPR 2020): label map or edge map + exemplar photo to a photo in the"
                + " exemplar's look, through a learned dense correspondence.",
        subcommands = {CocosTrain.class, CocosTranslate.class, CocosEdges.class, CocosEval.class, CommandLine.HelpCommand.class},
        footer = {"", "Examples:", "  gan4j cocosnet train --labels builtin:scenes --preset fast --out runs/cocos",
                "  gan4j cocosnet translate --model runs/cocos --input map.png --exemplar photo.png"
                        + " --exemplar-labels photo-map.png --out out.png --show-warp",
                "  gan4j cocosnet train --input edges --data builtin:scenes --out runs/edges",
                "  gan4j cocosnet edges --images photos/ --size 64 --out edges/",
                "  gan4j import cocosnet checkpoints/ade20k --label-nc 150 --dontcare --config ade20k --out runs/ade20k"})
final class CocosnetCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "choose a verb: train, translate, edges, eval (see gan4j cocosnet --help)");
    }
}
