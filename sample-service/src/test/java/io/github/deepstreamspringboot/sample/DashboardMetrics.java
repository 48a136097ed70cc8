package io.github.deepstreamspringboot.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A PromQL-free check of the shipped Grafana dashboard: every metric its panel queries and variables name must have
 * a series of this application in a Prometheus scrape, or the panel would show "No data". The real-Prometheus check
 * stays a manual step (see docs/observability.md).
 */
final class DashboardMetrics {

    private DashboardMetrics() {
    }

    /**
     * @param scrape the text of {@code /actuator/prometheus}
     * @return the metrics the dashboard queries that have no series of {@code sample-service} in it
     */
    static Set<String> missingFrom(String scrape) throws IOException {
        String dashboard = Files.readString(Path.of("grafana/deepstream-dashboard.json"));
        Set<String> queried = new TreeSet<>();
        // a metric is what a selector follows; tags such as deepstream_rpc_side are not
        Matcher matcher = Pattern.compile("deepstream_[a-z_]+(?=\\{)").matcher(dashboard);
        while (matcher.find()) {
            queried.add(matcher.group());
        }
        assertThat(queried).hasSizeGreaterThan(10);
        queried.removeIf((metric) -> Pattern.compile("^" + metric + "\\{[^}]*application=\"sample-service\"",
                Pattern.MULTILINE).matcher(scrape).find());
        return queried;
    }

}
