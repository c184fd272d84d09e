package org.taskneurons.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in a real browser against a real standalone server (H2 store, temporary data
 * root): an experiment launched from the form and followed live, validation messages at their
 * fields, and user strings shown as text. The experiment view's screenshot goes to
 * {@code target/screenshots/experiment.png}, and with {@code -Dtaskneurons.docs.screenshot=true}
 * also to {@code docs/screenshot-experiment.png} for the README.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardTest {
    private static final Duration SHORT = Duration.ofSeconds(15);
    private static final Duration RUN = Duration.ofSeconds(90);
    private static final Path SCREENSHOT = Path.of("target", "screenshots", "experiment.png");

    private Path temp;
    private Browser browser;
    private DashboardServer server;

    @BeforeAll
    void start(@TempDir Path temp) throws Exception {
        this.temp = temp;
        browser = Browser.start(1400, 1000);
        server = DashboardServer.start(temp.resolve("state"), temp.resolve("data"));
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
    void launchesFromTheFormAndFollowsTheExperimentLive() throws Exception {
        Path csv = quadratic(temp.resolve("upload").resolve("quadratic.csv"), 200);
        browser.open(server.url("/#/new"));
        browser.script("window.notReloaded = true;");
        fill("field-name", "quadratic from the form");
        browser.awaitElement("source-file", SHORT).click();
        browser.find("upload").sendKeys(csv.toAbsolutePath().toString());
        browser.await(SHORT, d -> browser.find("upload-state").getText().startsWith("uploaded as"));
        assertThat(browser.find("field-file").getAttribute("value")).contains("quadratic");
        fill("field-target", "y");
        fill("field-structures", "4");
        fill("field-seeds", "1-2");
        // Enough epochs that the trainings (on the fast fused path) last long enough to be watched.
        fill("field-epochs", "6000");
        fill("field-method", "gp");
        fill("field-activation", "tanh");
        browser.find("launch").click();

        browser.awaitElement("experiment-view", SHORT);
        assertThat(browser.driver().getCurrentUrl()).contains("#/experiments/");
        assertThat(browser.awaitElement("experiment-name", SHORT).getText()).isEqualTo("quadratic from the form");
        browser.await(SHORT, d -> "live".equals(browser.find("bus-state").getText()) ? true : null);

        Set<String> percents = new LinkedHashSet<>();
        Set<String> chartVersions = new LinkedHashSet<>();
        Set<String> taskStates = new LinkedHashSet<>();
        browser.await(RUN, d -> {
            percents.add(browser.find("progress").getAttribute("data-percent"));
            chartVersions.add(browser.find("training-chart").getAttribute("data-version"));
            browser.findAll("task-row").forEach(row -> taskStates.add(row.getAttribute("data-state")));
            return "DONE".equals(browser.find("experiment-state").getText()) ? true : null;
        });
        assertThat(browser.script("return window.notReloaded === true;")).as("the page was reloaded").isEqualTo(true);
        assertThat(percents).as("progress while watched").hasSizeGreaterThanOrEqualTo(2);
        assertThat(chartVersions).as("training chart versions while watched").hasSizeGreaterThanOrEqualTo(2);
        assertThat(taskStates).contains("DONE");

        WebElement formula = browser.await(RUN, d -> {
            List<WebElement> rendered = d.findElements(By.cssSelector("[data-test=\"formula-math\"][data-rendered=\"true\"]"));
            return rendered.isEmpty() ? null : rendered.get(0);
        });
        assertThat(formula.findElements(By.tagName("svg"))).as("the formula is typeset as SVG").isNotEmpty();
        // GP: the front it chose from beside its curve by generation
        assertThat(browser.awaitElement("pareto-front", SHORT).getAttribute("data-chosen")).isEqualTo("1");
        assertThat(browser.findAll("sr-chart")).as("the GP curve by generation").isNotEmpty();
        String stability = browser.awaitElement("stability-summary", SHORT).getText();
        assertThat(stability).matches("this formula in \\d+% of 20 resamples; modal .+ \\(\\d+%\\)");
        assertThat(browser.findAll("stability-term")).as("each term's inclusion frequency is shown").isNotEmpty();
        List<String> models = browser.await(RUN, d -> {
            List<String> found = browser.findAll("comparison-row").stream().map(r -> r.getAttribute("data-model")).toList();
            return found.size() == 2 ? found : null;
        });
        assertThat(models).isEqualTo(List.of("task-based", "ordinary"));
        assertThat(browser.findAll("runs")).extracting(WebElement::getText).as("both seeds of each model kept: no run diverged")
                .containsExactly("2", "2");
        assertThat(browser.findAll("best")).as("the better value is marked").isNotEmpty();
        assertThat(browser.find("progress").getAttribute("data-percent")).isEqualTo("100");

        fullPageScreenshot();
    }

    @Test
    void showsTheServersValidationMessagesAtTheirFields() {
        browser.open(server.url("/#/new"));
        browser.awaitElement("spec-form", SHORT);
        browser.find("source-file").click();
        fill("field-file", "no/such/file.csv");
        fill("field-epochs", "0");
        browser.find("launch").click();

        WebElement epochs = browser.awaitElement("error-epochs", SHORT);
        assertThat(epochs.getText()).contains("training.epochs");
        WebElement file = browser.awaitElement("error-file", SHORT);
        assertThat(file.getText()).contains("datasets[0].file");
        assertThat(browser.findAll("error-seeds")).as("no message at an untouched field").isEmpty();
        assertThat(browser.driver().getCurrentUrl()).as("nothing was launched").endsWith("#/new");

        browser.find("mode-editor").click();
        WebElement text = browser.awaitElement("spec-text", SHORT);
        text.clear();
        text.sendKeys("name: bad\ndatasets:\n  - synthetic: paper-no1-low\ntraining:\n  optimizer: newton\n");
        browser.find("launch").click();
        WebElement violation = browser.await(SHORT, d -> {
            List<WebElement> found = browser.findAll("violation");
            return found.isEmpty() ? null : found.get(0);
        });
        assertThat(violation.getAttribute("data-field")).isEqualTo("training.optimizer");
        assertThat(violation.getText()).contains("newton");
    }

    @Test
    void showsAnExperimentNamedLikeHtmlAsText() throws Exception {
        String name = "<img src=x onerror=alert(1)>";
        String id = server.submit("{\"name\": \"" + name + "\", \"datasets\": [{\"synthetic\": \"paper-no1-low\"}],"
                + " \"discovery\": {\"method\": \"subset\"}, \"models\": [\"ordinary\"], \"structures\": [[2]],"
                + " \"training\": {\"epochs\": 1}, \"seeds\": [1]}");

        browser.open(server.url("/#/experiments"));
        WebElement link = browser.await(SHORT, d -> d.findElements(By.cssSelector("[data-test=\"experiment-row\"][data-id=\"" + id
                + "\"] [data-test=\"experiment-link\"]")).stream().findFirst().orElse(null));
        assertThat(link.getText()).isEqualTo(name);
        fill("filter-text", "onerror");
        browser.await(SHORT, d -> browser.findAll("experiment-row").size() == 1);
        fill("filter-text", "no experiment is called this");
        browser.await(SHORT, d -> browser.findAll("experiment-row").isEmpty());
        fill("filter-text", "onerror");
        link = browser.awaitElement("experiment-link", SHORT);
        link.click();
        assertThat(browser.awaitElement("experiment-name", SHORT).getText()).isEqualTo(name);
        browser.awaitElement("task-table", SHORT);

        // the exact subset search has no generations: its Pareto front stands in for the curve, the chosen point marked
        WebElement front = browser.await(RUN, d -> d.findElements(By.cssSelector("[data-test=\"pareto-front\"]")).stream()
                .findFirst().orElse(null));
        assertThat(Integer.parseInt(front.getAttribute("data-points"))).as("front points").isGreaterThan(1);
        assertThat(front.getAttribute("data-chosen")).isEqualTo("1");
        assertThat(browser.findAll("sr-chart")).as("a generation chart for the subset search").isEmpty();

        assertThat(browser.script("return document.querySelectorAll('img').length;")).isEqualTo(0L);
        assertThatThrownBy(() -> browser.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    @Test
    void cancelsARunningExperiment() throws Exception {
        String id = server.submit("{\"name\": \"long\", \"datasets\": [{\"synthetic\": \"paper-no2-low\"}],"
                + " \"discovery\": {\"method\": \"subset\"}, \"models\": [\"ordinary\"], \"structures\": [[2]],"
                + " \"training\": {\"epochs\": 100000}, \"seeds\": [1]}");
        browser.open(server.url("/#/experiments/" + id));
        browser.awaitElement("cancel", SHORT).click();
        browser.await(SHORT, d -> "CANCELLED".equals(browser.find("experiment-state").getText()));
        assertThat(browser.findAll("cancel")).as("no cancel button on a cancelled experiment").isEmpty();
    }

    @Test
    void deletesAFinishedExperimentOnceConfirmed() throws Exception {
        String kept = server.submitNoop(1);
        String id = server.submitNoop(2);
        server.awaitState(id, "DONE", RUN);
        browser.open(server.url("/#/experiments/" + id));
        assertThat(browser.awaitElement("experiment-state", SHORT).getText()).isEqualTo("DONE");

        browser.awaitElement("delete", SHORT).click();
        assertThat(browser.awaitElement("delete-question", SHORT).getText()).contains("2 noop tasks");
        browser.find("delete-keep").click();
        browser.awaitElement("delete", SHORT);
        assertThat(server.statusOf("/api/experiments/" + id)).as("kept when the question is answered no").isEqualTo(200);

        browser.find("delete").click();
        browser.awaitElement("delete-confirm", SHORT).click();
        browser.awaitElement("experiments-view", SHORT);
        assertThat(browser.driver().getCurrentUrl()).endsWith("#/experiments");
        browser.await(SHORT, d -> !d.findElements(row(kept)).isEmpty());
        assertThat(browser.driver().findElements(row(id))).as("the deleted experiment is still listed").isEmpty();
        assertThat(server.statusOf("/api/experiments/" + id)).isEqualTo(404);
        assertThat(server.statusOf("/api/experiments/" + kept)).isEqualTo(200);

        browser.driver().navigate().refresh();
        browser.await(SHORT, d -> !d.findElements(row(kept)).isEmpty());
        assertThat(browser.driver().findElements(row(id))).as("the server still lists the deleted experiment").isEmpty();
    }

    @Test
    void anExperimentDeletedElsewhereLeavesTheOpenListAndItsOpenPage() throws Exception {
        String kept = server.submitNoop(1);
        String listed = server.submitNoop(1);
        String viewed = server.submitNoop(1);
        server.awaitState(viewed, "DONE", RUN);
        browser.open(server.url("/#/experiments"));
        browser.await(SHORT, d -> !d.findElements(row(listed)).isEmpty() && !d.findElements(row(kept)).isEmpty());
        // Events reach this page once a new experiment shows up without a reload.
        browser.await(SHORT, d -> "live".equals(browser.find("bus-state").getText()) ? true : null);
        String probe = server.submitNoop(1);
        browser.await(SHORT, d -> !d.findElements(row(probe)).isEmpty());

        assertThat(server.delete(listed)).isEqualTo(204);
        browser.await(SHORT, d -> d.findElements(row(listed)).isEmpty());
        assertThat(browser.driver().findElements(row(kept))).as("an experiment nobody deleted").isNotEmpty();

        // Within the page (same event-bus connection), to the experiment that is deleted next.
        browser.driver().findElement(row(viewed)).findElement(By.cssSelector("[data-test=\"experiment-link\"]")).click();
        browser.await(SHORT, d -> d.getCurrentUrl().endsWith("#/experiments/" + viewed));
        browser.awaitElement("delete", SHORT);
        assertThat(server.delete(viewed)).isEqualTo(204);
        browser.await(SHORT, d -> d.getCurrentUrl().endsWith("#/experiments"));
        browser.awaitElement("experiments-view", SHORT);
        assertThat(browser.findAll("delete")).as("still on the deleted experiment's page").isEmpty();
    }

    @Test
    void showsTheClusterNodeWithItsSlots() {
        browser.open(server.url("/#/cluster"));
        WebElement row = browser.awaitElement("node-row", SHORT);
        assertThat(row.getAttribute("data-node")).isNotBlank();
        assertThat(browser.find("cluster-totals").getText()).matches("1 nodes · \\d+ workers · \\d+ of \\d+ slots busy");
    }

    private static By row(String experimentId) {
        return By.cssSelector("[data-test=\"experiment-row\"][data-id=\"" + experimentId + "\"]");
    }

    private void fill(String field, String value) {
        WebElement input = browser.awaitElement(field, SHORT);
        if ("select".equals(input.getTagName())) {
            new Select(input).selectByVisibleText(value);
            return;
        }
        input.clear();
        input.sendKeys(value);
    }

    private void fullPageScreenshot() throws IOException {
        browser.script("window.scrollTo(0, 0);");
        // The window's size includes its frame, so the page's height is topped up by the difference.
        long height = (Long) browser.script("return document.documentElement.scrollHeight + window.outerHeight - window.innerHeight;");
        Dimension before = browser.driver().manage().window().getSize();
        browser.driver().manage().window().setSize(new Dimension(1400, (int) Math.min(height + 16, 4000)));
        browser.script("return new Promise(r => setTimeout(() => requestAnimationFrame(() => r(true)), 300));");
        browser.screenshot(SCREENSHOT);
        // The README's copy is refreshed on request only, so a test run leaves the tracked tree alone.
        if (Boolean.getBoolean("taskneurons.docs.screenshot")) {
            Path docs = Path.of("..", "docs", "screenshot-experiment.png");
            Files.createDirectories(docs.getParent());
            Files.copy(SCREENSHOT, docs, StandardCopyOption.REPLACE_EXISTING);
        }
        browser.driver().manage().window().setSize(before);
    }

    /** A regression set like the paper's synthetic ones: y = 6x² plus a little noise. */
    static Path quadratic(Path file, int rows) throws IOException {
        Files.createDirectories(file.getParent());
        Random random = new Random(7);
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int r = 0; r < rows; r++) {
            double x = 2 * random.nextDouble() - 1;
            csv.append(String.format(Locale.ROOT, "%.6f,%.6f%n", x, 6 * x * x + 0.05 * random.nextGaussian()));
        }
        Files.writeString(file, csv);
        return file;
    }
}
