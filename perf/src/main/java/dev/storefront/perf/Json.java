package dev.storefront.perf;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Writes maps, lists, strings, numbers, booleans and null as indented JSON (RFC 8259). */
final class Json {

    private Json() {
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, "");
        return out.append('\n').toString();
    }

    private static void write(Object value, StringBuilder out, String indent) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Map<?, ?> map) {
            writeEntries(map.entrySet().iterator(), out, indent, '{', '}');
        } else if (value instanceof List<?> list) {
            writeEntries(list.iterator(), out, indent, '[', ']');
        } else if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            out.append(Double.isFinite(number) ? Double.toString(Math.round(number * 1000) / 1000.0) : "null");
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else {
            string(value.toString(), out);
        }
    }

    private static void writeEntries(Iterator<?> entries, StringBuilder out, String indent, char open, char close) {
        out.append(open);
        String inner = indent + "  ";
        boolean first = true;
        while (entries.hasNext()) {
            Object entry = entries.next();
            out.append(first ? "\n" : ",\n").append(inner);
            first = false;
            if (entry instanceof Map.Entry<?, ?> keyed) {
                string(keyed.getKey().toString(), out);
                out.append(": ");
                write(keyed.getValue(), out, inner);
            } else {
                write(entry, out, inner);
            }
        }
        out.append(first ? "" : "\n" + indent).append(close);
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Reads the flat object wrk's script prints: string keys, number values. */
    static Map<String, Double> readFlatNumbers(String json) {
        Map<String, Double> values = new java.util.LinkedHashMap<>();
        String body = json.trim();
        body = body.substring(body.indexOf('{') + 1, body.lastIndexOf('}'));
        for (String pair : body.split(",")) {
            String[] keyAndValue = pair.split(":", 2);
            values.put(keyAndValue[0].trim().replace("\"", ""), Double.parseDouble(keyAndValue[1].trim()));
        }
        return values;
    }
}
