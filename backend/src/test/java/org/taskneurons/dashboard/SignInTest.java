package org.taskneurons.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server that requires a token: the dashboard asks for it, keeps it for the tab, and goes live with it. */
class SignInTest {
    private static final String TOKEN = "dashboard-test-token-0123456789";
    private static final Duration SHORT = Duration.ofSeconds(15);

    @TempDir
    Path temp;

    @Test
    void signsInWithTheServersToken() throws Exception {
        try (Browser browser = Browser.start(1200, 900);
                DashboardServer server = DashboardServer.start(temp.resolve("state"), temp.resolve("data"), TOKEN)) {
            browser.open(server.url("/#/experiments"));
            browser.awaitElement("sign-in", SHORT);
            assertThat(browser.findAll("sign-out")).isEmpty();
            browser.await(SHORT, d -> "denied".equals(browser.find("bus-state").getText()));

            browser.find("token-input").sendKeys(TOKEN);
            browser.find("token-submit").click();

            browser.await(SHORT, d -> browser.findAll("sign-in").isEmpty());
            browser.await(SHORT, d -> "live".equals(browser.find("bus-state").getText()));
            assertThat(browser.script("return sessionStorage.getItem('taskneurons.token');")).isEqualTo(TOKEN);

            browser.driver().navigate().refresh();
            browser.awaitElement("experiments-view", SHORT);
            browser.await(SHORT, d -> "live".equals(browser.find("bus-state").getText()));
            assertThat(browser.findAll("sign-in")).as("the token is kept for the tab").isEmpty();
        }
    }
}
