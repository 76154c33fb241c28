package dev.cognate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ServiceJvmOptionsTests {

    @Test
    void boundsEveryMemoryAreaOfEveryServiceInsteadOfLettingTheJvmSizeItFromTheMachine() {
        for (CognateService service : CognateService.ALL) {
            List<String> options = ServiceJvmOptions.of(service.name(), Map.of());

            assertThat(options).as(service.name())
                    .anyMatch(option -> option.matches("-Xmx[0-9]+m"))
                    .anyMatch(option -> option.matches("-Xms[0-9]+m"))
                    .contains("-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError")
                    .anyMatch(option -> option.startsWith("-XX:MaxMetaspaceSize="))
                    .anyMatch(option -> option.startsWith("-XX:ReservedCodeCacheSize="))
                    .anyMatch(option -> option.startsWith("-XX:MaxDirectMemorySize="));
        }
    }

    @Test
    void givesUserPoolServiceTheLargestHeapForArgon2() {
        assertThat(maxHeapMiB(CognateService.USER_POOL)).isGreaterThan(maxHeapMiB(CognateService.HOSTED_UI));
    }

    @Test
    void appendsTheOperatorsOwnOptionsLastSoThatTheyWin() {
        List<String> options = ServiceJvmOptions.of(CognateService.USER_POOL.name(),
                Map.of(ServiceJvmOptions.EXTRA_OPTIONS_VARIABLE, "  -Xmx512m   -XX:NativeMemoryTracking=summary "));

        assertThat(options).endsWith("-Xmx512m", "-XX:NativeMemoryTracking=summary");
    }

    @Test
    void putsTheOptionsBetweenJavaAndTheJar() {
        List<String> command = JavaCommand.jar(List.of("-Xmx96m", "-XX:+UseSerialGC"), java.nio.file.Path.of("/x/quarkus-run.jar"));

        assertThat(command.get(0)).endsWith("java");
        assertThat(command.subList(1, command.size())).containsExactly("-Xmx96m", "-XX:+UseSerialGC", "-jar", "/x/quarkus-run.jar");
    }

    @Test
    void refusesAServiceItDoesNotKnow() {
        assertThatThrownBy(() -> ServiceJvmOptions.of("another-service", Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static int maxHeapMiB(CognateService service) {
        return ServiceJvmOptions.of(service.name(), Map.of()).stream().filter(option -> option.startsWith("-Xmx"))
                .map(option -> Integer.parseInt(option.substring(4, option.length() - 1))).findFirst().orElseThrow();
    }
}
