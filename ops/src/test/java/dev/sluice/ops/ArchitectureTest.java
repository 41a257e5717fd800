package dev.sluice.ops;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module and package boundaries of DESIGN.md, checked on every build. */
class ArchitectureTest {

    private static final JavaClasses SLUICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.sluice");

    /** Classes of the processors module outside the *Processor adapters and the classes nested in them. */
    private static final com.tngtech.archunit.base.DescribedPredicate<com.tngtech.archunit.core.domain.JavaClass> STAGE_CORES =
            new com.tngtech.archunit.base.DescribedPredicate<>("are stage cores (not *Processor adapters or classes nested in them)") {
                @Override
                public boolean test(com.tngtech.archunit.core.domain.JavaClass javaClass) {
                    com.tngtech.archunit.core.domain.JavaClass top = javaClass;
                    while (top.getEnclosingClass().isPresent()) {
                        top = top.getEnclosingClass().get();
                    }
                    return javaClass.getPackageName().startsWith("dev.sluice.processors") && !top.getSimpleName().endsWith("Processor");
                }
            };

    @Test
    void schemasDependOnNothingElseOfSluice() {
        noClasses().that().resideInAPackage("dev.sluice.schemas..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.processors..", "dev.sluice.connectors..",
                        "dev.sluice.topology..", "dev.sluice.ops..")
                .check(SLUICE);
    }

    @Test
    void processorsNeverImportConnectorsTopologyOrOps() {
        noClasses().that().resideInAPackage("dev.sluice.processors..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.connectors..", "dev.sluice.topology..", "dev.sluice.ops..")
                .check(SLUICE);
    }

    @Test
    void connectorsNeverImportTopologyOrOps() {
        noClasses().that().resideInAPackage("dev.sluice.connectors..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.topology..", "dev.sluice.ops..")
                .check(SLUICE);
    }

    @Test
    void topologyNeverImportsOps() {
        noClasses().that().resideInAPackage("dev.sluice.topology..")
                .should().dependOnClassesThat().resideInAPackage("dev.sluice.ops..")
                .check(SLUICE);
    }

    @Test
    void stageCoresAreFreeOfKafkaStreams() {
        noClasses().that(STAGE_CORES)
                .should().dependOnClassesThat().resideInAPackage("org.apache.kafka..")
                .because("a stage is a pure core plus a thin Kafka Streams adapter named *Processor")
                .check(SLUICE);
    }

    @Test
    void stagesDoNotReachIntoEachOther() {
        for (String stage : new String[] {"admit", "policy", "route", "infer", "validate", "cost"}) {
            noClasses().that().resideInAPackage("dev.sluice.processors." + stage + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(
                            java.util.Arrays.stream(new String[] {"admit", "classify", "policy", "route", "infer", "validate", "cost"})
                                    .filter(s -> !s.equals(stage)).map(s -> "dev.sluice.processors." + s + "..").toArray(String[]::new))
                    .check(SLUICE);
        }
    }
}
