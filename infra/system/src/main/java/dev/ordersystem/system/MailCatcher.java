package dev.ordersystem.system;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real SMTP server (GreenMail) that keeps every message it receives, and a small web page listing them: what Mailpit
 * is in the Docker environment, for machines without Docker.
 */
public final class MailCatcher implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final GreenMail smtp;
    private final HttpServer web;

    private MailCatcher(GreenMail smtp, HttpServer web) {
        this.smtp = smtp;
        this.web = web;
    }

    /** Starts SMTP on {@code smtpPort} and the viewer on {@code webPort} (both on localhost). */
    public static MailCatcher start(int smtpPort, int webPort) {
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            HttpServer web = HttpServer.create(new InetSocketAddress("127.0.0.1", webPort), 0);
            MailCatcher catcher = new MailCatcher(smtp, web);
            web.createContext("/api/messages", catcher::json);
            web.createContext("/", catcher::html);
            web.start();
            return catcher;
        } catch (IOException e) {
            smtp.stop();
            throw new UncheckedIOException("Could not start the mail viewer on port " + webPort, e);
        }
    }

    /** A received message, as the viewer shows it. */
    public record Mail(String messageId, String to, String subject, String body) {}

    /** Every message received so far, newest first. */
    public List<Mail> messages() {
        List<Mail> mails = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            try {
                mails.add(new Mail(
                        String.valueOf(message.getMessageID()),
                        Arrays.toString(message.getAllRecipients()),
                        String.valueOf(message.getSubject()),
                        GreenMailUtil.getBody(message)));
            } catch (MessagingException e) {
                mails.add(new Mail("?", "?", "unreadable message: " + e.getMessage(), ""));
            }
        }
        Collections.reverse(mails);
        return mails;
    }

    public int smtpPort() {
        return smtp.getSmtp().getPort();
    }

    public String webUrl() {
        return "http://localhost:" + web.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
        web.stop(0);
        smtp.stop();
    }

    private void json(HttpExchange exchange) throws IOException {
        respond(exchange, "application/json", JSON.writeValueAsString(Map.of("messages", messages())));
    }

    private void html(HttpExchange exchange) throws IOException {
        StringBuilder page =
                new StringBuilder("<!doctype html><meta charset=utf-8><title>Mail</title><h1>Received mail</h1>"
                        + "<p>Newest first. JSON at <a href=/api/messages>/api/messages</a>.</p>");
        for (Mail mail : messages()) {
            page.append("<hr><p><b>")
                    .append(escape(mail.subject()))
                    .append("</b><br>to ")
                    .append(escape(mail.to()))
                    .append("<br><small>")
                    .append(escape(mail.messageId()))
                    .append("</small></p><pre>")
                    .append(escape(mail.body()))
                    .append("</pre>");
        }
        respond(exchange, "text/html; charset=utf-8", page.toString());
    }

    private static void respond(HttpExchange exchange, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(200, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
