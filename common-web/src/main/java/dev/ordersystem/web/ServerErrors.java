package dev.ordersystem.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors that no exception handler sees are problems too, never the server's HTML error page: a request that Tomcat
 * refuses before any servlet runs (a header over {@code server.max-http-request-header-size}, an over-long URI, an
 * encoded slash or an invalid character in the path, a {@code TRACE}) is answered by {@link ProblemReportValve}, which
 * replaces the host's error report valve; an error that a filter reports with {@code sendError} (e.g. Spring Security's
 * firewall refusing a path) by this error controller at {@code /error}, in place of Spring Boot's.
 *
 * <p>A service registers it as a bean, with the problem it answers for a status.
 */
@RestController
@Hidden // not an operation of the API: the answer of errors that no handler saw
public class ServerErrors implements ErrorController, WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private static final JacksonJsonHttpMessageConverter JSON = new JacksonJsonHttpMessageConverter();

    private final IntFunction<ProblemDetail> problemForStatus;

    public ServerErrors(IntFunction<ProblemDetail> problemForStatus) {
        this.problemForStatus = problemForStatus;
    }

    /** Replaces the host's error report valve (Tomcat's, or the one Spring Boot configured) with ours. */
    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.getPipeline().addValve(new ProblemReportValve(problemForStatus));
                // so that starting the host adds no other
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
        });
    }

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        ProblemDetail problem = problemForStatus.apply(status instanceof Integer code ? code : 500);
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    /** Tomcat's error report valve, writing a problem instead of an HTML page, under the same conditions. */
    static class ProblemReportValve extends ErrorReportValve {

        private final IntFunction<ProblemDetail> problemForStatus;

        ProblemReportValve(IntFunction<ProblemDetail> problemForStatus) {
            this.problemForStatus = problemForStatus;
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            // as Tomcat's: only an error response that nothing has been written to, and only once
            if (response.getStatus() < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            var ioAllowed = new AtomicBoolean();
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get()) {
                return;
            }
            try {
                var output = new ServletServerHttpResponse(response);
                JSON.write(problemForStatus.apply(response.getStatus()), MediaType.APPLICATION_PROBLEM_JSON, output);
                output.flush();
                response.finishResponse();
            } catch (IOException | RuntimeException e) {
                // the client is gone, or the response cannot be written: nothing left to tell it
            }
        }
    }
}
