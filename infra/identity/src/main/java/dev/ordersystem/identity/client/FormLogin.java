package dev.ordersystem.identity.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What a browser does between the authorization request and the redirect to the client: it follows the redirects
 * with the session cookie, fills in the login form once (username, password and the hidden CSRF token) and delivers
 * the final redirect to the {@link LoopbackRedirect}. Written for the HTML of Spring Security's login page.
 */
final class FormLogin {

    private static final int MAX_STEPS = 10;
    private static final Pattern FORM =
            Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile("([\\w-]+)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')");

    private final HttpClient http;
    private final Duration timeout;
    /** The cookies a browser would keep, by host. */
    private final Map<String, Map<String, String>> cookies = new HashMap<>();

    private FormLogin(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    /** Logs in from {@code authorize} until the authorization server redirects to {@code redirect}. */
    static void run(
            HttpClient http,
            Duration timeout,
            URI authorize,
            LoopbackRedirect redirect,
            String username,
            String password) {
        new FormLogin(http, timeout).run(authorize, redirect, username, password);
    }

    private void run(URI authorize, LoopbackRedirect redirect, String username, String password) {
        HttpResponse<String> response = send(request(authorize).GET());
        boolean submitted = false;
        for (int step = 0; step < MAX_STEPS; step++) {
            String location = response.headers().firstValue("Location").orElse(null);
            LoginForm form = response.statusCode() == 200 ? LoginForm.find(response.body()) : null;
            if (response.statusCode() / 100 == 3 && location != null) {
                URI next = response.uri().resolve(location);
                response = send(request(next).GET());
                if (redirect.isTarget(next)) {
                    return; // delivered: the listener has the code
                }
            } else if (form != null && !submitted) {
                Map<String, String> fields = new LinkedHashMap<>(form.hidden());
                fields.put(form.usernameField(), username);
                fields.put(form.passwordField(), password);
                response = send(request(response.uri().resolve(form.action()))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(FormEncoding.encode(fields))));
                submitted = true;
            } else if (form != null) {
                throw new TokenRequestException("Login of '" + username
                        + "' failed: the authorization server did not accept the username or password");
            } else {
                throw new TokenRequestException("Unexpected answer from " + response.uri() + ": HTTP "
                        + response.statusCode() + " " + TokenClient.excerpt(response.body()));
            }
        }
        throw new TokenRequestException("Login of '" + username + "' did not finish within " + MAX_STEPS + " steps");
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "text/html,application/xhtml+xml");
        Map<String, String> sent = cookies.getOrDefault(uri.getHost(), Map.of());
        if (!sent.isEmpty()) {
            request.header(
                    "Cookie",
                    sent.entrySet().stream()
                            .map(cookie -> cookie.getKey() + "=" + cookie.getValue())
                            .collect(Collectors.joining("; ")));
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        HttpResponse<String> response = TokenClient.send(http, request.build());
        Map<String, String> kept = cookies.computeIfAbsent(response.uri().getHost(), host -> new LinkedHashMap<>());
        for (String setCookie : response.headers().allValues("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0];
            int equals = pair.indexOf('=');
            if (equals > 0) {
                kept.put(
                        pair.substring(0, equals).trim(),
                        pair.substring(equals + 1).trim());
            }
        }
        return response;
    }

    /** The first form of a page that has a password field. */
    private record LoginForm(String action, String usernameField, String passwordField, Map<String, String> hidden) {

        static @Nullable LoginForm find(String html) {
            Matcher form = FORM.matcher(html);
            while (form.find()) {
                String action = attributes(form.group(1)).getOrDefault("action", "");
                String usernameField = null;
                String passwordField = null;
                Map<String, String> hidden = new LinkedHashMap<>();
                Matcher input = INPUT.matcher(form.group(2));
                while (input.find()) {
                    Map<String, String> attributes = attributes(input.group(1));
                    String type = attributes.getOrDefault("type", "text").toLowerCase();
                    String name = attributes.get("name");
                    if (name == null) {
                        continue;
                    }
                    switch (type) {
                        case "password" -> passwordField = name;
                        case "hidden" -> hidden.put(name, attributes.getOrDefault("value", ""));
                        case "text", "email" -> usernameField = usernameField == null ? name : usernameField;
                        default -> {
                            // checkboxes and buttons are not sent
                        }
                    }
                }
                if (usernameField != null && passwordField != null) {
                    return new LoginForm(action, usernameField, passwordField, hidden);
                }
            }
            return null;
        }

        private static Map<String, String> attributes(String tag) {
            Map<String, String> attributes = new HashMap<>();
            Matcher attribute = ATTRIBUTE.matcher(tag);
            while (attribute.find()) {
                String value = attribute.group(2) != null ? attribute.group(2) : attribute.group(3);
                attributes.putIfAbsent(attribute.group(1).toLowerCase(), unescape(value));
            }
            return attributes;
        }

        private static String unescape(String html) {
            return html.replace("&quot;", "\"")
                    .replace("&#39;", "'")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&amp;", "&");
        }
    }
}
