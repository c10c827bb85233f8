package dev.ordersystem.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class HttpConnectionTests {

    /** Answers each request on a connection with the next canned response; closes after the last one. */
    private static ServerSocket serve(List<String> responses, List<String> requests) throws Exception {
        ServerSocket server = new ServerSocket(0);
        Thread thread = new Thread(() -> {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                for (String response : responses) {
                    requests.add(readRequest(in));
                    out.write(response.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (Exception e) {
                // the test fails on its own assertions
            }
        });
        thread.setDaemon(true);
        thread.start();
        return server;
    }

    private static String readRequest(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.read());
        }
        String text = head.toString();
        int length = Integer.parseInt(text.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
        return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    @Test
    void readsChunkedAndFixedLengthResponsesOnOneKeptAliveConnection() throws Exception {
        List<String> requests = new CopyOnWriteArrayList<>();
        try (ServerSocket server = serve(
                        List.of(
                                "HTTP/1.1 201 \r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n"
                                        + "5\r\n{\"id\"\r\n3;ext=1\r\n:1}\r\n0\r\n\r\n",
                                "HTTP/1.1 400 \r\nContent-Length: 2\r\n\r\n{}"),
                        requests);
                HttpConnection http = new HttpConnection("localhost", server.getLocalPort())) {
            byte[] request = HttpConnection.postRequest(
                    "localhost",
                    server.getLocalPort(),
                    "/orders",
                    "token-1",
                    "{\"a\":1}".getBytes(StandardCharsets.UTF_8));

            assertThat(http.send(request)).isEqualTo(201);
            assertThat(http.send(request)).isEqualTo(400);
            assertThat(http.reconnects()).isZero();
            assertThat(requests)
                    .hasSize(2)
                    .allSatisfy(r -> assertThat(r)
                            .startsWith("POST /orders HTTP/1.1\r\n")
                            .contains("Authorization: Bearer token-1\r\n")
                            .contains("Content-Length: 7\r\n")
                            .endsWith("\r\n\r\n{\"a\":1}"));
        }
    }
}
