package org.taskneurons.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertTrue(browser.find("field-file").getAttribute("value").contains("quadratic"));
        fill("field-target", "y");
        fill("field-structures", "4");
        fill("field-seeds", "1-2");
        // Enough epochs that the trainings (on the fast fused path) last long enough to be watched.
        fill("field-epochs", "1500");
        fill("field-method", "gp");
        fill("field-activation", "tanh");
        browser.find("launch").click();

        browser.awaitElement("experiment-view", SHORT);
        assertTrue(browser.driver().getCurrentUrl().contains("#/experiments/"));
        assertEquals("quadratic from the form", browser.awaitElement("experiment-name", SHORT).getText());
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
        assertEquals(true, browser.script("return window.notReloaded === true;"), "the page was reloaded");
        assertTrue(percents.size() >= 2, "progress did not move while watched: " + percents);
        assertTrue(chartVersions.size() >= 2, "training curves did not grow live: " + chartVersions);
        assertTrue(taskStates.contains("DONE"), "task states " + taskStates);

        WebElement formula = browser.await(RUN, d -> {
            List<WebElement> rendered = d.findElements(By.cssSelector("[data-test=\"formula-math\"][data-rendered=\"true\"]"));
            return rendered.isEmpty() ? null : rendered.get(0);
        });
        assertFalse(formula.findElements(By.tagName("svg")).isEmpty(), "the formula is typeset as SVG");
        // GP: the front it chose from beside its curve by generation
        assertEquals("1", browser.awaitElement("pareto-front", SHORT).getAttribute("data-chosen"));
        assertFalse(browser.findAll("sr-chart").isEmpty(), "the GP curve by generation");
        String stability = browser.awaitElement("stability-summary", SHORT).getText();
        assertTrue(stability.matches("this formula in \\d+% of 20 resamples; modal .+ \\(\\d+%\\)"), stability);
        assertFalse(browser.findAll("stability-term").isEmpty(), "each term's inclusion frequency is shown");
        List<String> models = browser.await(RUN, d -> {
            List<String> found = browser.findAll("comparison-row").stream().map(r -> r.getAttribute("data-model")).toList();
            return found.size() == 2 ? found : null;
        });
        assertEquals(List.of("task-based", "ordinary"), models);
        assertEquals(List.of("2", "2"), browser.findAll("runs").stream().map(WebElement::getText).toList(),
                "both seeds of each model kept: no run diverged");
        assertFalse(browser.findAll("best").isEmpty(), "the better value is marked");
        assertEquals("100", browser.find("progress").getAttribute("data-percent"));

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
        assertTrue(epochs.getText().contains("training.epochs"), epochs.getText());
        WebElement file = browser.awaitElement("error-file", SHORT);
        assertTrue(file.getText().contains("datasets[0].file"), file.getText());
        assertTrue(browser.findAll("error-seeds").isEmpty(), "no message at an untouched field");
        assertTrue(browser.driver().getCurrentUrl().endsWith("#/new"), "nothing was launched");

        browser.find("mode-editor").click();
        WebElement text = browser.awaitElement("spec-text", SHORT);
        text.clear();
        text.sendKeys("name: bad\ndatasets:\n  - synthetic: paper-no1-low\ntraining:\n  optimizer: newton\n");
        browser.find("launch").click();
        WebElement violation = browser.await(SHORT, d -> {
            List<WebElement> found = browser.findAll("violation");
            return found.isEmpty() ? null : found.get(0);
        });
        assertEquals("training.optimizer", violation.getAttribute("data-field"));
        assertTrue(violation.getText().contains("newton"), violation.getText());
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
        assertEquals(name, link.getText());
        fill("filter-text", "onerror");
        browser.await(SHORT, d -> browser.findAll("experiment-row").size() == 1);
        fill("filter-text", "no experiment is called this");
        browser.await(SHORT, d -> browser.findAll("experiment-row").isEmpty());
        fill("filter-text", "onerror");
        link = browser.awaitElement("experiment-link", SHORT);
        link.click();
        assertEquals(name, browser.awaitElement("experiment-name", SHORT).getText());
        browser.awaitElement("task-table", SHORT);

        // the exact subset search has no generations: its Pareto front stands in for the curve, the chosen point marked
        WebElement front = browser.await(RUN, d -> d.findElements(By.cssSelector("[data-test=\"pareto-front\"]")).stream()
                .findFirst().orElse(null));
        assertTrue(Integer.parseInt(front.getAttribute("data-points")) > 1, "front points " + front.getAttribute("data-points"));
        assertEquals("1", front.getAttribute("data-chosen"));
        assertTrue(browser.findAll("sr-chart").isEmpty(), "a generation chart for the subset search");

        assertEquals(0L, browser.script("return document.querySelectorAll('img').length;"));
        assertThrows(NoAlertPresentException.class, () -> browser.driver().switchTo().alert());
    }

    @Test
    void cancelsARunningExperiment() throws Exception {
        String id = server.submit("{\"name\": \"long\", \"datasets\": [{\"synthetic\": \"paper-no2-low\"}],"
                + " \"discovery\": {\"method\": \"subset\"}, \"models\": [\"ordinary\"], \"structures\": [[2]],"
                + " \"training\": {\"epochs\": 100000}, \"seeds\": [1]}");
        browser.open(server.url("/#/experiments/" + id));
        browser.awaitElement("cancel", SHORT).click();
        browser.await(SHORT, d -> "CANCELLED".equals(browser.find("experiment-state").getText()));
        assertTrue(browser.findAll("cancel").isEmpty(), "no cancel button on a cancelled experiment");
    }

    @Test
    void deletesAFinishedExperimentOnceConfirmed() throws Exception {
        String kept = server.submitNoop(1);
        String id = server.submitNoop(2);
        server.awaitState(id, "DONE", RUN);
        browser.open(server.url("/#/experiments/" + id));
        assertEquals("DONE", browser.awaitElement("experiment-state", SHORT).getText());

        browser.awaitElement("delete", SHORT).click();
        assertTrue(browser.awaitElement("delete-question", SHORT).getText().contains("2 noop tasks"));
        browser.find("delete-keep").click();
        browser.awaitElement("delete", SHORT);
        assertEquals(200, server.statusOf("/api/experiments/" + id), "kept when the question is answered no");

        browser.find("delete").click();
        browser.awaitElement("delete-confirm", SHORT).click();
        browser.awaitElement("experiments-view", SHORT);
        assertTrue(browser.driver().getCurrentUrl().endsWith("#/experiments"), browser.driver().getCurrentUrl());
        browser.await(SHORT, d -> !d.findElements(row(kept)).isEmpty());
        assertTrue(browser.driver().findElements(row(id)).isEmpty(), "the deleted experiment is still listed");
        assertEquals(404, server.statusOf("/api/experiments/" + id));
        assertEquals(200, server.statusOf("/api/experiments/" + kept));

        browser.driver().navigate().refresh();
        browser.await(SHORT, d -> !d.findElements(row(kept)).isEmpty());
        assertTrue(browser.driver().findElements(row(id)).isEmpty(), "the server still lists the deleted experiment");
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

        assertEquals(204, server.delete(listed));
        browser.await(SHORT, d -> d.findElements(row(listed)).isEmpty());
        assertFalse(browser.driver().findElements(row(kept)).isEmpty(), "an experiment nobody deleted left the list");

        // Within the page (same event-bus connection), to the experiment that is deleted next.
        browser.driver().findElement(row(viewed)).findElement(By.cssSelector("[data-test=\"experiment-link\"]")).click();
        browser.await(SHORT, d -> d.getCurrentUrl().endsWith("#/experiments/" + viewed));
        browser.awaitElement("delete", SHORT);
        assertEquals(204, server.delete(viewed));
        browser.await(SHORT, d -> d.getCurrentUrl().endsWith("#/experiments"));
        browser.awaitElement("experiments-view", SHORT);
        assertTrue(browser.driver().findElements(By.cssSelector("[data-test=\"delete\"]")).isEmpty(),
                "still on the deleted experiment's page");
    }

    @Test
    void showsTheClusterNodeWithItsSlots() {
        browser.open(server.url("/#/cluster"));
        WebElement row = browser.awaitElement("node-row", SHORT);
        assertFalse(row.getAttribute("data-node").isBlank());
        assertTrue(browser.find("cluster-totals").getText().matches("1 nodes · \\d+ workers · \\d+ of \\d+ slots busy"),
                browser.find("cluster-totals").getText());
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
