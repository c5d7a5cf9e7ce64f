package org.gan4j;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** The layers of DESIGN.md: imports point down only. */
class LayeringTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.gan4j");

    @Test
    void importsPointDownOnly() {
        ArchRule rule = layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("cli").definedBy("org.gan4j.cli..")
                .layer("methods").definedBy("org.gan4j.singan..", "org.gan4j.stylegan2..", "org.gan4j.spade..",
                        "org.gan4j.cocosnet..", "org.gan4j.gangealing..", "org.gan4j.mystyle..", "org.gan4j.orojar..")
                .layer("metrics").definedBy("org.gan4j.metrics..")
                .layer("shared").definedBy("org.gan4j.nn..", "org.gan4j.loss..", "org.gan4j.data..", "org.gan4j.train..",
                        "org.gan4j.models..")
                .layer("torch").definedBy("org.gan4j.torch..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("methods").mayOnlyBeAccessedByLayers("cli", "methods")
                .whereLayer("metrics").mayOnlyBeAccessedByLayers("cli", "methods")
                .whereLayer("shared").mayOnlyBeAccessedByLayers("cli", "methods", "metrics", "shared")
                .whereLayer("torch").mayOnlyBeAccessedByLayers("cli", "methods", "metrics", "shared");
        rule.check(CLASSES);
    }

    @Test
    void distributionStaysOutOfTheCoreEngine() {
        // torch.dist (c10d, Gloo, the launcher) sits on the rest of torch/; the core engine knows nothing of it, so a
        // one-process build path never loads the collectives.
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses().that().resideInAPackage("org.gan4j.torch")
                .should().dependOnClassesThat().resideInAPackage("org.gan4j.torch.dist..")
                .check(CLASSES);
    }

    @Test
    void stylegan2DoesNotDependOnOtherMethods() {
        // A method may use another's public API only where the paper does (GANgealing, MyStyle, OroJaR use
        // stylegan2), never the other way round.
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses().that().resideInAPackage("org.gan4j.stylegan2..")
                .should().dependOnClassesThat().resideInAnyPackage("org.gan4j.singan..", "org.gan4j.gangealing..",
                        "org.gan4j.mystyle..", "org.gan4j.orojar..", "org.gan4j.spade..", "org.gan4j.cocosnet..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }
}
