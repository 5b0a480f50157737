package routes.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Columns padded to their widest cell; a missing or null value shows as "-". */
final class Table {

    private final List<String[]> rows = new ArrayList<>();

    Table(String... headers) {
        rows.add(headers);
    }

    Table row(Object... cells) {
        String[] r = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            r[i] = cell(cells[i]);
        }
        rows.add(r);
        return this;
    }

    /** Rows below the header. */
    int size() {
        return rows.size() - 1;
    }

    void print(PrintWriter out) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? r[i] : String.format("%-" + width[i] + "s  ", r[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** "name: value" lines with the values aligned, for one record. */
    static void fields(PrintWriter out, Object... namesAndValues) {
        int width = 0;
        for (int i = 0; i < namesAndValues.length; i += 2) {
            width = Math.max(width, namesAndValues[i].toString().length());
        }
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.printf("%-" + (width + 1) + "s %s%n", namesAndValues[i] + ":", cell(namesAndValues[i + 1]));
        }
    }

    static String cell(Object value) {
        if (value instanceof JsonNode n) {
            return n.isMissingNode() || n.isNull() ? "-" : n.isValueNode() ? n.asText() : n.toString();
        }
        return value == null ? "-" : value.toString();
    }
}
