package dev.storefront.frontend;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page is served as files that a Content-Security-Policy of {@code default-src 'self'} allows:
 * no inline script, style element, style attribute or event-handler attribute. (How it behaves is
 * tested in a real browser by local's StorefrontPageIT.)
 */
@MicronautTest
class StorefrontPageTest extends FrontendTestBase {

    private static final Pattern INLINE_SCRIPT =
            Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern HANDLER_ATTRIBUTE = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.getURI().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pageLoadsItsScriptAndStylesFromFilesOfItsOrigin() throws Exception {
        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<script src=\"/app.js\" defer></script>")
                .contains("<link rel=\"stylesheet\" href=\"/app.css\">")
                .doesNotContain("<style").doesNotContain("style=").doesNotContain("javascript:");
        assertThat(INLINE_SCRIPT.matcher(page.body()).find()).as("inline script").isFalse();
        assertThat(HANDLER_ATTRIBUTE.matcher(page.body()).find()).as("event-handler attribute").isFalse();
    }

    @Test
    void scriptAndStylesAreServedWithTheirTypes() throws Exception {
        HttpResponse<String> script = get("/app.js");
        HttpResponse<String> styles = get("/app.css");

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).contains("javascript"));
        assertThat(script.body()).contains("crypto.getRandomValues").doesNotContain("crypto.randomUUID(")
                .doesNotContain("innerHTML").doesNotContain("eval(");
        assertThat(styles.statusCode()).isEqualTo(200);
        assertThat(styles.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/css"));
    }
}
