package dev.storefront.common.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket to 127.0.0.1, byte for byte: what a careless or hostile client sends
 * (bytes no HTTP client library would put in a header, a wrong Content-Encoding, a request that
 * trickles in), and what the server answers or whether it hangs up.
 */
public final class RawHttp {

    /**
     * An answer.
     *
     * @param status HTTP status, or 0 when the server closed the connection without answering
     * @param headers first value of each header, names in lower case
     * @param body the body as UTF-8 text (de-chunked)
     */
    public record Answer(int status, Map<String, String> headers, String body) {

        /** A header's value, or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * How a trickled request ended.
     *
     * @param answer what the server sent before closing (status 0 if nothing)
     * @param closedAfter time from the first byte sent to the server's close
     * @param bytesSent how many bytes were sent before the close
     */
    public record Trickle(Answer answer, Duration closedAfter, int bytesSent) {
    }

    private final int port;

    /** @param port the port of the server on 127.0.0.1 */
    public RawHttp(int port) {
        this.port = port;
    }

    /**
     * The bytes of a request with {@code Host} and {@code Connection: close}.
     *
     * @param head request line and headers, one per line, without the final empty line; each char
     *     is sent as one byte (ISO-8859-1), so {@code "\u00e9"} sends the byte 0xE9
     * @param body the body, sent as is after the empty line
     */
    public static byte[] request(String head, byte[] body) {
        String[] lines = head.split("\n", 2);
        String headers = lines[0] + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + (lines.length > 1 ? lines[1].replace("\n", "\r\n") + "\r\n" : "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(headers.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** Sends the request at once and reads the answer until the server closes (at most 15 s). */
    public Answer exchange(byte[] request) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("no answer from 127.0.0.1:" + port, e);
        }
    }

    /**
     * Sends {@code prefix} at once, then the rest one byte per {@code interval}, and reads
     * meanwhile: stops when the server closes the connection, or at {@code limit}.
     *
     * @return what came back and when the server closed; closedAfter is {@code limit} or more if it never did
     */
    public Trickle trickle(byte[] prefix, byte[] rest, Duration interval, Duration limit) {
        long start = System.nanoTime();
        long end = start + limit.toNanos();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        int sent = 0;
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(prefix);
            out.flush();
            sent += prefix.length;
            byte[] buffer = new byte[4096];
            int next = 0;
            while (System.nanoTime() < end) {
                // Waiting for the next byte's time is a read with that timeout: any answer or close ends it.
                socket.setSoTimeout((int) Math.max(1, interval.toMillis()));
                try {
                    int n = in.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    received.write(buffer, 0, n);
                    continue;
                } catch (SocketTimeoutException dueForNextByte) {
                    // the interval passed without news from the server
                }
                if (next < rest.length) {
                    try {
                        out.write(rest[next++]);
                        out.flush();
                        sent++;
                    } catch (IOException closedWhileSending) {
                        break;
                    }
                }
            }
        } catch (IOException resetByServer) {
            // a reset is a close too
        }
        return new Trickle(parse(received.toByteArray()), Duration.ofNanos(System.nanoTime() - start), sent);
    }

    private static Answer parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/") || headEnd < 0) {
            return new Answer(0, Map.of(), "");
        }
        String[] lines = text.substring(0, headEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, headEnd + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String text = new String(chunked, StandardCharsets.ISO_8859_1);
        int at = 0;
        while (at < text.length()) {
            int lineEnd = text.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }
}
