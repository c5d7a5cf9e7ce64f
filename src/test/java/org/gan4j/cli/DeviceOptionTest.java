package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gan4j.torch.Device;
import org.gan4j.torch.Engine;
import org.gan4j.torch.Placement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --device} and {@code --amp} on every command that computes; a device that is not there, in one line. */
class DeviceOptionTest {

    /** Commands that compute nothing (they only group subcommands or print). */
    private static boolean computes(CommandLine c) {
        return c.getSubcommands().isEmpty() && !c.getCommandName().equals("help");
    }

    @Test
    void everyCommandThatComputesTakesTheDeviceAndMixedPrecision() {
        List<String> missing = new ArrayList<>();
        collect(new CommandLine(new Main()), missing);
        assertThat(missing).isEmpty();
    }

    private static void collect(CommandLine c, List<String> missing) {
        if (computes(c)) {
            for (String name : new String[] {"--device", "--amp"}) {
                if (c.getCommandSpec().findOption(name) == null) {
                    missing.add(c.getCommandSpec().qualifiedName() + " " + name);
                }
            }
        }
        c.getSubcommands().values().stream().distinct().forEach(s -> collect(s, missing));
    }

    @Test
    void aCudaDeviceThisMachineLacksFailsInOneLineBeforeAnyOutput(@TempDir Path dir) throws Exception {
        Engine.init();
        org.junit.jupiter.api.Assumptions.assumeFalse(org.bytedeco.pytorch.global.torch.cuda_is_available());
        Path out = dir.resolve("samples");
        Cli r = Cli.run("stylegan2", "generate", "--model", "builtin:faces", "--count", "2", "--out", out.toString(),
                "--device", "cuda:0");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines()).isEqualTo(1);
        assertThat(r.err()).startsWith("gan4j: --device cuda:0: no CUDA device is available to gan4j");
        assertThat(Files.exists(out)).isFalse();
        assertThat(Placement.current()).isEqualTo(Device.CPU);
    }

    @Test
    void aMisspeltDeviceIsAUsageLine(@TempDir Path dir) {
        Cli r = Cli.run("stylegan2", "generate", "--model", "builtin:faces", "--count", "2", "--out",
                dir.resolve("s").toString(), "--device", "gpu");
        assertThat(r.errLines()).isEqualTo(1);
        assertThat(r.err()).contains("--device must be cpu, cuda or cuda:N (N = 0, 1, ...), got 'gpu'");
    }
}
