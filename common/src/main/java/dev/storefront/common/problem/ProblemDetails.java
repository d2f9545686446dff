package dev.storefront.common.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.zalando.problem.Problem;

import java.net.URI;
import java.util.Map;

/**
 * The body of an {@code application/problem+json} answer per RFC 9457: {@code type},
 * {@code title}, {@code status}, {@code detail}, optional {@code instance}, and extension members
 * (such as {@code errors}) at the top level, as §3.2 asks.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class ProblemDetails {

    private static final URI ABOUT_BLANK = URI.create("about:blank");

    private final URI type;
    private final String title;
    private final int status;
    private final String detail;
    private final URI instance;
    private final Map<String, Object> extensions;

    private ProblemDetails(URI type, String title, int status, @Nullable String detail, @Nullable URI instance,
                           Map<String, Object> extensions) {
        this.type = type;
        this.title = title;
        this.status = status;
        this.detail = detail;
        this.instance = instance;
        this.extensions = extensions;
    }

    /** The body of a problem; a missing type is {@code about:blank} (RFC 9457 §4.2.1). */
    static ProblemDetails from(Problem problem) {
        int status = problem.getStatus() == null ? 500 : problem.getStatus().getStatusCode();
        return new ProblemDetails(
                problem.getType() == null ? ABOUT_BLANK : problem.getType(),
                problem.getTitle(),
                status,
                problem.getDetail(),
                problem.getInstance(),
                Map.copyOf(problem.getParameters()));
    }

    /** Problem type URI. */
    public URI getType() {
        return type;
    }

    /** Short summary of the problem type. */
    public String getTitle() {
        return title;
    }

    /** HTTP status code. */
    public int getStatus() {
        return status;
    }

    /** What went wrong with this request; null for server errors. */
    @Nullable
    public String getDetail() {
        return detail;
    }

    /** URI of this occurrence, if any. */
    @Nullable
    public URI getInstance() {
        return instance;
    }

    /** Extension members, written at the top level of the JSON object. */
    @JsonAnyGetter
    public Map<String, Object> getExtensions() {
        return extensions;
    }
}
