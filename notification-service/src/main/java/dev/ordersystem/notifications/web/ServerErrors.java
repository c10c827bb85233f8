package dev.ordersystem.notifications.web;

import dev.ordersystem.notifications.Problems;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors that no exception handler sees are problems too, never the server's HTML error page: what Tomcat refuses
 * before any servlet runs (a header over {@code server.max-http-request-header-size}, an over-long URI, an encoded
 * slash or an invalid character in the path, {@code TRACE}) is answered by the host's error report valve, replaced
 * here; what a filter refuses with {@code sendError} (Spring Security's firewall) by the error controller at {@code
 * /error}, in place of Spring Boot's.
 */
@Configuration(proxyBeanMethods = false)
class ServerErrors {

    private static final JacksonJsonHttpMessageConverter JSON = new JacksonJsonHttpMessageConverter();

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReportValve() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.getPipeline().addValve(new ProblemReportValve());
                host.setErrorReportValveClass(ProblemReportValve.class.getName()); // the host adds no other
            }
        });
    }

    @RestController
    @Hidden // not an operation of the API: the answer of errors that no handler saw
    static class ProblemErrorController implements ErrorController {

        @RequestMapping("${server.error.path:/error}")
        ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
            var problem = Problems.forStatus(
                    request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer status ? status : 500);
            return ResponseEntity.status(problem.getStatus()).body(problem);
        }
    }

    /** Writes a problem where Tomcat's valve writes an HTML page, under the same conditions. */
    static class ProblemReportValve extends ErrorReportValve {

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            var ioAllowed = new AtomicBoolean();
            if (response.getStatus() >= 400 && response.getContentWritten() == 0 && response.setErrorReported()) {
                response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            }
            if (ioAllowed.get()) {
                try {
                    var output = new ServletServerHttpResponse(response);
                    JSON.write(Problems.forStatus(response.getStatus()), MediaType.APPLICATION_PROBLEM_JSON, output);
                    output.flush();
                    response.finishResponse();
                } catch (IOException | RuntimeException clientGone) {
                    // nobody left to answer
                }
            }
        }
    }
}
