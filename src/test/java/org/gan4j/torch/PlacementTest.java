package org.gan4j.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.gan4j.Gan4jException;
import org.junit.jupiter.api.Test;

/** Device placement is one concern of the engine layer: its rules, its device logic, and its factories. */
class PlacementTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.gan4j");

    /** libtorch's calls that make a tensor from nothing (on the CPU unless told otherwise). */
    private static final Set<String> FACTORIES = Set.of("zeros", "ones", "empty", "full", "randn", "rand", "randint",
            "randperm", "arange", "linspace", "logspace", "eye", "tensor", "scalar_tensor", "from_blob", "normal",
            "empty_strided");

    private static DescribedPredicate<JavaCall<?>> factoryOf(Class<?> owner, Set<String> names) {
        return DescribedPredicate.describe("a tensor factory of " + owner.getSimpleName(),
                call -> call.getTargetOwner().isEquivalentTo(owner) && names.contains(call.getName()));
    }

    @Test
    void onlyTheEngineMakesTensorsFromNothingOrNamesADevice() {
        ArchRuleDefinition.noClasses().that().resideOutsideOfPackage("org.gan4j.torch..")
                .should().callCodeUnitWhere(factoryOf(org.bytedeco.pytorch.global.torch.class, FACTORIES))
                .orShould().callCodeUnitWhere(factoryOf(org.bytedeco.pytorch.AbstractTensor.class, Set.of("create")))
                .orShould().callCodeUnitWhere(factoryOf(org.bytedeco.pytorch.Tensor.class,
                        Set.of("createBuffer", "data_ptr", "cpu", "cuda", "createIndexer")))
                .orShould().dependOnClassesThat().belongToAnyOf(org.bytedeco.pytorch.TensorOptions.class,
                        org.bytedeco.pytorch.Device.class, org.bytedeco.pytorch.DeviceOptional.class)
                .because("Placement decides where tensors live; Tensors and Rng make them there (docs/architecture.md)")
                .check(CLASSES);
    }

    @Test
    void noMethodPackageNamesCuda() throws IOException {
        // The device is a CLI option read by the engine layer: no method package spells a device out.
        Path root = Path.of("src/main/java/org/gan4j");
        List<String> offenders;
        try (Stream<Path> files = Files.walk(root)) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.startsWith(root.resolve("torch")) && !p.startsWith(root.resolve("cli")))
                    .filter(p -> {
                        try {
                            return Files.readString(p).contains("\"cuda");
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(Path::toString).collect(Collectors.toList());
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void devicesAreWrittenAsPyTorchWritesThem() {
        assertThat(Device.parse("cpu")).isEqualTo(Device.CPU);
        assertThat(Device.parse("cuda")).isEqualTo(Device.cuda(0));
        assertThat(Device.parse(" CUDA:3 ")).isEqualTo(Device.cuda(3));
        assertThat(Device.parse("meta")).isEqualTo(Device.META);
        assertThat(Device.cuda(2)).hasToString("cuda:2");
        for (String bad : new String[] {"gpu", "cuda:", "cuda:-1", "cuda:x", "", "cpu:1"}) {
            assertThatThrownBy(() -> Device.parse(bad)).isInstanceOf(Gan4jException.class)
                    .hasMessage("--device must be cpu, cuda or cuda:N (N = 0, 1, ...), got '" + bad + "'");
        }
    }

    @Test
    void aCudaDeviceIsCheckedAgainstTheDevicesThereAre() {
        Placement.check(Device.cuda(0), 1);
        Placement.check(Device.cuda(1), 2);
        Placement.check(Device.CPU, 0);
        assertThatThrownBy(() -> Placement.check(Device.cuda(0), 0)).isInstanceOf(Gan4jException.class)
                .hasMessageStartingWith("--device cuda:0: no CUDA device is available to gan4j");
        assertThatThrownBy(() -> Placement.check(Device.cuda(2), 2)).isInstanceOf(Gan4jException.class)
                .hasMessage("--device cuda:2: this machine has 2 CUDA devices (cuda:0 to cuda:1)");
        assertThatThrownBy(() -> Placement.check(Device.cuda(1), 1)).isInstanceOf(Gan4jException.class)
                .hasMessage("--device cuda:1: this machine has 1 CUDA device (cuda:0)");
    }

    @Test
    void onThisMachineCudaFailsInOneLineAndLeavesTheCpu() {
        Engine.init();
        org.junit.jupiter.api.Assumptions.assumeFalse(org.bytedeco.pytorch.global.torch.cuda_is_available());
        assertThatThrownBy(() -> Placement.use(Device.cuda(0))).isInstanceOf(Gan4jException.class)
                .hasMessageNotContaining("\n");
        assertThat(Placement.current()).isEqualTo(Device.CPU);
    }

    @Test
    void everyFactoryMakesItsTensorOnTheCurrentDevice() {
        // (randperm has no meta kernel; it takes the same options as randint)
        Placement.with(Device.META, () -> {
            try (Scope s = new Scope()) {
                Rng rng = Rng.seeded(1);
                List<Tensor> made = List.of(Tensors.zeros(2, 3), Tensors.zeros(ScalarType.Long, 2), Tensors.ones(4),
                        Tensors.empty(1, 2), Tensors.full(ScalarType.Long, 3, 2), Tensors.randn(2), Tensors.rand(2),
                        Tensors.randint(5, 3), Tensors.arange(3), Tensors.arange(0, 9, 3),
                        Tensors.eye(2, 3), Tensors.scalar(1.5), Tensors.of(new float[] {1, 2}, 2),
                        Tensors.of(new double[] {1}, 1), Tensors.longs(1, 2), Tensors.of(new int[] {7}, 1),
                        rng.randn(2), rng.rand(2), rng.randint(3, 2), rng.randperm(3), rng.normal64(0, 1, 2),
                        ImageTensors.fromImage(new java.awt.image.BufferedImage(4, 3,
                                java.awt.image.BufferedImage.TYPE_INT_RGB)));
                for (int i = 0; i < made.size(); i++) {
                    assertThat(Placement.of(made.get(i))).as("tensor " + i).isEqualTo(Device.META);
                }
            }
        });
        assertThat(Placement.current()).isEqualTo(Device.CPU);
        try (Scope s = new Scope()) {
            Tensor t = Tensors.zeros(ScalarType.Long, 2);
            assertThat(Placement.of(t)).isEqualTo(Device.CPU);
            assertThat(t.scalar_type().intern()).isEqualTo(ScalarType.Long);
            assertThat(Tensors.full(ScalarType.Float, 0.25, 1).item_double()).isEqualTo(0.25);
            assertThat(Tensors.arange(0, 9, 3).shape()).containsExactly(3);
        }
    }
}
