package routes.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Byte counts for people: printed as KiB/MiB/GiB, and read as 1048576, 1MiB, 512k or 2G. */
final class Units {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    private static final Pattern SIZE = Pattern.compile("(-?\\d+)\\s*([kmgtp]?)(i?b)?", Pattern.CASE_INSENSITIVE);

    private Units() {
    }

    static String bytes(long n) {
        if (Math.abs(n) < 1024) {
            return n + " B";
        }
        double v = n;
        int unit = 0;
        while (Math.abs(v) >= 1024 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, UNITS[unit]);
    }

    static String bytes(JsonNode n) {
        return n.isNumber() ? bytes(n.asLong()) : Table.cell(n);
    }

    /** Reads a size; a negative one is passed on, for the API to refuse with its own message. */
    static final class Size implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            Matcher m = SIZE.matcher(value.trim());
            if (!m.matches()) {
                throw new TypeConversionException("'" + value + "' is not a size (examples: 1048576, 512k, 1MiB, 2G)");
            }
            int power = "bkmgtp".indexOf(m.group(2).isEmpty() ? 'b' : Character.toLowerCase(m.group(2).charAt(0)));
            return Math.multiplyExact(Long.parseLong(m.group(1)), 1L << (10 * power));
        }
    }
}
