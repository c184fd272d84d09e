package org.taskneurons.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The search view and the comparison page in a real browser against a real standalone server:
 * the shipped {@code search-quickstart.yaml} runs to the end, and what the page shows is checked
 * against what the server's API answers for the same experiment. Screenshots of both
 * go to {@code target/screenshots/} ({@code search.png}, {@code compare.png}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchDashboardTest {
    private static final Duration SHORT = Duration.ofSeconds(15);
    private static final Duration RUN = Duration.ofMinutes(4);
    private static final Path SEARCH_SPEC = Path.of("..", "experiments", "search-quickstart.yaml");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** One seed of both models on the search's data set, without a search. */
    private static final String PLAIN_SPEC = "{\"name\": \"plain no1\", \"datasets\": [{\"synthetic\": \"paper-no1-low\"}],"
            + " \"discovery\": {\"method\": \"subset\", \"scale\": \"minmax\"}, \"models\": [\"task-based\", \"ordinary\"],"
            + " \"structures\": [[2]], \"training\": {\"epochs\": 3, \"scale\": \"minmax\"}, \"seeds\": [1, 2]}";

    private Browser browser;
    private DashboardServer server;
    private String search;
    private String plain;

    @BeforeAll
    void start(@TempDir Path temp) throws Exception {
        browser = Browser.start(1400, 1000);
        server = DashboardServer.start(temp.resolve("state"), temp.resolve("data"));
        search = server.submit(Files.readString(SEARCH_SPEC), "application/yaml");
        plain = server.submit(PLAIN_SPEC);
        server.awaitState(search, "DONE", RUN);
        server.awaitState(plain, "DONE", RUN);
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void showsTheTrialsRungsAndBestConfigurationsOfASearch() throws Exception {
        JsonObject answer = server.json("/api/experiments/" + search + "/trials?offset=0&limit=1000");
        List<JsonObject> trials = objects(answer.getJsonArray("trials"));
        List<JsonObject> best = objects(answer.getJsonArray("best"));
        long promoted = trials.stream().filter(t -> t.getBoolean("promoted")).count();
        long stopped = trials.stream().filter(t -> t.getBoolean("stopped")).count();
        Set<String> distinctTrials = trials.stream()
                .map(t -> t.getString("dataset") + "/" + t.getString("model") + "/" + t.getInteger("trial"))
                .collect(Collectors.toSet());
        assertThat(promoted).as("promotions in the API's answer").isPositive();
        assertThat(stopped).as("stopped trials in the API's answer").isPositive();

        browser.open(server.url("/#/experiments/" + search));
        browser.awaitElement("search-view", SHORT);
        browser.await(SHORT, d -> browser.findAll("trial-row").size() == trials.size());
        assertThat(browser.findAll("promoted")).hasSize((int) promoted);
        assertThat(browser.findAll("stopped")).hasSize((int) stopped);
        assertThat(browser.findAll("rung")).extracting(rung -> Long.parseLong(rung.getAttribute("data-promoted")))
                .as("promotions by rung").containsExactlyElementsOf(promotionsByRung(trials));

        assertThat(browser.findAll("best-config")).extracting(row -> row.getAttribute("data-model"))
                .containsExactlyElementsOf(best.stream().map(b -> b.getString("model")).toList());
        List<String> configs = browser.findAll("best-config-text").stream().map(WebElement::getText).toList();
        for (int i = 0; i < best.size(); i++) {
            JsonObject config = best.get(i).getJsonObject("config");
            assertThat(configs.get(i)).contains("activation=" + config.getString("activation"));
        }

        List<WebElement> lines = browser.driver().findElements(By.cssSelector("[data-test=\"parallel-coordinates\"] path"));
        assertThat(lines).as("one line per trial").hasSize(distinctTrials.size());
        assertThat(browser.findAll("metric-scatter")).extracting(chart -> chart.getAttribute("data-parameter")
                + ":" + chart.getAttribute("data-axis")).contains("learning_rate:log", "activation:choice", "structure:choice");

        browser.script("arguments[0].scrollIntoView();", browser.find("search-view"));
        browser.screenshot(SCREENSHOTS.resolve("search.png"));
    }

    @Test
    void comparesTwoExperimentsSideBySide() throws Exception {
        browser.open(server.url("/#/experiments"));
        for (String id : List.of(search, plain)) {
            browser.await(SHORT, d -> d.findElements(pick(id)).stream().findFirst().orElse(null)).click();
        }
        browser.awaitElement("compare", SHORT).click();
        browser.awaitElement("compare-view", SHORT);
        assertThat(browser.driver().getCurrentUrl()).contains("#/compare/");
        browser.await(SHORT, d -> !browser.findAll("compare-cell").isEmpty());

        assertThat(browser.findAll("compare-column")).extracting(WebElement::getText)
                .containsExactly("search-quickstart · best", "plain no1 · 2");
        for (String id : List.of(search, plain)) {
            JsonObject table = server.json("/api/experiments/" + id + "/report").getJsonObject("report")
                    .getJsonArray("datasets").getJsonObject(0).getJsonArray("tables").getJsonObject(0);
            String metric = table.getJsonArray("metrics").getString(0);
            for (JsonObject row : objects(table.getJsonArray("rows"))) {
                double mean = row.getJsonObject("cells").getJsonObject(metric).getDouble("mean");
                String cell = browser.driver().findElement(By.cssSelector("[data-test=\"compare-row\"][data-label=\""
                        + row.getString("model") + "\"] [data-column=\"" + id + "|" + table.getString("structureName") + "\"]"))
                        .getText();
                assertThat(cell).as("%s in %s", row.getString("model"), id).startsWith(fourDigits(mean));
            }
        }
        browser.screenshot(SCREENSHOTS.resolve("compare.png"));
    }

    /** The promotions from each rung, rung 0 first. */
    private static List<Long> promotionsByRung(List<JsonObject> trials) {
        Map<Integer, Long> byRung = new TreeMap<>(trials.stream().collect(Collectors.groupingBy(t -> t.getInteger("rung"),
                Collectors.filtering(t -> t.getBoolean("promoted"), Collectors.counting()))));
        return List.copyOf(byRung.values());
    }

    /** The dashboard's format() for a value between 1e-4 and 1e5. */
    private static String fourDigits(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private static By pick(String id) {
        return By.cssSelector("[data-test=\"experiment-row\"][data-id=\"" + id + "\"] [data-test=\"compare-pick\"]");
    }

    private static List<JsonObject> objects(JsonArray array) {
        return array.stream().map(JsonObject.class::cast).toList();
    }
}
