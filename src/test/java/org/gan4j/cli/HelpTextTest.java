package org.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's --help renders cleanly: a description, no unformatted text, no picocli warning. */
class HelpTextTest {

    @Test
    void everyCommandsHelpRendersWithoutWarnings() {
        List<CommandLine> all = new ArrayList<>();
        collect(new CommandLine(new Main()), all);
        assertTrue(all.size() > 40, "the command tree has " + all.size() + " commands");
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> problems = new ArrayList<>();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            for (CommandLine c : all) {
                String name = c.getCommandSpec().qualifiedName();
                String usage = c.getUsageMessage();
                if (usage.contains("%n") || usage.contains("Format specifier")) {
                    problems.add(name + ": unformatted text in its help");
                }
                if (c.getCommandSpec().usageMessage().description().length == 0 && !name.endsWith("help")) {
                    problems.add(name + ": no description");
                }
                String warned = captured.toString(StandardCharsets.UTF_8);
                if (!warned.isEmpty()) {
                    problems.add(name + ": " + warned.lines().findFirst().orElse(""));
                    captured.reset();
                }
            }
        } finally {
            System.setErr(saved);
        }
        assertEquals(List.of(), problems);
    }

    private static void collect(CommandLine c, List<CommandLine> out) {
        out.add(c);
        c.getSubcommands().values().stream().distinct().forEach(s -> collect(s, out));
    }
}
